// Retry-After on a 429 or 503: what the platform sees when the batch (or the single event) is thrown back whole.
import nock from 'nock'
import { HTTPError } from '@segment/actions-core'
import { US, fixedEvent, newTestDestination } from '../__helpers__/destination'
import { mappingFor } from '../__helpers__/runner'

const events = [fixedEvent({ type: 'track', event: 'One', userId: 'user-1' })]
const mapping = mappingFor('trackEvent')

describe('Retry-After on a request the platform retries whole', () => {
  it.each([
    ['429', 429, '120', 'Too Many Requests; Customer.io asked to be retried after 120 seconds (Retry-After: 120)'],
    ['429', 429, '1', 'Too Many Requests; Customer.io asked to be retried after 1 second (Retry-After: 1)'],
    [
      '503',
      503,
      'Sat, 28 Nov 2026 05:00:00 GMT',
      'Service Unavailable; Customer.io asked to be retried at 2026-11-28T05:00:00.000Z ' +
        '(Retry-After: Sat, 28 Nov 2026 05:00:00 GMT)'
    ],
    ['503', 503, 'soon', 'Service Unavailable; Customer.io answered Retry-After: "soon"']
  ])(
    'a %s with a Retry-After header keeps its status and names the header in the message',
    async (_n, status, header, message) => {
      nock(US.host).post('/api/v2/batch').reply(status, {}, { 'retry-after': header })
      const error = await newTestDestination()
        .executeBatch('trackEvent', { events, settings: US.settings, mapping })
        .catch((thrown: unknown) => thrown)
      expect(error).toBeInstanceOf(HTTPError)
      expect((error as HTTPError).response.status).toBe(status)
      expect((error as HTTPError).message).toBe(message)
    }
  )

  it('a 500 with Retry-After, or a 429 without one, keeps the plain message', async () => {
    nock(US.host).post('/api/v2/batch').reply(500, {}, { 'retry-after': '5' })
    nock(US.host).post('/api/v2/batch').reply(429, {})
    const run = () =>
      newTestDestination()
        .executeBatch('trackEvent', { events, settings: US.settings, mapping })
        .catch((thrown: unknown) => thrown)
    expect(await run()).toMatchObject({ message: 'Internal Server Error', response: { status: 500 } })
    expect(await run()).toMatchObject({ message: 'Too Many Requests', response: { status: 429 } })
  })

  it('the single path throws the same way', async () => {
    nock(US.host).post('/api/v2/entity').reply(429, {}, { 'retry-after': '9' })
    await expect(
      newTestDestination().testAction('trackEvent', { event: events[0], settings: US.settings, mapping })
    ).rejects.toMatchObject({
      message: 'Too Many Requests; Customer.io asked to be retried after 9 seconds (Retry-After: 9)',
      response: { status: 429 }
    })
  })
})
