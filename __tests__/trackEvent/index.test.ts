import nock from 'nock'
import { fixedEvent, US, newTestDestination, textOf, SITE_ID, API_KEY, AUTH_HEADER } from '../helpers/destination'
import { describeItemsForEachPath, mappingFor } from '../helpers/runner'
import { TIME_ZONES, evaluateInTimeZone } from '../helpers/time-zone'
import { buildBatchItem } from '../../src/track-api/build-item'
import { toEventItem } from '../../src/trackEvent'
import type { Payload } from '../../src/trackEvent/generated-types'

const ORDER = fixedEvent({
  type: 'track',
  event: 'Order Completed',
  userId: 'u-123',
  anonymousId: 'a-9f2',
  properties: {
    total: 42.5,
    currency: 'EUR',
    placed_at: '2024-08-14T20:36:48.652752123Z',
    items: [{ sku: 'A-1', shipped_at: '2024-08-15T08:00:00Z' }]
  }
})

describeItemsForEachPath('trackEvent', [
  {
    name: 'a known person, with ISO dates in the properties converted and the anonymous id in the attributes',
    event: ORDER,
    expected: {
      type: 'person',
      action: 'event',
      identifiers: { id: 'u-123' },
      name: 'Order Completed',
      id: 'msg-0001',
      timestamp: 1723667808,
      attributes: {
        total: 42.5,
        currency: 'EUR',
        placed_at: 1723667808,
        items: [{ sku: 'A-1', shipped_at: 1723708800 }],
        anonymous_id: 'a-9f2'
      }
    }
  },
  {
    name: 'an anonymous visitor, with convert_timestamp off',
    event: fixedEvent({
      type: 'track',
      event: 'Viewed',
      userId: null,
      anonymousId: 'a-9f2',
      properties: { at: '2024-08-14T20:36:48Z' }
    }),
    mapping: { convert_timestamp: false },
    expected: {
      type: 'person',
      action: 'event',
      identifiers: { anonymous_id: 'a-9f2' },
      name: 'Viewed',
      id: 'msg-0001',
      timestamp: 1723667808,
      attributes: { at: '2024-08-14T20:36:48Z' }
    }
  },
  {
    name: 'an email as person id, and a decimal unix-second timestamp sent as the integer',
    event: fixedEvent({
      type: 'track',
      event: 'Signed Up',
      userId: 'ana@example.com',
      timestamp: '1712345678.123',
      properties: {}
    }),
    expected: {
      type: 'person',
      action: 'event',
      identifiers: { email: 'ana@example.com' },
      name: 'Signed Up',
      id: 'msg-0001',
      timestamp: 1712345678,
      attributes: { anonymous_id: 'anonId1234' }
    }
  },
  {
    name: 'a numeric timestamp (a string once actions-core maps it) is sent as the integer',
    event: fixedEvent({ type: 'track', event: 'Paid', userId: 'u-1', properties: { paid_at: 1712345678 } }),
    mapping: { timestamp: { '@path': '$.properties.paid_at' } },
    expected: {
      type: 'person',
      action: 'event',
      identifiers: { id: 'u-1' },
      name: 'Paid',
      id: 'msg-0001',
      timestamp: 1712345678,
      attributes: { paid_at: 1712345678, anonymous_id: 'anonId1234' }
    }
  },
  {
    name: 'an RFC 2822 timestamp is converted as dayjs.utc reads it; a date-only property becomes UTC midnight',
    event: fixedEvent({
      type: 'track',
      event: 'Birthday Set',
      userId: 'u-1',
      anonymousId: null,
      timestamp: 'Tue, 01 Jan 2019 00:00:00 GMT',
      properties: { birthday: '2019-02-01', sql_time: '2019-02-01 10:00:00' }
    }),
    expected: {
      type: 'person',
      action: 'event',
      identifiers: { id: 'u-1' },
      name: 'Birthday Set',
      id: 'msg-0001',
      timestamp: 1546300800,
      attributes: { birthday: 1548979200, sql_time: '2019-02-01 10:00:00' }
    }
  },
  {
    name: 'an anonymous_id property is left out when the anonymous id is the identifier',
    event: fixedEvent({
      type: 'track',
      event: 'Viewed',
      userId: null,
      anonymousId: 'a-9f2',
      properties: { anonymous_id: 'a-9f2', plan: 'pro' }
    }),
    expected: {
      type: 'person',
      action: 'event',
      identifiers: { anonymous_id: 'a-9f2' },
      name: 'Viewed',
      id: 'msg-0001',
      timestamp: 1723667808,
      attributes: { plan: 'pro' }
    }
  }
])

describe('trackEvent under other time zones', () => {
  const payload = {
    id: 'u-1',
    name: 'Birthday Set',
    timestamp: 'Tue, 01 Jan 2019 00:00:00 GMT',
    data: { birthday: '2019-02-01', since: '01/01/2019' },
    convert_timestamp: true
  }
  it.each(TIME_ZONES)('TZ=%s: the same item as under UTC', (zone) => {
    // Built here too: the child's lines are then covered by this test, so a mutation run runs it for them.
    const here = buildBatchItem(toEventItem(payload as Payload))
    const item = evaluateInTimeZone(
      zone,
      { build: 'src/track-api/build-item.ts', action: 'src/trackEvent/index.ts' },
      `build.buildBatchItem(action.toEventItem(${JSON.stringify(payload)}))`
    )
    expect(item).toEqual({
      type: 'person',
      action: 'event',
      identifiers: { id: 'u-1' },
      name: 'Birthday Set',
      timestamp: 1546300800,
      attributes: { birthday: 1548979200, since: '01/01/2019' }
    })
    expect(item).toEqual(here)
  })
})

describe('trackEvent executeBatch outcomes', () => {
  const events = [
    fixedEvent({ type: 'track', event: 'First', userId: 'u-1', properties: {} }),
    fixedEvent({ type: 'track', event: 'Second', userId: 'u-2', properties: {} }),
    fixedEvent({ type: 'track', event: 'Third', userId: 'u-3', properties: {} })
  ]
  const item = (name: string, user: string) => ({
    type: 'person',
    action: 'event',
    identifiers: { id: user },
    name,
    id: 'msg-0001',
    timestamp: 1723667808,
    attributes: { anonymous_id: 'anonId1234' }
  })
  const sent = [item('First', 'u-1'), item('Second', 'u-2'), item('Third', 'u-3')]
  const body = (i: number) => expect.objectContaining({ name: sent[i].name, id: sent[i].identifiers.id })
  const ok = (i: number) => ({ status: 200, sent: sent[i], body: body(i) })

  async function run(reply: (scope: nock.Interceptor) => nock.Scope, batch = events) {
    const scope = reply(nock(US.host).post('/api/v2/batch', { batch: sent.slice(0, batch.length) }))
    const result = await newTestDestination().executeBatch('trackEvent', {
      events: batch,
      settings: US.settings,
      mapping: mappingFor('trackEvent')
    })
    expect(scope.isDone()).toBe(true)
    return result
  }

  it('200 {} delivers every event', async () => {
    expect(await run((i) => i.reply(200, {}))).toEqual([ok(0), ok(1), ok(2)])
  })

  it('200 with errors fails only the named event', async () => {
    const result = await run((i) =>
      i.reply(200, { errors: [{ batch_index: 2, reason: 'duplicate', message: 'seen before' }] })
    )
    expect(result).toEqual([
      ok(0),
      ok(1),
      {
        status: 400,
        errortype: 'BAD_REQUEST',
        errormessage: 'seen before',
        errorreporter: 'DESTINATION',
        sent: sent[2],
        body: body(2)
      }
    ])
  })

  it('207 fails each named event with all of its errors', async () => {
    const result = await run((i) =>
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
        sent: sent[0],
        body: body(0)
      },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'required: identifiers',
        errorreporter: 'DESTINATION',
        sent: sent[1],
        body: body(1)
      },
      ok(2)
    ])
  })

  it('207 sent as a JSON string (text/plain) is parsed', async () => {
    const result = await run((i) =>
      i.reply(207, JSON.stringify({ errors: [{ batch_index: 1, reason: 'invalid', message: 'bad' }] }), {
        'content-type': 'text/plain'
      })
    )
    expect(result).toEqual([
      ok(0),
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'bad',
        errorreporter: 'DESTINATION',
        sent: sent[1],
        body: body(1)
      },
      ok(2)
    ])
  })

  it('207 with an error it cannot attribute reports no event as delivered', async () => {
    const result = await run((i) => i.reply(207, { errors: [{ reason: 'invalid', message: 'somewhere' }] }))
    const message =
      'Customer.io answered 207 with errors without a usable batch_index: [{"reason":"invalid","message":"somewhere"}], so this event\'s delivery is not confirmed; it will be retried.'
    expect(result).toEqual(
      [0, 1, 2].map((i) => ({
        status: 502,
        errortype: 'BAD_GATEWAY',
        errormessage: message,
        errorreporter: 'DESTINATION',
        sent: sent[i],
        body: body(i)
      }))
    )
  })

  it('400 becomes a per-event error with the message from the body', async () => {
    const result = await run((i) =>
      i.reply(400, { errors: [{ reason: 'invalid', field: 'batch', message: 'batch is malformed' }] })
    )
    expect(result).toEqual(
      [0, 1, 2].map((i) => ({
        status: 400,
        errortype: 'BAD_REQUEST',
        errormessage: 'Customer.io rejected the request with HTTP 400: batch is malformed',
        errorreporter: 'DESTINATION',
        sent: sent[i],
        body: body(i)
      }))
    )
  })

  it('401 becomes a per-event authentication error', async () => {
    const result = await run((i) => i.reply(401, { meta: { error: 'Unauthorized request' } }))
    expect(result).toEqual(
      [0, 1, 2].map((i) => ({
        status: 401,
        errortype: 'INVALID_AUTHENTICATION',
        errormessage: 'Customer.io rejected the request with HTTP 401: Unauthorized request',
        errorreporter: 'DESTINATION',
        sent: sent[i],
        body: body(i)
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
    const error = await run((i) => i.reply(status, { message: 'later' })).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'HTTPError', message: statusText, response: { status } })
    expect(String((error as Error).message)).not.toContain(API_KEY)
  })

  it('a network error is rethrown', async () => {
    const error = await run((i) => i.replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })).catch(
      (e: unknown) => e
    )
    expect(error).toMatchObject({ name: 'FetchError', code: 'ECONNRESET' })
  })

  it('an event that fails schema validation keeps its 400 at its own index, the rest go through', async () => {
    const invalid = fixedEvent({ type: 'track', event: undefined, userId: 'u-x', properties: {} })
    const scope = nock(US.host)
      .post('/api/v2/batch', { batch: [sent[0], sent[2]] })
      .reply(207, { errors: [{ batch_index: 1, reason: 'invalid', message: 'rejected' }] })
    const result = await newTestDestination().executeBatch('trackEvent', {
      events: [events[0], invalid, events[2]],
      settings: US.settings,
      mapping: mappingFor('trackEvent')
    })
    expect(scope.isDone()).toBe(true)
    expect(result).toEqual([
      ok(0),
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: "The root value is missing the required field 'name'.",
        errorreporter: 'INTEGRATIONS'
      },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'rejected',
        errorreporter: 'DESTINATION',
        sent: sent[2],
        body: body(2)
      }
    ])
  })

  it('an event without any identifier fails alone before sending', async () => {
    const anonymous = fixedEvent({ type: 'track', event: 'Nobody', userId: null, anonymousId: null, properties: {} })
    const scope = nock(US.host)
      .post('/api/v2/batch', { batch: [sent[0]] })
      .reply(200, {})
    const result = await newTestDestination().executeBatch('trackEvent', {
      events: [events[0], anonymous],
      settings: US.settings,
      mapping: mappingFor('trackEvent')
    })
    expect(scope.isDone()).toBe(true)
    expect(result).toEqual([
      ok(0),
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'The person has no identifier: none of person_id, anonymous_id has a value.',
        errorreporter: 'INTEGRATIONS'
      }
    ])
  })

  it('sends Basic auth and never puts the credentials in an outcome', async () => {
    const scope = nock(US.host).post('/api/v2/batch').matchHeader('authorization', AUTH_HEADER).reply(200, {})
    const result = await newTestDestination().executeBatch('trackEvent', {
      events,
      settings: US.settings,
      mapping: mappingFor('trackEvent')
    })
    expect(scope.isDone()).toBe(true)
    for (const secret of [SITE_ID, API_KEY, AUTH_HEADER]) expect(textOf(result)).not.toContain(secret)
  })
})

describe('trackEvent timestamps outside the readable range', () => {
  const LAST = 8_640_000_000_000
  const RANGE = `, -${LAST} to ${LAST} unix seconds, so Customer.io cannot read it.`
  const at = (value: string | number) =>
    fixedEvent({ type: 'track', event: 'Paid', userId: 'u-1', properties: { at: value } })
  const mapping = mappingFor('trackEvent', { timestamp: { '@path': '$.properties.at' } })
  const paid = (timestamp: number, at: string | number) => ({
    type: 'person',
    action: 'event',
    identifiers: { id: 'u-1' },
    name: 'Paid',
    id: 'msg-0001',
    timestamp,
    attributes: { at, anonymous_id: 'anonId1234' }
  })
  const refused = (message: string) => ({
    status: 400,
    errortype: 'PAYLOAD_VALIDATION_FAILED',
    errormessage: message,
    errorreporter: 'INTEGRATIONS'
  })

  it('sends the last second of the range, as a number or digits, and refuses each value past it before sending', async () => {
    const nines = '9'.repeat(400)
    const values = [LAST, String(LAST), LAST + 1, String(LAST + 1), `${LAST}.5`, '99999999999999999999']
    const scope = nock(US.host)
      .post('/api/v2/batch', { batch: [paid(LAST, LAST), paid(LAST, String(LAST))] })
      .reply(200, {})
    const result = await newTestDestination().executeBatch('trackEvent', {
      events: [...values, 8_640_000_000_000_001, nines, 1e21, '1e400'].map(at),
      settings: US.settings,
      mapping
    })
    expect(scope.isDone()).toBe(true)
    expect(result).toEqual([
      { status: 200, sent: paid(LAST, LAST), body: expect.objectContaining({ timestamp: String(LAST) }) },
      { status: 200, sent: paid(LAST, String(LAST)), body: expect.objectContaining({ timestamp: String(LAST) }) },
      refused(`The timestamp "${LAST + 1}" is not in the range of dates${RANGE}`),
      refused(`The timestamp "${LAST + 1}" is not in the range of dates${RANGE}`),
      refused(`The timestamp "${LAST}.5" is not in the range of dates${RANGE}`),
      refused(`The timestamp "99999999999999999999" is not in the range of dates${RANGE}`),
      refused(`The timestamp "8640000000000001" is not in the range of dates${RANGE}`),
      refused(`The timestamp "${'9'.repeat(64)}" is not in the range of dates${RANGE}`),
      refused('The timestamp "1e+21" is not a date or unix seconds, so Customer.io cannot read it.'),
      refused('The timestamp "1e400" is not a date or unix seconds, so Customer.io cannot read it.')
    ])
  })

  it('refuses a root timestamp past the range on the single path, sending nothing', async () => {
    const testDestination = newTestDestination()
    await expect(
      testDestination.testAction('trackEvent', {
        event: fixedEvent({ type: 'track', event: 'Paid', userId: 'u-1', timestamp: '99999999999999999999' }),
        settings: US.settings,
        mapping: mappingFor('trackEvent')
      })
    ).rejects.toMatchObject({
      name: 'PayloadValidationError',
      message: `The timestamp "99999999999999999999" is not in the range of dates${RANGE}`
    })
    expect(testDestination.responses).toEqual([])
  })
})
