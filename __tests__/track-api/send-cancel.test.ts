// The platform's AbortSignal: between the requests of a split batch (and of a 413 recovery) no further request is
// sent; what was sent keeps its outcome, the rest is handed back to be retried.
import type { ModifiedResponse, RequestClient, RequestOptions } from '@segment/actions-core'
import { sendBatch } from '../../src/track-api/send'
import type { ItemSpec } from '../../src/track-api/build-item'
import { recordingPlatform } from '../__helpers__/stats'
import { METRICS } from '../../src/track-api/delivery-stats'
import { abortedByPlatform } from '../__helpers__/aborted'

interface Numbered {
  n: number
  size?: number
}

const toItem = ({ n, size = 29_000 }: Numbered): ItemSpec => ({
  type: 'person',
  action: 'event',
  person: { person_id: `user-${n}` },
  name: 'Big',
  attributes: { blob: 'x'.repeat(size) }
})

const NOT_SENT = 'The batch was cancelled before this event was sent; it will be retried.'

/** Answers each request with `answer(ids, count)`, after running `after(count)` (to fire the signal). */
function client(answer: (ids: number[]) => number, after: (count: number) => void) {
  const posted: number[][] = []
  const request = (async (_url: string, options?: RequestOptions) => {
    const batch = JSON.parse(String(options?.body)).batch as { identifiers: { id: string } }[]
    const ids = batch.map((item) => Number(item.identifiers.id.slice('user-'.length)))
    posted.push(ids)
    after(posted.length)
    const status = answer(ids)
    if (status === 413) {
      const response = { status: 413, statusText: 'Payload Too Large', data: {}, content: '{}' }
      throw Object.assign(new Error('Payload Too Large'), { name: 'HTTPError', response })
    }
    return { status, statusText: 'OK', data: {}, content: '{}' } as unknown as ModifiedResponse
  }) as unknown as RequestClient
  return { request, posted }
}

function values(multiStatus: Awaited<ReturnType<typeof sendBatch>>) {
  return multiStatus.getAllResponses().map((response) => response.value())
}

describe('cancellation of a batch', () => {
  it('between the parts of a split batch: the first part delivered, the others never sent and retried', async () => {
    const controller = new AbortController()
    const payloads = Array.from({ length: 40 }, (_, n) => ({ n }))
    const { request, posted } = client(
      () => 200,
      () => controller.abort()
    )
    const platform = recordingPlatform()
    const outcomes = values(
      await sendBatch(
        request,
        { payload: payloads, settings: {}, signal: controller.signal, statsContext: platform.statsContext },
        toItem
      )
    )
    expect(posted).toHaveLength(1)
    const first = new Set(posted[0])
    outcomes.forEach((outcome, index) => {
      if (first.has(index)) return expect(outcome).toMatchObject({ status: 200, sent: expect.any(Object) })
      expect(outcome).toEqual({ status: 408, errortype: 'CANCELLED', errormessage: NOT_SENT, body: payloads[index] })
    })
    const counted = platform.calls.filter((call) => call.name === METRICS.retried || call.name === METRICS.delivered)
    expect(counted).toEqual([
      { type: 'incr', name: METRICS.delivered, value: first.size, tags: ['workspace:ws-1', 'region:US'] },
      {
        type: 'incr',
        name: METRICS.retried,
        value: 40 - first.size,
        tags: ['workspace:ws-1', 'region:US', 'status:408']
      }
    ])
  })

  it('between the halves of a 413 recovery: the half sent keeps its outcome, the other is retried', async () => {
    const controller = new AbortController()
    const payloads = Array.from({ length: 4 }, (_, n) => ({ n, size: 100 }))
    const { request, posted } = client(
      (ids) => (ids.length === 4 ? 413 : 200),
      (count) => count === 2 && controller.abort()
    )
    const outcomes = values(
      await sendBatch(request, { payload: payloads, settings: {}, signal: controller.signal }, toItem)
    )
    expect(posted).toEqual([
      [0, 1, 2, 3],
      [0, 1]
    ])
    expect(outcomes.map((outcome) => outcome.status)).toEqual([200, 200, 408, 408])
    expect(outcomes[3]).toMatchObject({ errortype: 'CANCELLED', errormessage: NOT_SENT })
  })

  it('fired before anything was sent: no request, every event retried', async () => {
    const controller = new AbortController()
    controller.abort()
    const { request, posted } = client(
      () => 200,
      () => undefined
    )
    const outcomes = values(
      await sendBatch(request, { payload: [{ n: 0 }, { n: 1 }], settings: {}, signal: controller.signal }, toItem)
    )
    expect(posted).toEqual([])
    expect(outcomes).toEqual([
      { status: 408, errortype: 'CANCELLED', errormessage: NOT_SENT, body: { n: 0 } },
      { status: 408, errortype: 'CANCELLED', errormessage: NOT_SENT, body: { n: 1 } }
    ])
  })

  it('a batch sent as one request, aborted in flight: the abort goes up, its events counted retried as 408', async () => {
    const controller = new AbortController()
    const aborted = abortedByPlatform()
    const request = (async () => {
      controller.abort()
      throw aborted
    }) as unknown as RequestClient
    const platform = recordingPlatform()
    await expect(
      sendBatch(
        request,
        {
          payload: [{ n: 0 }, { n: 1 }],
          settings: {},
          signal: controller.signal,
          statsContext: platform.statsContext
        },
        toItem
      )
    ).rejects.toBe(aborted)
    expect(platform.calls.filter((call) => call.name === METRICS.retried)).toEqual([
      { type: 'incr', name: METRICS.retried, value: 2, tags: ['workspace:ws-1', 'region:US', 'status:408'] }
    ])
  })

  it('a signal that never fires changes nothing', async () => {
    const { request, posted } = client(
      () => 200,
      () => undefined
    )
    const payloads = Array.from({ length: 40 }, (_, n) => ({ n }))
    const outcomes = values(
      await sendBatch(request, { payload: payloads, settings: {}, signal: new AbortController().signal }, toItem)
    )
    expect(posted).toHaveLength(3)
    expect(outcomes.every((outcome) => outcome.status === 200)).toBe(true)
  })
})

describe('the 413 recovery’s bound', () => {
  it.each([1, 2, 3, 7, 16, 33])(
    'sends at most 2n requests for n items, even when every request is refused',
    async (n) => {
      const { request, posted } = client(
        () => 413,
        () => undefined
      )
      const payloads = Array.from({ length: n }, (_, index) => ({ n: index, size: 100 }))
      const outcomes = values(await sendBatch(request, { payload: payloads, settings: {} }, toItem))
      expect(posted.length).toBe(2 * n - 1)
      expect(posted.length).toBeLessThanOrEqual(2 * n)
      expect(outcomes.map((outcome) => outcome.status)).toEqual(payloads.map(() => 413))
      // Every item was finally sent alone, once.
      expect(posted.filter((ids) => ids.length === 1).map((ids) => ids[0])).toEqual(payloads.map((_, index) => index))
    }
  )
})
