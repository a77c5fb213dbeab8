import type { StatsContext } from '@segment/actions-core'
import {
  METRICS,
  baseTags,
  batchMetrics,
  emit,
  outcomeMetrics,
  requestMetrics,
  timedRequest,
  withActionTag
} from '../../src/track-api/delivery-stats'
import { recordingPlatform } from '../helpers/stats'

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
})

describe('emit', () => {
  it('does nothing without a statsContext', () => {
    expect(() => emit(undefined, batchMetrics(1, 0, TAGS))).not.toThrow()
  })

  it('keeps going when the statsClient throws: every metric is still offered', () => {
    const offered: string[] = []
    const statsContext = recordingPlatform().statsContext
    statsContext.statsClient.incr = (name) => {
      offered.push(name)
      throw new Error('down')
    }
    statsContext.statsClient.histogram = (name) => {
      offered.push(name)
      throw new Error('down')
    }
    expect(() => emit(statsContext, batchMetrics(5, 2, TAGS))).not.toThrow()
    expect(offered).toEqual([METRICS.batchRequests, METRICS.halved])
  })
})

describe('timedRequest', () => {
  it('times the answer with the given clock and tags its status', async () => {
    const platform = recordingPlatform()
    const times = [100, 135]
    const response = await timedRequest(
      platform.statsContext,
      TAGS,
      'entity',
      77,
      () => times.shift() as number,
      async () => ({ status: 200 })
    )
    expect(response).toEqual({ status: 200 })
    expect(platform.calls).toEqual([
      { type: 'incr', name: METRICS.requests, value: 1, tags: [...TAGS, 'endpoint:entity', 'status:200'] },
      { type: 'histogram', name: METRICS.requestBytes, value: 77, tags: [...TAGS, 'endpoint:entity'] },
      { type: 'histogram', name: METRICS.answerTime, value: 35, tags: [...TAGS, 'endpoint:entity', 'status:200'] }
    ])
  })

  it('reports a request without an answer by why, and rethrows its error', async () => {
    const platform = recordingPlatform()
    const reset = Object.assign(new Error('socket hang up'), { name: 'FetchError', code: 'ECONNRESET' })
    const times = [0, 12]
    await expect(
      timedRequest(
        platform.statsContext,
        TAGS,
        'batch',
        10,
        () => times.shift() as number,
        () => Promise.reject(reset)
      )
    ).rejects.toBe(reset)
    expect(platform.calls.map((call) => call.tags?.at(-1))).toEqual([
      'status:network_error',
      'endpoint:batch',
      'status:network_error'
    ])
  })
})
