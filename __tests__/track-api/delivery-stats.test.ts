import type { StatsContext } from '@segment/actions-core'
import {
  METRICS,
  baseTags,
  batchEndMetrics,
  batchMetrics,
  outcomeMetrics,
  outsideCampaignWindow,
  requestMetrics,
  withActionTag
} from '../../src/track-api/delivery-stats'
import { recordingPlatform } from '../__helpers__/stats'

const TAGS = ['workspace:ws-1', 'region:EU']

describe('the names, types and tags of the metrics', () => {
  it('puts the platform’s tags first, then the region; the action tag is added to the context once', () => {
    const { statsContext } = recordingPlatform(['workspace:ws-1'])
    expect(baseTags(statsContext, 'EU')).toEqual(['workspace:ws-1', 'region:EU'])
    expect(baseTags(undefined, 'US')).toEqual(['region:US'])
    expect(withActionTag(statsContext, 'trackEvent')?.tags).toEqual(['workspace:ws-1', 'action:trackEvent'])
    expect(statsContext.tags).toEqual(['workspace:ws-1'])
    expect(withActionTag(undefined, 'trackEvent')).toBeUndefined()
  })

  it('reports a request as a counter by status, its bytes and its answer time', () => {
    expect(requestMetrics({ endpoint: 'batch', bytes: 512, durationMs: 41, status: 'timeout' }, TAGS)).toEqual([
      { type: 'incr', name: METRICS.requests, value: 1, tags: [...TAGS, 'endpoint:batch', 'status:timeout'] },
      { type: 'histogram', name: METRICS.requestBytes, value: 512, tags: [...TAGS, 'endpoint:batch'] },
      { type: 'histogram', name: METRICS.answerTime, value: 41, tags: [...TAGS, 'endpoint:batch', 'status:timeout'] }
    ])
  })

  it('counts outcomes: delivered, rejected by error type, retried by status, refused before sending', () => {
    const sent = { type: 'person' }
    const metrics = outcomeMetrics(
      [
        { status: 200, sent },
        { status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED', sent },
        { status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED', sent },
        { status: 413, errortype: 'PAYLOAD_TOO_LARGE', sent },
        { status: 503, errortype: 'SERVICE_UNAVAILABLE', sent },
        { status: 408, errortype: 'CANCELLED' },
        { status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED' },
        { status: 200, sent }
      ],
      TAGS
    )
    expect(metrics).toEqual([
      { type: 'incr', name: METRICS.delivered, value: 2, tags: TAGS },
      { type: 'incr', name: METRICS.rejected, value: 2, tags: [...TAGS, 'error_type:PAYLOAD_VALIDATION_FAILED'] },
      { type: 'incr', name: METRICS.rejected, value: 1, tags: [...TAGS, 'error_type:PAYLOAD_TOO_LARGE'] },
      { type: 'incr', name: METRICS.retried, value: 1, tags: [...TAGS, 'status:503'] },
      { type: 'incr', name: METRICS.retried, value: 1, tags: [...TAGS, 'status:408'] },
      { type: 'incr', name: METRICS.refused, value: 1, tags: TAGS }
    ])
    expect(outcomeMetrics([], TAGS)).toEqual([])
  })

  it('adds the action tag to a context that came without tags (its type says they are always there)', () => {
    const { statsContext } = recordingPlatform()
    const untagged = { statsClient: statsContext.statsClient } as StatsContext
    expect(baseTags(untagged, 'US')).toEqual(['region:US'])
    expect(withActionTag(untagged, 'trackEvent')).toEqual({
      statsClient: statsContext.statsClient,
      tags: ['action:trackEvent']
    })
  })

  it('counts only 200–299 as delivered, and names an untyped rejection UNKNOWN_ERROR', () => {
    const sent = { type: 'person' }
    expect(
      outcomeMetrics(
        [
          { status: 199, errortype: 'INFORMATIONAL', sent },
          { status: 200, sent },
          { status: 299, sent },
          { status: 300, errortype: 'REDIRECTED', sent },
          { status: 404, sent }
        ],
        TAGS
      )
    ).toEqual([
      { type: 'incr', name: METRICS.delivered, value: 2, tags: TAGS },
      { type: 'incr', name: METRICS.rejected, value: 1, tags: [...TAGS, 'error_type:INFORMATIONAL'] },
      { type: 'incr', name: METRICS.rejected, value: 1, tags: [...TAGS, 'error_type:REDIRECTED'] },
      { type: 'incr', name: METRICS.rejected, value: 1, tags: [...TAGS, 'error_type:UNKNOWN_ERROR'] }
    ])
  })

  it('reports the requests a batch took, and its halvings only when there were some', () => {
    expect(batchMetrics(1, 0, TAGS)).toEqual([{ type: 'histogram', name: METRICS.batchRequests, value: 1, tags: TAGS }])
    expect(batchMetrics(5, 2, TAGS)).toEqual([
      { type: 'histogram', name: METRICS.batchRequests, value: 5, tags: TAGS },
      { type: 'incr', name: METRICS.halved, value: 2, tags: TAGS }
    ])
  })

  it('ends a batch with its events’ counters, then the requests it took', () => {
    const sent = { type: 'person' }
    expect(
      batchEndMetrics(
        [
          { status: 200, sent },
          { status: 503, sent }
        ],
        3,
        1,
        TAGS
      )
    ).toEqual([
      { type: 'incr', name: METRICS.delivered, value: 1, tags: TAGS },
      { type: 'incr', name: METRICS.retried, value: 1, tags: [...TAGS, 'status:503'] },
      { type: 'histogram', name: METRICS.batchRequests, value: 3, tags: TAGS },
      { type: 'incr', name: METRICS.halved, value: 1, tags: TAGS }
    ])
  })

  describe('events outside the campaign window', () => {
    /** The time of sending, 2026-12-03T10:00:00Z, and items sent then. */
    const SENT_AT_MS = Date.UTC(2026, 11, 3, 10)
    const item = (action: string, timestamp?: number) => ({
      type: 'person',
      action,
      identifiers: { id: 'u-1' },
      timestamp
    })
    const exactly72HoursOld = SENT_AT_MS / 1000 - 259_200
    const outcomes = [
      { status: 200, sent: item('event', exactly72HoursOld) },
      { status: 200, sent: item('page', exactly72HoursOld - 1) },
      { status: 200, sent: item('screen', 1_700_000_000) },
      { status: 200, sent: item('event') },
      { status: 200, sent: item('identify', 1_700_000_000) },
      { status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED', sent: item('event', 1_600_000_000) },
      { status: 503, errortype: 'SERVICE_UNAVAILABLE', sent: item('event', 1_600_000_000) }
    ]

    it('counts the delivered ones, right after the delivered events, with the same tags', () => {
      expect(outcomeMetrics(outcomes, TAGS, SENT_AT_MS)).toEqual([
        { type: 'incr', name: 'actions-customerio.events.delivered', value: 5, tags: TAGS },
        { type: 'incr', name: 'actions-customerio.events.outside_campaign_window', value: 2, tags: TAGS },
        { type: 'incr', name: METRICS.rejected, value: 1, tags: [...TAGS, 'error_type:PAYLOAD_VALIDATION_FAILED'] },
        { type: 'incr', name: METRICS.retried, value: 1, tags: [...TAGS, 'status:503'] }
      ])
      expect(METRICS.outsideCampaignWindow).toBe('actions-customerio.events.outside_campaign_window')
    })

    it('lists the timestamps of the delivered ones, in order', () => {
      expect(outsideCampaignWindow(outcomes, SENT_AT_MS)).toEqual([exactly72HoursOld - 1, 1_700_000_000])
    })

    it('counts none without a time of sending (delivery metrics are not events of a person)', () => {
      expect(outcomeMetrics(outcomes, TAGS).map((metric) => metric.name)).not.toContain(METRICS.outsideCampaignWindow)
    })

    it('are counted at the end of a batch, among its events’ counters', () => {
      expect(batchEndMetrics(outcomes.slice(1, 3), 1, 0, TAGS, SENT_AT_MS)).toEqual([
        { type: 'incr', name: METRICS.delivered, value: 2, tags: TAGS },
        { type: 'incr', name: METRICS.outsideCampaignWindow, value: 2, tags: TAGS },
        { type: 'histogram', name: METRICS.batchRequests, value: 1, tags: TAGS }
      ])
    })
  })
})
