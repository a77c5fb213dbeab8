import { HTTPError } from '@segment/actions-core'
import type {
  MultiStatusResponse,
  ModifiedResponse,
  Request,
  RequestClient,
  RequestOptions,
  Response
} from '@segment/actions-core'
import { sendBatch, sendSingle } from '../../src/track-api/send'
import { METRICS } from '../../src/track-api/delivery-stats'
import { recordingPlatform } from '../__helpers__/stats'
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

const OK = { status: 200, statusText: 'OK', data: {}, content: '{}' } as unknown as ModifiedResponse

/** What the stand-in client does with the nth request (from 1), given the payload numbers it carries. */
type Respond = (nth: number, numbers: number[]) => ModifiedResponse

/** A stand-in request client: records the payload numbers of each request and answers with `respond`. */
function standInClient(respond: Respond) {
  const posted: number[][] = []
  const request = (async (_url: string, options?: RequestOptions) => {
    const batch = JSON.parse(String(options?.body)).batch as { identifiers: { id: string } }[]
    const numbers = batch.map((item) => Number(item.identifiers.id.slice('user-'.length)))
    posted.push(numbers)
    return respond(posted.length, numbers)
  }) as unknown as RequestClient
  return { request, posted }
}

/** Answers 200 {} to every request except the numbered one, where it throws the given error. */
function clientFailingOn(failing: number, error: unknown) {
  return standInClient((nth) => {
    if (nth === failing) throw error
    return OK
  })
}

/** actions-core's error for a 413 answer. */
function tooLarge(): HTTPError {
  const response = { status: 413, statusText: 'Payload Too Large', data: {}, content: '{}' }
  return new HTTPError(response as unknown as Response, {} as Request, {} as never)
}

/** Every one of the 40 events delivered, except those numbered in `failed`: a retryable 500 with `message`. */
function expectRetriedOnly(multiStatus: MultiStatusResponse, failed: number[], message: string) {
  const outcomes = multiStatus.getAllResponses().map((response) => response.value())
  expect(outcomes).toHaveLength(40)
  outcomes.forEach((outcome, index) => {
    if (!failed.includes(index)) return expect(outcome).toMatchObject({ status: 200 })
    expect(outcome).toMatchObject({ status: 500, errortype: 'INTERNAL_SERVER_ERROR', errormessage: message })
  })
}

describe('sendBatch', () => {
  it('does not throw an unexpected error of one part of a split batch: only that part’s events are retried', async () => {
    const { request, posted } = clientFailingOn(2, new TypeError('Cannot read properties of undefined'))
    const multiStatus = await sendBatch(request, { settings: {}, payload: payloads }, toBigItem)
    expect(posted.length).toBe(3)
    expectRetriedOnly(
      multiStatus,
      posted[1],
      'Part 2 of 3 of a split batch failed (the request to Customer.io failed: TypeError); only its events will be retried.'
    )
  })

  it.each([
    [4, 'quarter', '1.1'],
    [5, 'secondQuarter', '1.2'],
    [6, 'secondHalf', '2']
  ] as const)(
    'names the half of a split part that failed after a 413: request %i, the %s, “half %s”',
    async (nth, name, label) => {
      // The second part is answered 413, and so is its first half; then the numbered request throws.
      const unexpected = new TypeError('Cannot read properties of undefined')
      const { request, posted } = standInClient((current) => {
        if (current === 2 || current === 3) throw tooLarge()
        if (current === nth) throw unexpected
        return OK
      })
      const multiStatus = await sendBatch(request, { settings: {}, payload: payloads }, toBigItem)
      const [first, whole, half, quarter, secondQuarter, secondHalf, third] = posted
      expect(posted).toHaveLength(7)
      expect([...quarter, ...secondQuarter]).toEqual(half)
      expect([...half, ...secondHalf]).toEqual(whole)
      expect([...first, ...whole, ...third]).toEqual(payloads.map(({ n }) => n))
      expectRetriedOnly(
        multiStatus,
        { quarter, secondQuarter, secondHalf }[name],
        `Part 2 of 3 of a split batch (half ${label}, after Customer.io answered 413) failed (the request to ` +
          'Customer.io failed: TypeError); only its events will be retried.'
      )
    }
  )

  it('rethrows an unexpected error of a batch sent as one request, which nothing has accepted yet', async () => {
    const error = new TypeError('Cannot read properties of undefined')
    const { request } = clientFailingOn(1, error)
    await expect(sendBatch(request, { settings: {}, payload: payloads.slice(0, 3) }, toBigItem)).rejects.toBe(error)
  })
})

describe('a mapper that throws something other than an Error', () => {
  const throwsText = (): ItemSpec => {
    // A mapper written in plain JavaScript may throw a string; its event still gets its own clear error.
    throw 'no person to send'
  }

  it('fails its event alone with that text, in a batch', async () => {
    const { request, posted } = clientFailingOn(0, undefined)
    const multiStatus = await sendBatch(request, { settings: {}, payload: [{ n: 1 }] }, throwsText)
    expect(posted).toEqual([])
    expect(multiStatus.getAllResponses().map((response) => response.value())).toEqual([
      { status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED', errormessage: 'no person to send' }
    ])
  })

  it('throws a PayloadValidationError with that text, alone', async () => {
    const { request } = clientFailingOn(0, undefined)
    await expect(sendSingle(request, { settings: {}, payload: { n: 1 } }, throwsText)).rejects.toMatchObject({
      name: 'PayloadValidationError',
      message: 'no person to send'
    })
  })
})

describe('sendSingle', () => {
  it('counts an unexpected error of its request as a retried 500, and rethrows that same error', async () => {
    const error = new TypeError('Cannot read properties of undefined')
    const request = (async () => {
      throw error
    }) as unknown as RequestClient
    const platform = recordingPlatform()
    const input = { settings: {}, payload: { n: 1 }, statsContext: platform.statsContext }
    await expect(sendSingle(request, input, toBigItem, () => 0)).rejects.toBe(error)
    expect(platform.calls.filter((call) => call.name !== METRICS.requestBytes)).toEqual([
      {
        type: 'incr',
        name: METRICS.requests,
        value: 1,
        tags: ['workspace:ws-1', 'region:US', 'endpoint:entity', 'status:error']
      },
      {
        type: 'histogram',
        name: METRICS.answerTime,
        value: 0,
        tags: ['workspace:ws-1', 'region:US', 'endpoint:entity', 'status:error']
      },
      { type: 'incr', name: METRICS.retried, value: 1, tags: ['workspace:ws-1', 'region:US', 'status:500'] }
    ])
  })
})
