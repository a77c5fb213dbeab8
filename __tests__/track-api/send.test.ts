import type { ModifiedResponse, RequestClient, RequestOptions } from '@segment/actions-core'
import { sendBatch } from '../../src/track-api/send'
import type { ItemSpec } from '../../src/track-api/build-item'

// sendBatch against a stand-in request client, for failures a real socket cannot produce on demand.
interface Big {
  n: number
}

/** About 29,000 bytes each: 40 of them make three requests under the 500,000-byte limit. */
const toBigItem = ({ n }: Big): ItemSpec => ({
  type: 'person',
  action: 'event',
  person: { person_id: `user-${n}` },
  name: 'Big',
  attributes: { blob: 'x'.repeat(29_000) }
})

const payloads: Big[] = Array.from({ length: 40 }, (_, n) => ({ n }))

/** Answers 200 {} to every request except the numbered one, where it throws the given error. */
function clientFailingOn(failing: number, error: unknown) {
  const posted: number[][] = []
  const request = (async (_url: string, options?: RequestOptions) => {
    const batch = JSON.parse(String(options?.body)).batch as { identifiers: { id: string } }[]
    posted.push(batch.map((item) => Number(item.identifiers.id.slice('user-'.length))))
    if (posted.length === failing) throw error
    return { status: 200, statusText: 'OK', data: {}, content: '{}' } as unknown as ModifiedResponse
  }) as unknown as RequestClient
  return { request, posted }
}

describe('sendBatch', () => {
  it('does not throw an unexpected error of one part of a split batch: only that part’s events are retried', async () => {
    const { request, posted } = clientFailingOn(2, new TypeError('Cannot read properties of undefined'))
    const multiStatus = await sendBatch(request, { settings: {}, payload: payloads }, toBigItem)
    expect(posted.length).toBe(3)
    const failedPart = new Set(posted[1])
    const outcomes = multiStatus.getAllResponses().map((response) => response.value())
    expect(outcomes).toHaveLength(40)
    outcomes.forEach((outcome, index) => {
      if (!failedPart.has(index)) return expect(outcome).toMatchObject({ status: 200 })
      expect(outcome).toMatchObject({
        status: 500,
        errortype: 'INTERNAL_SERVER_ERROR',
        errormessage:
          'Part 2 of 3 of a split batch failed (the request to Customer.io failed: TypeError); only its events will be retried.'
      })
    })
  })

  it('rethrows an unexpected error of a batch sent as one request, which nothing has accepted yet', async () => {
    const error = new TypeError('Cannot read properties of undefined')
    const { request } = clientFailingOn(1, error)
    await expect(sendBatch(request, { settings: {}, payload: payloads.slice(0, 3) }, toBigItem)).rejects.toBe(error)
  })
})
