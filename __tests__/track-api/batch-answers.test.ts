// What each kind of Customer.io answer to a batch request becomes for the batch's events, through actions-core's
// executeBatch (trackEvent's items carry the batch; any action's would do).
import nock from 'nock'
import { US, newTestDestination, textOf, SITE_ID, API_KEY, AUTH_HEADER } from '../__helpers__/destination'
import { mappingFor } from '../__helpers__/runner'
import { SENT, TRACKED, bodyOf, delivered, sendTracked } from '../__helpers__/tracked-batch'

describe('the answer to a batch sent as one request', () => {
  it('200 {} delivers every event', async () => {
    expect(await sendTracked((i) => i.reply(200, {}))).toEqual([delivered(0), delivered(1), delivered(2)])
  })

  it('200 with errors fails only the named event', async () => {
    const result = await sendTracked((i) =>
      i.reply(200, { errors: [{ batch_index: 2, reason: 'duplicate', message: 'seen before' }] })
    )
    expect(result).toEqual([
      delivered(0),
      delivered(1),
      {
        status: 400,
        errortype: 'BAD_REQUEST',
        errormessage: 'seen before',
        errorreporter: 'DESTINATION',
        sent: SENT[2],
        body: bodyOf(2)
      }
    ])
  })

  it('207 fails each named event with all of its errors', async () => {
    const result = await sendTracked((i) =>
      i.reply(207, {
        errors: [
          { batch_index: 0, reason: 'invalid', field: 'name', message: 'name is too long' },
          { batch_index: 0, reason: 'invalid', field: 'attributes.plan', message: 'value too long' },
          { batch_index: 1, reason: 'required', field: 'identifiers' }
        ]
      })
    )
    expect(result).toEqual([
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'name is too long; value too long (field attributes.plan)',
        errorreporter: 'DESTINATION',
        sent: SENT[0],
        body: bodyOf(0)
      },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'required: identifiers',
        errorreporter: 'DESTINATION',
        sent: SENT[1],
        body: bodyOf(1)
      },
      delivered(2)
    ])
  })

  it('207 sent as a JSON string (text/plain) is parsed', async () => {
    const result = await sendTracked((i) =>
      i.reply(207, JSON.stringify({ errors: [{ batch_index: 1, reason: 'invalid', message: 'bad' }] }), {
        'content-type': 'text/plain'
      })
    )
    expect(result).toEqual([
      delivered(0),
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'bad',
        errorreporter: 'DESTINATION',
        sent: SENT[1],
        body: bodyOf(1)
      },
      delivered(2)
    ])
  })

  it('207 with an error it cannot attribute reports no event as delivered', async () => {
    const result = await sendTracked((i) => i.reply(207, { errors: [{ reason: 'invalid', message: 'somewhere' }] }))
    const message =
      'Customer.io answered 207 with errors without a usable batch_index: [{"reason":"invalid","message":"somewhere"}], so this event\'s delivery is not confirmed; it will be retried.'
    expect(result).toEqual(
      [0, 1, 2].map((i) => ({
        status: 502,
        errortype: 'BAD_GATEWAY',
        errormessage: message,
        errorreporter: 'DESTINATION',
        sent: SENT[i],
        body: bodyOf(i)
      }))
    )
  })

  it('400 becomes a per-event error with the message from the body', async () => {
    const result = await sendTracked((i) =>
      i.reply(400, { errors: [{ reason: 'invalid', field: 'batch', message: 'batch is malformed' }] })
    )
    expect(result).toEqual(
      [0, 1, 2].map((i) => ({
        status: 400,
        errortype: 'BAD_REQUEST',
        errormessage: 'Customer.io rejected the request with HTTP 400: batch is malformed',
        errorreporter: 'DESTINATION',
        sent: SENT[i],
        body: bodyOf(i)
      }))
    )
  })

  it('401 becomes a per-event authentication error', async () => {
    const result = await sendTracked((i) => i.reply(401, { meta: { error: 'Unauthorized request' } }))
    expect(result).toEqual(
      [0, 1, 2].map((i) => ({
        status: 401,
        errortype: 'INVALID_AUTHENTICATION',
        errormessage: 'Customer.io rejected the request with HTTP 401: Unauthorized request',
        errorreporter: 'DESTINATION',
        sent: SENT[i],
        body: bodyOf(i)
      }))
    )
    expect(textOf(result)).not.toContain(SITE_ID)
    expect(textOf(result)).not.toContain(API_KEY)
  })

  it.each([
    [429, 'Too Many Requests'],
    [500, 'Internal Server Error'],
    [503, 'Service Unavailable'],
    [408, 'Request Timeout']
  ])('%d is rethrown so the platform retries the batch', async (status, statusText) => {
    const error = await sendTracked((i) => i.reply(status, { message: 'later' })).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'HTTPError', message: statusText, response: { status } })
    expect(String((error as Error).message)).not.toContain(API_KEY)
  })

  it('a network error is rethrown', async () => {
    const error = await sendTracked((i) => i.replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })).catch(
      (e: unknown) => e
    )
    expect(error).toMatchObject({ name: 'FetchError', code: 'ECONNRESET' })
  })

  it('sends Basic auth and never puts the credentials in an outcome', async () => {
    const scope = nock(US.host).post('/api/v2/batch').matchHeader('authorization', AUTH_HEADER).reply(200, {})
    const result = await newTestDestination().executeBatch('trackEvent', {
      events: TRACKED,
      settings: US.settings,
      mapping: mappingFor('trackEvent')
    })
    expect(scope.isDone()).toBe(true)
    for (const secret of [SITE_ID, API_KEY, AUTH_HEADER]) expect(textOf(result)).not.toContain(secret)
  })
})
