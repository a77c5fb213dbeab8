// A 413 from Customer.io, with nock: a stand-in whose request limit is lower than the destination's 500,000 bytes, as
// Customer.io's may be. The destination halves what was refused until each half fits.
import type { SegmentEvent } from '@segment/actions-core'
import { OK, acceptedNames, answerBatches, refusal } from '../__helpers__/batch-stand-in'
import type { PostedBatch } from '../__helpers__/batch-stand-in'
import { US, newTestDestination } from '../__helpers__/destination'
import { mappingFor } from '../__helpers__/runner'

/** Room for three of the events below per request, not for one event of 7,000 bytes and more. */
const LIMIT = 6_000

/** Customer.io's 413 to a request over LIMIT bytes. */
function tooLarge(bytes: number) {
  return refusal(413, 'too_large', `The request is ${bytes} bytes; /api/v2/batch accepts at most ${LIMIT} bytes.`)
}

/** The stand-in: 413 above LIMIT, otherwise 200 {} (or `instead(index)` when it names an answer). */
function limitedCustomerIo(instead: (index: number) => ReturnType<typeof refusal> | undefined = () => undefined) {
  return answerBatches((request, index) => instead(index) ?? (request.bytes > LIMIT ? tooLarge(request.bytes) : OK))
}

/** An event of about `bytes` bytes as an item. */
function sized(name: string, bytes: number): SegmentEvent {
  const properties: Record<string, string> = {}
  for (let i = 0; i < Math.floor(bytes / 920); i++) properties[`p${i}`] = 'v'.repeat(900)
  return { type: 'track', event: name, userId: `user-${name}`, timestamp: '2026-11-27T09:30:00Z', properties }
}

function run(events: SegmentEvent[]) {
  return newTestDestination().executeBatch('trackEvent', {
    events,
    settings: US.settings,
    mapping: mappingFor('trackEvent')
  })
}

/** Each request's item names joined, and what it was answered. */
const sequence = (posted: PostedBatch[]) => posted.map(({ names, answered }) => [names.join(''), answered])

describe('a 413 from Customer.io', () => {
  it('halves the request until each half fits, and every event is delivered once', async () => {
    const events = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((name) => sized(name, 1_900))
    const posted = limitedCustomerIo()
    const result = await run(events)
    expect(result).toEqual(
      events.map((event) => ({
        status: 200,
        sent: expect.objectContaining({ name: event.event }),
        body: expect.objectContaining({ name: event.event })
      }))
    )
    expect(acceptedNames(posted)).toEqual(events.map((event) => event.event))
    expect(sequence(posted)).toEqual([
      ['ABCDEFGH', 413],
      ['ABCD', 413],
      ['AB', 200],
      ['CD', 200],
      ['EFGH', 413],
      ['EF', 200],
      ['GH', 200]
    ])
    // Each half carries exactly the items of the request it came from: the same bodies, not rebuilt ones.
    expect([...posted[2].body.batch, ...posted[3].body.batch]).toEqual(posted[1].body.batch)
    expect([...posted[1].body.batch, ...posted[4].body.batch]).toEqual(posted[0].body.batch)
  })

  it('gives the middle item of an odd count to the first half', async () => {
    const events = ['A', 'B', 'C', 'D', 'E'].map((name) => sized(name, 1_900))
    const posted = limitedCustomerIo()
    const result = await run(events)
    expect(result.map((node) => node.status)).toEqual([200, 200, 200, 200, 200])
    expect(sequence(posted)).toEqual([
      ['ABCDE', 413],
      ['ABC', 200],
      ['DE', 200]
    ])
  })

  it('fails only an item too large alone, with 413 at its own index; the rest is delivered', async () => {
    const events = [sized('A', 1_900), sized('B', 1_900), sized('Huge', 7_500), sized('C', 1_900)]
    const posted = limitedCustomerIo()
    const result = await run(events)
    expect(result.map((node) => node.status)).toEqual([200, 200, 413, 200])
    expect(sequence(posted)).toEqual([
      ['ABHugeC', 413],
      ['AB', 200],
      ['HugeC', 413],
      ['Huge', 413],
      ['C', 200]
    ])
    const huge = posted[3]
    expect(result[2]).toEqual({
      status: 413,
      errortype: 'PAYLOAD_TOO_LARGE',
      errormessage:
        `Customer.io answered 413 to this event sent alone (${huge.bytes - '{"batch":[]}'.length} bytes ` +
        'as JSON), so it is too large for Customer.io: Customer.io rejected the request with HTTP 413: ' +
        `The request is ${huge.bytes} bytes; /api/v2/batch accepts at most ${LIMIT} bytes.`,
      sent: huge.body.batch[0],
      body: expect.objectContaining({ name: 'Huge' }),
      errorreporter: 'DESTINATION'
    })
    expect(acceptedNames(posted)).toEqual(['A', 'B', 'C'])
  })

  it('a half that fails retryably fails only its events; the accepted half stays delivered', async () => {
    // The first request is refused for its size; the second half then meets a 503.
    const events = ['A', 'B', 'C', 'D'].map((name) => sized(name, 1_900))
    const posted = limitedCustomerIo((index) =>
      index === 2 ? refusal(503, 'service_unavailable', 'Service unavailable; try again later.') : undefined
    )
    const result = await run(events)
    expect(sequence(posted)).toEqual([
      ['ABCD', 413],
      ['AB', 200],
      ['CD', 503]
    ])
    const failed = (name: string) => ({
      status: 503,
      errortype: 'SERVICE_UNAVAILABLE',
      errormessage:
        'Part 1 of 1 of a split batch (half 2, after Customer.io answered 413) failed (Customer.io rejected the ' +
        'request with HTTP 503: Service unavailable; try again later.); only its events will be retried.',
      sent: expect.objectContaining({ name }),
      body: expect.objectContaining({ name }),
      errorreporter: 'DESTINATION'
    })
    expect(result.slice(2)).toEqual([failed('C'), failed('D')])
    expect(result.slice(0, 2).map((node) => node.status)).toEqual([200, 200])
    expect(acceptedNames(posted)).toEqual(['A', 'B'])
  })
})
