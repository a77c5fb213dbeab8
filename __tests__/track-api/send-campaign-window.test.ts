// Events more than 72 hours old when sent, through actions-core: delivered with the same outcomes as any other,
// counted in actions-customerio.events.outside_campaign_window and named in one warning per batch.
import nock from 'nock'
import type { SegmentEvent } from '@segment/actions-core'
import { METRICS } from '../../src/track-api/delivery-stats'
import { US, fixedEvent, newTestDestination } from '../__helpers__/destination'
import { mappingFor, performOne } from '../__helpers__/runner'
import { recordingPlatform, throwingPlatform } from '../__helpers__/stats'

/** The time of sending: 2026-12-03T10:00:00.500Z (whole seconds count: the fraction is dropped). */
const SENT_AT_MS = Date.UTC(2026, 11, 3, 10, 0, 0, 500)
/** Exactly 72 hours before it (inside the window), one second more (outside), and ten days (outside). */
const EXACTLY_72_HOURS = '2026-11-30T10:00:00Z'
const ONE_SECOND_MORE = '2026-11-30T09:59:59Z'
const TEN_DAYS = '2026-11-23T10:00:00Z'

let now = SENT_AT_MS
beforeEach(() => {
  now = SENT_AT_MS
  jest.spyOn(Date, 'now').mockImplementation(() => now)
})
afterEach(() => jest.restoreAllMocks())

const PLATFORM_TAG = 'workspace:ws-1'
const tagsOf = (action: string) => [PLATFORM_TAG, `action:${action}`, 'region:US']
const outsideCounter = (value: number, action = 'trackEvent') => ({
  type: 'incr',
  name: 'actions-customerio.events.outside_campaign_window',
  value,
  tags: tagsOf(action)
})

const track = (name: string, timestamp: string) =>
  fixedEvent({ type: 'track', event: name, userId: 'u-1', messageId: `m-${name}`, timestamp, properties: {} })

const itemOf = (name: string, timestamp: string) => ({
  type: 'person',
  action: 'event',
  identifiers: { id: 'u-1' },
  name,
  id: `m-${name}`,
  timestamp: Date.parse(timestamp) / 1000,
  attributes: { anonymous_id: 'anonId1234' }
})

/** Answers every batch with `answer`. */
function answerBatches(answer: [number, object]) {
  nock(US.host).persist().post('/api/v2/batch').reply(answer[0], answer[1])
}

function runBatch(action: string, events: SegmentEvent[], platform: object) {
  return newTestDestination().executeBatch(action, {
    events,
    settings: US.settings,
    mapping: mappingFor(action),
    ...platform
  })
}

describe('a batch with events outside the campaign window', () => {
  const events = [
    track('Inside', EXACTLY_72_HOURS),
    track('Outside', ONE_SECOND_MORE),
    track('Old', TEN_DAYS),
    track('Refused', TEN_DAYS)
  ]

  it('delivers them with the outcomes of any other event, counts them and warns once', async () => {
    answerBatches([207, { errors: [{ batch_index: 3, reason: 'invalid', field: 'name', message: 'bad' }] }])
    const platform = recordingPlatform()
    const result = await runBatch('trackEvent', events, platform)
    expect(result.slice(0, 3)).toEqual(
      [itemOf('Inside', EXACTLY_72_HOURS), itemOf('Outside', ONE_SECOND_MORE), itemOf('Old', TEN_DAYS)].map((item) => ({
        status: 200,
        sent: item,
        body: expect.objectContaining({ name: item.name })
      }))
    )
    expect(Object.keys(result[1])).toEqual(['status', 'sent', 'body'])
    expect(result[3]).toMatchObject({ status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED' })
    // The refused old event is not delivered, so it is not counted.
    expect(platform.calls.filter((call) => call.name.startsWith('actions-customerio.events.'))).toEqual([
      { type: 'incr', name: METRICS.delivered, value: 3, tags: tagsOf('trackEvent') },
      outsideCounter(2),
      {
        type: 'incr',
        name: METRICS.rejected,
        value: 1,
        tags: [...tagsOf('trackEvent'), 'error_type:PAYLOAD_VALIDATION_FAILED']
      }
    ])
    expect(platform.warnings).toEqual([
      '[actions-customerio] 2 of 4 events were delivered more than 72 hours after their timestamps ' +
        '(the oldest: 2026-11-23T10:00:00Z): Customer.io stores them, but they cannot trigger campaigns.'
    ])
  })

  it('gives the same outcomes as when every event is inside the window', async () => {
    answerBatches([200, {}])
    const late = await runBatch('trackEvent', events, recordingPlatform())
    now = Date.parse(TEN_DAYS)
    const platform = recordingPlatform()
    const early = await runBatch('trackEvent', events, platform)
    expect(late).toEqual(early)
    expect(platform.calls.map((call) => call.name)).not.toContain(METRICS.outsideCampaignWindow)
    expect(platform.warnings).toEqual([])
  })

  it('counts nothing and says nothing when every event is inside the window', async () => {
    answerBatches([200, {}])
    const platform = recordingPlatform()
    await runBatch('trackEvent', [track('Inside', EXACTLY_72_HOURS), track('Also', '2026-12-03T09:00:00Z')], platform)
    expect(platform.calls.map((call) => call.name)).not.toContain(METRICS.outsideCampaignWindow)
    expect(platform.warnings).toEqual([])
  })

  it('a logger and a statsClient that throw change no outcome', async () => {
    answerBatches([200, {}])
    const quiet = await runBatch('trackEvent', events, {})
    const noisy = await runBatch('trackEvent', events, throwingPlatform())
    expect(noisy).toEqual(quiet)
    expect(noisy.map((node) => node.status)).toEqual([200, 200, 200, 200])
  })

  it('a batch retried whole is not counted: nothing was delivered', async () => {
    answerBatches([503, {}])
    const platform = recordingPlatform()
    await expect(runBatch('trackEvent', events, platform)).rejects.toMatchObject({ response: { status: 503 } })
    expect(platform.calls.map((call) => call.name)).not.toContain(METRICS.outsideCampaignWindow)
    expect(platform.warnings).toEqual([])
  })
})

describe('pages, screens and content events outside the campaign window', () => {
  const old = { userId: 'u-1', anonymousId: 'a-1', timestamp: TEN_DAYS }
  it.each([
    ['trackPageView', fixedEvent({ ...old, type: 'page', name: 'Home', properties: { url: 'https://x.test/' } })],
    ['trackScreenView', fixedEvent({ ...old, type: 'screen', name: 'Home' })],
    [
      'reportContentEvent',
      fixedEvent({ ...old, type: 'track', event: 'Report Content Event', properties: { actionType: 'viewed_content' } })
    ],
    [
      'reportContentEvent',
      fixedEvent({
        ...old,
        type: 'track',
        event: 'Report Content Event',
        properties: { actionType: 'clicked_content' }
      })
    ]
  ])('%s: delivered, counted and named in the warning', async (action, event) => {
    answerBatches([200, {}])
    const platform = recordingPlatform()
    const [outcome] = await runBatch(action, [event], platform)
    expect(outcome).toMatchObject({ status: 200, sent: { timestamp: Date.parse(TEN_DAYS) / 1000 } })
    expect(Object.keys(outcome)).toEqual(['status', 'sent', 'body'])
    expect(platform.calls.filter((call) => call.name === METRICS.outsideCampaignWindow)).toEqual([
      outsideCounter(1, action)
    ])
    expect(platform.warnings).toEqual([
      '[actions-customerio] 1 of 1 event was delivered more than 72 hours after its timestamp ' +
        '(2026-11-23T10:00:00Z): Customer.io stores it, but it cannot trigger campaigns.'
    ])
  })

  it('an old identify is not an event: not counted', async () => {
    answerBatches([200, {}])
    const platform = recordingPlatform()
    const identify = fixedEvent({ ...old, type: 'identify', traits: { plan: 'pro' } })
    await runBatch('createUpdatePerson', [identify], platform)
    expect(platform.calls.map((call) => call.name)).toContain(METRICS.delivered)
    expect(platform.calls.map((call) => call.name)).not.toContain(METRICS.outsideCampaignWindow)
    expect(platform.warnings).toEqual([])
  })
})

describe('the single path', () => {
  const single = (event: SegmentEvent, platform: object) => performOne('trackEvent', event, platform)

  it('counts a delivered event outside the window after the delivered one; the warning is for batches', async () => {
    nock(US.host).post('/api/v2/entity', itemOf('Outside', ONE_SECOND_MORE)).reply(200, {})
    const platform = recordingPlatform()
    const [response] = await single(track('Outside', ONE_SECOND_MORE), platform)
    expect(response.status).toBe(200)
    expect(platform.calls.filter((call) => call.name.startsWith('actions-customerio.events.'))).toEqual([
      { type: 'incr', name: METRICS.delivered, value: 1, tags: tagsOf('trackEvent') },
      outsideCounter(1)
    ])
    expect(platform.warnings).toEqual([])
  })

  it('does not count an event exactly 72 hours old', async () => {
    nock(US.host).post('/api/v2/entity', itemOf('Inside', EXACTLY_72_HOURS)).reply(200, {})
    const platform = recordingPlatform()
    await single(track('Inside', EXACTLY_72_HOURS), platform)
    expect(platform.calls.map((call) => call.name)).toContain(METRICS.delivered)
    expect(platform.calls.map((call) => call.name)).not.toContain(METRICS.outsideCampaignWindow)
  })

  it('does not count an old event Customer.io refused', async () => {
    nock(US.host)
      .post('/api/v2/entity')
      .reply(400, { meta: { error: 'bad' } })
    const platform = recordingPlatform()
    await expect(single(track('Old', TEN_DAYS), platform)).rejects.toMatchObject({ response: { status: 400 } })
    expect(platform.calls.map((call) => call.name)).not.toContain(METRICS.outsideCampaignWindow)
  })
})
