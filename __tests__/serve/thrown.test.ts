import {
  HTTPError,
  IntegrationError,
  RequestTimeoutError,
  RetryableError,
  SelfTimeoutError
} from '@segment/actions-core'
import type { DeliveryRecord } from '../../src/serve/delivery-log'
import { classifyThrown, describeThrown, networkFailure } from '../../src/serve/thrown'
import { useRunningServer } from './__helpers__/running-server'

/** node-fetch 2's FetchError (what actions-core's fetch throws): its name, its type, the system error's code. */
function fetchError(message: string, type: string, code?: string): Error {
  return Object.assign(new Error(message), { name: 'FetchError', type, ...(code && { code, errno: code }) })
}

function httpError(status: number, statusText: string): HTTPError {
  const response = { status, statusText } as unknown as ConstructorParameters<typeof HTTPError>[0]
  const request = {} as ConstructorParameters<typeof HTTPError>[1]
  return new HTTPError(response, request, {} as ConstructorParameters<typeof HTTPError>[2])
}

// actions-core's TimeoutError and RequestClientError, which its index does not export: their name, code and status.
const timeout = Object.assign(new Error('Request timed out after 10000ms'), { name: 'TimeoutError', code: 'ETIMEDOUT' })
const clientAbort = Object.assign(new Error('Request was aborted'), {
  name: 'RequestClientError',
  code: 'REQUESTCLIENTERROR',
  status: 408
})
const bodyTimeout = fetchError(
  'Response timeout while trying to fetch http://127.0.0.1:1/api/v2/batch (over 10000ms)',
  'body-timeout'
)
const system = (code: string) => fetchError(`request to http://127.0.0.1:1/ failed, reason: ${code}`, 'system', code)
const abort = Object.assign(new Error('The operation was aborted.'), { name: 'AbortError', type: 'aborted' })
const ajv = Object.assign(new Error("The root value is missing the required field 'event_name'."), {
  name: 'AggregateAjvError'
})
const integration = new IntegrationError('Mapping failed', 'PAYLOAD_VALIDATION_FAILED', 400)
const integration503 = new RetryableError('Try later', 503)

describe('what the platform does with each error a call throws', () => {
  const table: [string, unknown, { kind: string; status?: number; retryable: boolean }][] = [
    ['HTTPError 400', httpError(400, 'Bad Request'), { kind: 'answered', status: 400, retryable: false }],
    ['HTTPError 401', httpError(401, 'Unauthorized'), { kind: 'answered', status: 401, retryable: false }],
    ['HTTPError 403', httpError(403, 'Forbidden'), { kind: 'answered', status: 403, retryable: false }],
    ['HTTPError 404', httpError(404, 'Not Found'), { kind: 'answered', status: 404, retryable: false }],
    ['HTTPError 408', httpError(408, 'Request Timeout'), { kind: 'answered', status: 408, retryable: true }],
    ['HTTPError 413', httpError(413, 'Payload Too Large'), { kind: 'answered', status: 413, retryable: false }],
    ['HTTPError 422', httpError(422, 'Unprocessable Entity'), { kind: 'answered', status: 422, retryable: false }],
    ['HTTPError 429', httpError(429, 'Too Many Requests'), { kind: 'answered', status: 429, retryable: true }],
    ['HTTPError 500', httpError(500, 'Internal Server Error'), { kind: 'answered', status: 500, retryable: true }],
    ['HTTPError 502', httpError(502, 'Bad Gateway'), { kind: 'answered', status: 502, retryable: true }],
    ['HTTPError 503', httpError(503, 'Service Unavailable'), { kind: 'answered', status: 503, retryable: true }],
    ['HTTPError 504', httpError(504, 'Gateway Timeout'), { kind: 'answered', status: 504, retryable: true }],
    ["actions-core's TimeoutError (no answer in time)", timeout, { kind: 'timeout', retryable: true }],
    [
      "actions-core's RequestTimeoutError",
      new RequestTimeoutError(),
      { kind: 'timeout', status: 408, retryable: true }
    ],
    ["a timeout while reading the answer's body", bodyTimeout, { kind: 'timeout', retryable: true }],
    [
      "actions-core's SelfTimeoutError",
      new SelfTimeoutError('Out of time'),
      { kind: 'timeout', status: 408, retryable: true }
    ],
    [
      "node-fetch's request timeout",
      fetchError('network timeout', 'request-timeout'),
      { kind: 'timeout', retryable: true }
    ],
    ['ETIMEDOUT from the socket', system('ETIMEDOUT'), { kind: 'timeout', retryable: true }],
    ['ECONNRESET', system('ECONNRESET'), { kind: 'network', retryable: true }],
    ['ECONNREFUSED', system('ECONNREFUSED'), { kind: 'network', retryable: true }],
    ['EPIPE', system('EPIPE'), { kind: 'network', retryable: true }],
    ['ENOTFOUND', system('ENOTFOUND'), { kind: 'network', retryable: true }],
    ['EAI_AGAIN', system('EAI_AGAIN'), { kind: 'network', retryable: true }],
    [
      'a FetchError without a code',
      fetchError('Invalid response body', 'system'),
      { kind: 'network', retryable: true }
    ],
    ['an abort (AbortError)', abort, { kind: 'cancelled', retryable: true }],
    [
      "actions-core's RequestClientError (aborted)",
      clientAbort,
      {
        kind: 'cancelled',
        status: 408,
        retryable: true
      }
    ],
    ['a field validation (ajv)', ajv, { kind: 'invalid', status: 400, retryable: false }],
    ['an error with a permanent status', integration, { kind: 'error', status: 400, retryable: false }],
    ['an error with a retryable status', integration503, { kind: 'error', status: 503, retryable: true }],
    [
      'a Node programming error (ERR_*)',
      Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL' }),
      {
        kind: 'error',
        retryable: false
      }
    ],
    ['a plain Error', new Error('boom'), { kind: 'error', retryable: false }],
    ['a thrown string', 'boom', { kind: 'error', retryable: false }]
  ]

  it.each(table)('%s', (_name, error, expected) => {
    expect(classifyThrown(error)).toEqual({ status: undefined, ...expected })
    const described = describeThrown(error)
    expect(described.retryable).toBe(expected.retryable)
    expect(described.status).toBe(expected.status)
  })

  it('says the status and the status text of an answer, and the message of any other error', () => {
    expect(describeThrown(httpError(503, 'Service Unavailable'))).toEqual({
      status: 503,
      message: 'HTTP 503: Service Unavailable',
      retryable: true
    })
    expect(describeThrown(bodyTimeout)).toEqual({
      status: undefined,
      message: 'Response timeout while trying to fetch http://127.0.0.1:1/api/v2/batch (over 10000ms)',
      retryable: true
    })
  })

  it('names a timeout or a network failure as such when the credentials were being checked, nothing else', () => {
    expect(networkFailure(bodyTimeout)).toBe(
      'The network failed, so the credentials were not checked: Response timeout while trying to fetch http://127.0.0.1:1/api/v2/batch (over 10000ms)'
    )
    expect(networkFailure(system('ECONNREFUSED'))).toBe(
      'The network failed, so the credentials were not checked: request to http://127.0.0.1:1/ failed, reason: ECONNREFUSED'
    )
    expect(networkFailure(timeout)).toMatch(
      /^The network failed, so the credentials were not checked: Request timed out/
    )
    for (const error of [httpError(401, 'Unauthorized'), new Error('boom'), 'boom', clientAbort]) {
      expect(networkFailure(error)).toBeUndefined()
    }
  })
})

describe('a call that times out or loses its connection, through the local server', () => {
  const running = useRunningServer({ options: { port: '0', 'timeout-ms': '300' } })

  async function single(fault: string): Promise<DeliveryRecord> {
    const answer = await running.post(
      '/trackEvent',
      { payload: { type: 'track', event: 'Order Completed', userId: 'u-1' } },
      { 'x-sim-fault': fault }
    )
    expect(answer.status).toBe(200)
    return running.serving.server.deliveries.list()[0]
  }

  it.each([
    ["a timeout while reading the answer's body", 'truncated'],
    ['a timeout waiting for the answer', 'slow'],
    ['a connection reset', 'reset']
  ])('records %s as retried, as the platform would retry it', async (_name, fault) => {
    const record = await single(fault)
    expect(record.thrown).toMatchObject({ retryable: true })
    expect(record.thrown?.status).toBeUndefined()
    expect([record.succeeded, record.failed, record.retried]).toEqual([0, 0, 1])
  })
})
