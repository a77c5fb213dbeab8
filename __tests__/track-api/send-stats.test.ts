// The metrics and log lines the platform receives, through actions-core's executeBatch, for each kind of answer.
import nock from 'nock'
import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import { METRICS } from '../../src/track-api/delivery-stats'
import { REGIONS, US, fixedEvent, newTestDestination, textOf, API_KEY, SITE_ID } from '../__helpers__/destination'
import { mappingFor, performOne } from '../__helpers__/runner'
import { recordingPlatform, throwingPlatform } from '../__helpers__/stats'
import type { StatsCall } from '../__helpers__/stats'

/** Every Date.now() call advances 7 ms, so each answer time is exactly 7. */
const TICK_MS = 7
let clock = 0
beforeEach(() => {
  clock = 1_000_000
  jest.spyOn(Date, 'now').mockImplementation(() => (clock += TICK_MS))
})
afterEach(() => jest.restoreAllMocks())

const PLATFORM_TAG = 'workspace:ws-1'
const TAGS = [PLATFORM_TAG, 'action:trackEvent', 'region:US']

function track(name: string, properties: JSONObject = {}): SegmentEvent {
  return fixedEvent({ type: 'track', event: name, userId: `user-${name}`, properties })
}

/** About 29,000 bytes each: 40 of them make three requests under the 500,000-byte limit. */
function big(index: number): SegmentEvent {
  return track(`Big ${index}`, { blob: String(index).padEnd(29_000, 'x') })
}

function run(events: SegmentEvent[], platform: object, settings = US.settings) {
  return newTestDestination().executeBatch('trackEvent', {
    events,
    settings,
    mapping: mappingFor('trackEvent'),
    ...platform
  })
}

/** Records the byte size of each batch request and answers it with `answer(names)`. */
function answerBatches(host: string, answer: (names: string[]) => [number, object]) {
  const bytes: number[] = []
  nock(host)
    .persist()
    .post('/api/v2/batch')
    .reply(function (_uri, body) {
      bytes.push(Buffer.byteLength(JSON.stringify(body)))
      const batch = (body as { batch: { name: string }[] }).batch
      return answer(batch.map((item) => item.name))
    })
  return bytes
}

function requestCalls(status: number | string, bytes: number, tags = TAGS, endpoint = 'batch'): StatsCall[] {
  return [
    { type: 'incr', name: METRICS.requests, value: 1, tags: [...tags, `endpoint:${endpoint}`, `status:${status}`] },
    { type: 'histogram', name: METRICS.requestBytes, value: bytes, tags: [...tags, `endpoint:${endpoint}`] },
    {
      type: 'histogram',
      name: METRICS.answerTime,
      value: TICK_MS,
      tags: [...tags, `endpoint:${endpoint}`, `status:${status}`]
    }
  ]
}

function counter(name: string, value: number, extra: string[] = [], tags = TAGS): StatsCall {
  return { type: 'incr', name, value, tags: [...tags, ...extra] }
}

function batchRequests(value: number, tags = TAGS): StatsCall {
  return { type: 'histogram', name: METRICS.batchRequests, value, tags }
}

describe('metrics of a batch, through executeBatch', () => {
  it.each(REGIONS)('a 200: one request, every event delivered ($region)', async ({ region, host, settings }) => {
    const tags = [PLATFORM_TAG, 'action:trackEvent', `region:${region}`]
    const bytes = answerBatches(host, () => [200, {}])
    const platform = recordingPlatform()
    const result = await run([track('One'), track('Two')], platform, settings)
    expect(result.map((node) => node.status)).toEqual([200, 200])
    expect(platform.calls).toEqual([
      ...requestCalls(200, bytes[0], tags),
      counter(METRICS.delivered, 2, [], tags),
      batchRequests(1, tags)
    ])
    expect(platform.warnings).toEqual([])
  })

  it('a 207 with errors: delivered, rejected by error type, and refused before sending', async () => {
    const bytes = answerBatches(US.host, () => [
      207,
      {
        errors: [
          { batch_index: 1, reason: 'invalid', field: 'name', message: 'bad name' },
          { batch_index: 2, reason: 'forbidden', message: 'not allowed' }
        ]
      }
    ])
    const platform = recordingPlatform()
    const noTime = track('No Time')
    noTime.timestamp = 'next tuesday'
    const result = await run([track('One'), track('Two'), noTime, track('Three')], platform)
    expect(result.map((node) => node.status)).toEqual([200, 400, 400, 400])
    expect(platform.calls).toEqual([
      ...requestCalls(207, bytes[0]),
      counter(METRICS.delivered, 1),
      counter(METRICS.rejected, 1, ['error_type:PAYLOAD_VALIDATION_FAILED']),
      counter(METRICS.rejected, 1, ['error_type:BAD_REQUEST']),
      counter(METRICS.refused, 1),
      batchRequests(1)
    ])
    expect(platform.warnings).toEqual([])
  })

  it('a split batch: one set of request metrics per part; a part answered 503 counts its events retried', async () => {
    const events = Array.from({ length: 40 }, (_, index) => big(index))
    let requests = 0
    const bytes = answerBatches(US.host, () => ((requests += 1) === 2 ? [503, { errors: [] }] : [200, {}]))
    const platform = recordingPlatform()
    const result = await run(events, platform)
    const retried = result.filter((node) => node.status === 503).length
    expect(retried).toBeGreaterThan(0)
    expect(platform.calls).toEqual([
      ...requestCalls(200, bytes[0]),
      ...requestCalls(503, bytes[1]),
      ...requestCalls(200, bytes[2]),
      counter(METRICS.delivered, 40 - retried),
      counter(METRICS.retried, retried, ['status:503']),
      batchRequests(3)
    ])
  })

  // Customer.io refuses any request that carries the named item, and anything of four items. Either way two
  // halvings: ABCD, then the half with the item, then the item alone; the order of the answers follows the halves.
  it.each([
    ['the second half is halved again', 'D', [200, 200, 200, 413], [413, 200, 413, 200, 413]],
    ['the first half is halved again', 'A', [413, 200, 200, 200], [413, 413, 413, 200, 200]]
  ])(
    'a 413 recovery (%s): the halves’ requests, every halving, and the one item refused alone',
    async (_case: string, refusedName: string, statuses: number[], answers: number[]) => {
      const bytes = answerBatches(US.host, (names) =>
        names.includes(refusedName) || names.length === 4
          ? [413, { errors: [{ message: 'Request too large' }] }]
          : [200, {}]
      )
      const platform = recordingPlatform()
      const result = await run([track('A'), track('B'), track('C'), track('D')], platform)
      expect(result.map((node) => node.status)).toEqual(statuses)
      expect(bytes).toHaveLength(5)
      expect(platform.calls).toEqual([
        ...answers.flatMap((status, index) => requestCalls(status, bytes[index])),
        counter(METRICS.delivered, 3),
        counter(METRICS.rejected, 1, ['error_type:PAYLOAD_TOO_LARGE']),
        batchRequests(5),
        counter(METRICS.halved, 2)
      ])
    }
  )

  it('an answer it cannot trust: its events retried with 502, and a warning quoting the answer', async () => {
    const bytes = answerBatches(US.host, () => [207, { errors: [{ reason: 'internal', message: 'lost track' }] }])
    const platform = recordingPlatform()
    const result = await run([track('One'), track('Two')], platform)
    expect(result.map((node) => node.status)).toEqual([502, 502])
    expect(platform.calls).toEqual([
      ...requestCalls(207, bytes[0]),
      counter(METRICS.retried, 2, ['status:502']),
      batchRequests(1)
    ])
    expect(platform.warnings).toEqual([
      '[actions-customerio] 2 of 2 events not confirmed by Customer.io, retried: Customer.io answered 207 with ' +
        'errors without a usable batch_index: [{"reason":"internal","message":"lost track"}], so this event\'s ' +
        'delivery is not confirmed; it will be retried.'
    ])
    expect(textOf(platform.warnings)).not.toContain(API_KEY)
    expect(textOf(platform.warnings)).not.toContain(SITE_ID)
  })

  it('a batch thrown back whole (429): its events counted retried with that status before the error goes up', async () => {
    nock(US.host).post('/api/v2/batch').reply(429, {}, { 'retry-after': '7' })
    const platform = recordingPlatform()
    await expect(run([track('One'), track('Two')], platform)).rejects.toMatchObject({ response: { status: 429 } })
    expect(platform.calls.filter((call) => call.name !== METRICS.requestBytes)).toEqual([
      requestCalls(429, 0)[0],
      requestCalls(429, 0)[2],
      counter(METRICS.retried, 2, ['status:429']),
      batchRequests(1)
    ])
  })

  it('a batch thrown back whole after a refused event that is not the first: still the 429, and every count', async () => {
    nock(US.host).post('/api/v2/batch').reply(429, {}, { 'retry-after': '7' })
    const platform = recordingPlatform()
    const noTime = track('No Time')
    noTime.timestamp = 'next tuesday'
    await expect(run([track('One'), noTime, track('Two')], platform)).rejects.toMatchObject({
      response: { status: 429 }
    })
    expect(platform.calls.filter((call) => call.name !== METRICS.requestBytes)).toEqual([
      requestCalls(429, 0)[0],
      requestCalls(429, 0)[2],
      counter(METRICS.retried, 2, ['status:429']),
      counter(METRICS.refused, 1),
      batchRequests(1)
    ])
  })

  it('without a statsContext or logger, nothing is emitted and the outcomes are the same', async () => {
    answerBatches(US.host, () => [207, { errors: [{ batch_index: 0, reason: 'invalid', message: 'bad' }] }])
    const result = await run([track('One'), track('Two')], {})
    expect(result.map((node) => node.status)).toEqual([400, 200])
  })

  it('a statsClient and a logger that throw change no outcome', async () => {
    answerBatches(US.host, (names) =>
      names.length === 2 ? [413, { errors: [] }] : [207, { errors: [{ message: 'no index' }] }]
    )
    const quiet = await run([track('One'), track('Two')], {})
    const noisy = await run([track('One'), track('Two')], throwingPlatform())
    expect(noisy).toEqual(quiet)
    expect(noisy.map((node) => node.status)).toEqual([502, 502])
  })
})

describe('metrics of the single path', () => {
  it('a 200 from /api/v2/entity: one request and one delivered event', async () => {
    let bytes = 0
    nock(US.host)
      .post('/api/v2/entity', (body) => ((bytes = Buffer.byteLength(JSON.stringify(body))), true))
      .reply(200, {})
    const platform = recordingPlatform()
    await newTestDestination().testAction('trackEvent', {
      event: track('One'),
      settings: US.settings,
      mapping: mappingFor('trackEvent'),
      ...platform
    })
    expect(platform.calls).toEqual([...requestCalls(200, bytes, TAGS, 'entity'), counter(METRICS.delivered, 1)])
  })

  const single = (event: SegmentEvent, platform: object) => performOne('trackEvent', event, platform)

  it('an event refused before sending: no request, one refused event', async () => {
    const noTime = track('No Time')
    noTime.timestamp = 'next tuesday'
    const platform = recordingPlatform()
    await expect(single(noTime, platform)).rejects.toThrow('timestamp')
    expect(platform.calls).toEqual([counter(METRICS.refused, 1)])
  })

  it.each([
    [400, { meta: { error: 'bad' } }, counter(METRICS.rejected, 1, ['error_type:BAD_REQUEST'])],
    [503, {}, counter(METRICS.retried, 1, ['status:503'])]
  ])('a %i from /api/v2/entity: the request, and the event counted by that answer', async (status, answer, count) => {
    let bytes = 0
    nock(US.host)
      .post('/api/v2/entity', (body) => ((bytes = Buffer.byteLength(JSON.stringify(body))), true))
      .reply(status, answer)
    const platform = recordingPlatform()
    await expect(single(track('One'), platform)).rejects.toMatchObject({ response: { status } })
    expect(platform.calls).toEqual([...requestCalls(status, bytes, TAGS, 'entity'), count])
  })
})
