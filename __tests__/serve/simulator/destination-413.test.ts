// The simulator's lowered request limit with the destination, over real sockets: the simulator answers 413 above it,
// the destination halves, and what the simulator stores is what the outcomes say was delivered. The destination's own
// test of the 413 recovery, with nock: __tests__/track-api/send-413.test.ts.
import { createTestIntegration, type SegmentEvent } from '@segment/actions-core'
import { createDestination } from '../../../src'
import { startSimulator, type Simulator } from '../../../src/serve/simulator'
import { mappingFor } from '../../__helpers__/runner'
import type { Settings } from '../../../src/generated-types'

const SETTINGS = { siteId: 'limit-site', apiKey: 'limit-key-0413', accountRegion: 'US 🇺🇸' }
/** Room for three of the events below per request, not for one event of 7,000 bytes and more. */
const LIMIT = 6_000

let simulator: Simulator
let destination: ReturnType<typeof createTestIntegration<Settings>>

beforeAll(async () => {
  simulator = await startSimulator({ siteId: SETTINGS.siteId, apiKey: SETTINGS.apiKey, maxRequestBytes: LIMIT })
  destination = createTestIntegration(createDestination({ hosts: { US: simulator.url, EU: simulator.url } }))
})

afterAll(() => simulator.close())

beforeEach(() => simulator.reset())

/** An event of about `bytes` bytes as an item (900-byte attributes, within the simulator's attribute limit). */
function sized(name: string, bytes: number): SegmentEvent {
  const properties: Record<string, string> = {}
  for (let i = 0; i < Math.floor(bytes / 920); i++) properties[`p${i}`] = 'v'.repeat(900)
  return { type: 'track', event: name, userId: `user-${name}`, timestamp: '2026-11-27T09:30:00Z', properties }
}

function run(events: SegmentEvent[]) {
  return destination.executeBatch('trackEvent', { events, settings: SETTINGS, mapping: mappingFor('trackEvent') })
}

function posted(): { names: string[]; status: number | null; bytes: number }[] {
  return simulator.requests
    .filter((entry) => entry.path === '/api/v2/batch')
    .map((entry) => ({
      names: (entry.body as { batch: { name: string }[] }).batch.map((item) => item.name),
      status: entry.status,
      bytes: entry.bytes
    }))
}

describe('a 413 from Customer.io', () => {
  it('answers 413 to exactly the requests over its limit, and stores every event once', async () => {
    const events = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((name) => sized(name, 1_900))
    const result = await run(events)
    expect(result.map((node) => node.status)).toEqual(events.map(() => 200))
    expect(simulator.state.events.map((stored) => stored.name)).toEqual(events.map((event) => event.event))
    // The halving itself is the destination's (track-api/send-413.test.ts); the simulator's part is its limit.
    for (const { bytes, status } of posted()) expect([bytes, status]).toEqual([bytes, bytes > LIMIT ? 413 : 200])
    expect(posted().filter(({ status }) => status === 413)).toHaveLength(3)
    expect(posted().length).toBeLessThanOrEqual(2 * events.length)
  })

  it('fails only an item too large alone, with 413 at its own index; the rest is delivered', async () => {
    const events = [sized('A', 1_900), sized('B', 1_900), sized('Huge', 7_500), sized('C', 1_900)]
    const result = await run(events)
    expect(result.map((node) => node.status)).toEqual([200, 200, 413, 200])
    const huge = posted().find(({ names }) => names.join() === 'Huge')
    expect(result[2]).toEqual({
      status: 413,
      errortype: 'PAYLOAD_TOO_LARGE',
      errormessage:
        `Customer.io answered 413 to this event sent alone (${(huge?.bytes ?? 0) - '{"batch":[]}'.length} bytes ` +
        'as JSON), so it is too large for Customer.io: Customer.io rejected the request with HTTP 413: ' +
        `The request is ${huge?.bytes} bytes; /api/v2/batch accepts at most ${LIMIT} bytes.`,
      sent: expect.objectContaining({ name: 'Huge' }),
      body: expect.objectContaining({ name: 'Huge' }),
      errorreporter: 'DESTINATION'
    })
    expect(simulator.state.events.map((stored) => stored.name)).toEqual(['A', 'B', 'C'])
    expect(posted().map(({ names, status }) => [names.join(''), status])).toEqual([
      ['ABHugeC', 413],
      ['AB', 200],
      ['HugeC', 413],
      ['Huge', 413],
      ['C', 200]
    ])
  })

  it('a half that fails retryably fails only its events; the accepted half stays delivered', async () => {
    // The first request is refused for its size; the second half then meets a 503.
    const events = ['A', 'B', 'C', 'D'].map((name) => sized(name, 1_900))
    simulator.setFault({ mode: '503' }, 1, 2)
    const result = await run(events)
    simulator.setFault(undefined)
    expect(result.map((node) => node.status)).toEqual([200, 200, 503, 503])
    expect(result[2]).toMatchObject({
      errortype: 'SERVICE_UNAVAILABLE',
      errormessage:
        'Part 1 of 1 of a split batch (half 2, after Customer.io answered 413) failed (Customer.io rejected the ' +
        'request with HTTP 503: Service unavailable (simulated); try again later.); only its events will be retried.'
    })
    expect(simulator.state.events.map((stored) => stored.name)).toEqual(['A', 'B'])
  })
})
