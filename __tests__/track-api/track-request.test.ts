import { HTTPError, Headers } from '@segment/actions-core'
import type { ModifiedResponse, Request, RequestClient, RequestOptions } from '@segment/actions-core'
import { METRICS, batchMetrics } from '../../src/track-api/delivery-stats'
import { emit, timedRequest, withRetryAfterInMessage } from '../../src/track-api/track-request'
import type { RequestContext } from '../../src/track-api/track-request'
import { answer } from '../__helpers__/request-errors'
import { recordingPlatform } from '../__helpers__/stats'

const TAGS = ['workspace:ws-1', 'region:EU']

/** A request client that records what it was asked to send, and answers with `answer()`. */
function standInClient(answer: () => Promise<{ status: number }>) {
  const calls: { url: string; options?: RequestOptions }[] = []
  const request = (async (url: string, options?: RequestOptions) => {
    calls.push({ url, options })
    return answer()
  }) as unknown as RequestClient
  return { request, calls }
}

function contextFor(request: RequestClient, times: number[], signal?: AbortSignal) {
  const platform = recordingPlatform()
  const context: RequestContext = {
    request,
    statsContext: platform.statsContext,
    tags: TAGS,
    now: () => times.shift() as number,
    signal
  }
  return { context, platform }
}

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
  it('posts the body as JSON, times the answer with the given clock and tags its status', async () => {
    const { request, calls } = standInClient(async () => ({ status: 200 }))
    const { context, platform } = contextFor(request, [100, 135])
    const body = '{"batch":["é"]}'
    const posted = await timedRequest(context, 'entity', 'https://track.example/api/v2/entity', body)
    expect(posted).toEqual({ ok: true, response: { status: 200 } })
    expect(calls).toEqual([
      {
        url: 'https://track.example/api/v2/entity',
        options: { method: 'post', headers: { 'content-type': 'application/json' }, body }
      }
    ])
    const bytes = Buffer.byteLength(body)
    expect(bytes).toBe(body.length + 1)
    expect(platform.calls).toEqual([
      { type: 'incr', name: METRICS.requests, value: 1, tags: [...TAGS, 'endpoint:entity', 'status:200'] },
      { type: 'histogram', name: METRICS.requestBytes, value: bytes, tags: [...TAGS, 'endpoint:entity'] },
      { type: 'histogram', name: METRICS.answerTime, value: 35, tags: [...TAGS, 'endpoint:entity', 'status:200'] }
    ])
  })

  it('reports a request without an answer by why, and returns its error with what it means', async () => {
    const reset = Object.assign(new Error('socket hang up'), { name: 'FetchError', code: 'ECONNRESET' })
    const { request } = standInClient(() => Promise.reject(reset))
    const { context, platform } = contextFor(request, [0, 12])
    const posted = await timedRequest(context, 'batch', 'https://track.example/api/v2/batch', '{}')
    expect(posted).toEqual({
      ok: false,
      error: reset,
      failed: {
        kind: 'network',
        tag: 'network_error',
        failure: {
          ok: false,
          status: 502,
          errortype: 'BAD_GATEWAY',
          message: 'the connection to Customer.io failed: ECONNRESET',
          retryable: true
        }
      }
    })
    expect(platform.calls.map((call) => [call.value, call.tags?.at(-1)])).toEqual([
      [1, 'status:network_error'],
      [2, 'endpoint:batch'],
      [12, 'status:network_error']
    ])
  })

  it('reads a failure after the platform’s signal fired as the cancellation', async () => {
    const controller = new AbortController()
    const aborted = Object.assign(new Error('Request was aborted'), { code: 'REQUESTCLIENTERROR' })
    const { request } = standInClient(() => (controller.abort(), Promise.reject(aborted)))
    const { context, platform } = contextFor(request, [0, 1], controller.signal)
    const posted = await timedRequest(context, 'metrics', 'https://track.example/api/v1/metrics', '{}')
    expect(posted).toMatchObject({ ok: false, error: aborted, failed: { kind: 'cancelled', tag: 'cancelled' } })
    expect(platform.calls[0].tags).toEqual([...TAGS, 'endpoint:metrics', 'status:cancelled'])
  })

  it('hands the answer over as it came', async () => {
    const response = { status: 207, data: { errors: [] } } as unknown as ModifiedResponse
    const { request } = standInClient(async () => response)
    const { context } = contextFor(request, [0, 0])
    const posted = await timedRequest(context, 'batch', 'https://track.example/api/v2/batch', '{}')
    expect(posted.ok && posted.response).toBe(response)
  })
})

describe('withRetryAfterInMessage', () => {
  const answered = (statusText: string, retryAfter?: string) =>
    new HTTPError(
      {
        ...answer(429, {}, statusText),
        headers: new Headers(retryAfter === undefined ? {} : { 'retry-after': retryAfter })
      } as ModifiedResponse,
      {} as Request,
      {} as never
    )
  const NOTE = 'Customer.io asked to be retried after 7 seconds (Retry-After: 7)'

  it('adds the note to the same error’s message, once', () => {
    const error = answered('Too Many Requests', '7')
    expect(withRetryAfterInMessage(error)).toBe(error)
    expect(error.message).toBe(`Too Many Requests; ${NOTE}`)
    withRetryAfterInMessage(error)
    expect(error.message).toBe(`Too Many Requests; ${NOTE}`)
  })

  it('makes the note the whole message of an error that had none', () => {
    const error = answered('', '7')
    expect(error.message).toBe('')
    expect(withRetryAfterInMessage(error).message).toBe(NOTE)
  })

  it('leaves an error without the header, and what is not an Error, as they were', () => {
    const error = answered('Too Many Requests')
    expect(withRetryAfterInMessage(error).message).toBe('Too Many Requests')
    expect(withRetryAfterInMessage('7')).toBe('7')
  })
})
