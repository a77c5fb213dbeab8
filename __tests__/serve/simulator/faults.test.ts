import { reshapeBatchResponse, UNATTRIBUTED_ERROR } from '../../../src/serve/simulator/fault-behaviours'
import {
  chooseFault,
  createFaultSchedule,
  parseFaultRequest,
  readFaultScope,
  setScheduledFault,
  takeScheduledFault
} from '../../../src/serve/simulator/faults'
import { buildJsonResponse } from '../../../src/serve/simulator/responses'
import { createDelays } from '../../../src/serve/simulator/runtime'

describe('fault schedule', () => {
  it('counts a fault down over `times` requests, then clears it', () => {
    const schedule = createFaultSchedule()
    setScheduledFault(schedule, { mode: '503' }, 2)
    expect([takeScheduledFault(schedule), takeScheduledFault(schedule), takeScheduledFault(schedule)]).toEqual([
      { mode: '503' },
      { mode: '503' },
      undefined
    ])
  })

  it('keeps a fault without `times` until it is cleared', () => {
    const schedule = createFaultSchedule({ mode: '500' })
    expect([takeScheduledFault(schedule), takeScheduledFault(schedule)]).toEqual([{ mode: '500' }, { mode: '500' }])
    setScheduledFault(schedule, undefined)
    expect(takeScheduledFault(schedule)).toBeUndefined()
  })

  it('lets a request header choose a fault without counting the schedule down', () => {
    const schedule = createFaultSchedule()
    setScheduledFault(schedule, { mode: '500' }, 1)
    expect(chooseFault({ 'x-sim-fault': 'slow', 'x-sim-delay-ms': '25' }, schedule)).toEqual({
      fault: { mode: 'slow', delayMs: 25 }
    })
    expect(chooseFault({}, schedule)).toEqual({ fault: { mode: '500' } })
    expect(chooseFault({}, schedule)).toEqual({ fault: undefined })
  })

  it('refuses an unknown header mode', () => {
    expect(chooseFault({ 'x-sim-fault': 'explode' }, createFaultSchedule())).toEqual({
      error: 'The fault mode must be one of 429, 500, 503, slow, reset, truncated, text-207, unindexed, lost-answer.',
      field: 'mode'
    })
  })
})

describe('parseFaultRequest', () => {
  it.each<[string, unknown, ReturnType<typeof parseFaultRequest>]>([
    ['a mode alone', { mode: 'reset' }, { fault: { mode: 'reset' } }],
    [
      'a 429 with times and Retry-After',
      { mode: '429', times: 2, retryAfterSeconds: 7 },
      { fault: { mode: '429', retryAfterSeconds: 7 }, times: 2 }
    ],
    ['slow with a delay', { mode: 'slow', delayMs: 10 }, { fault: { mode: 'slow', delayMs: 10 } }],
    [
      'an unknown mode',
      { mode: 'boom' },
      {
        error: 'The fault mode must be one of 429, 500, 503, slow, reset, truncated, text-207, unindexed, lost-answer.',
        field: 'mode'
      }
    ],
    [
      'times of 0',
      { mode: '500', times: 0 },
      { error: 'times must be a positive integer, or left out for "until cleared".', field: 'times' }
    ],
    [
      'a negative delay',
      { mode: 'slow', delayMs: -1 },
      { error: 'delayMs must be a whole number of milliseconds, at most 600000.', field: 'delayMs' }
    ],
    [
      // Beyond a 32-bit timer, node waits 1 ms instead (with a warning); a long wait held the request's body.
      'a delay over ten minutes',
      { mode: 'slow', delayMs: 99_999_999_999 },
      { error: 'delayMs must be a whole number of milliseconds, at most 600000.', field: 'delayMs' }
    ],
    [
      'a body that is not an object',
      '429',
      { error: 'The body must be a JSON object such as {"mode":"429","times":1}.', field: 'body' }
    ]
  ])('reads %s', (_name, body, expected) => {
    expect(parseFaultRequest(body)).toEqual(expected)
  })
})

describe('reshapeBatchResponse', () => {
  const errors = [{ batch_index: 1, reason: 'required', field: 'name', message: 'name is required.' }]
  const handled = { ...buildJsonResponse(207, { errors }), errors }

  it('sends text-207 as text/plain JSON of the real errors', () => {
    const response = reshapeBatchResponse({ mode: 'text-207' }, handled)
    expect(response.status).toBe(207)
    expect(response.headers).toEqual({ 'content-type': 'text/plain; charset=utf-8' })
    expect(JSON.parse(response.body)).toEqual({ errors })
  })

  it('strips batch_index for unindexed, and names an unattributed error when every item was valid', () => {
    expect(JSON.parse(reshapeBatchResponse({ mode: 'unindexed' }, handled).body)).toEqual({
      errors: [{ reason: 'required', field: 'name', message: 'name is required.' }]
    })
    const allValid = { ...buildJsonResponse(200, {}), errors: [] }
    expect(JSON.parse(reshapeBatchResponse({ mode: 'unindexed' }, allValid).body)).toEqual({
      errors: [UNATTRIBUTED_ERROR]
    })
  })

  it('leaves an answer without validation errors (a 400 or 413) alone', () => {
    const whole = buildJsonResponse(400, { errors: [{ reason: 'invalid', field: 'batch', message: 'x' }] })
    expect(reshapeBatchResponse({ mode: 'text-207' }, whole)).toBe(whole)
  })
})

describe('setScheduledFault with skip', () => {
  it('lets the skipped requests through, then applies the fault the given number of times', () => {
    const schedule = createFaultSchedule()
    setScheduledFault(schedule, { mode: '503' }, 1, 2)
    expect([1, 2, 3, 4].map(() => takeScheduledFault(schedule)?.mode)).toEqual([undefined, undefined, '503', undefined])
  })
})

describe('readFaultScope', () => {
  it.each([
    ['/api/v2/batch', { path: '/api/v2/batch' }],
    ['/_fault/503/api/v2/batch', { scope: { mode: '503' }, path: '/api/v2/batch' }],
    ['/_fault/none/api/v2/entity', { scope: null, path: '/api/v2/entity' }],
    ['/_fault/melt/api/v2/batch', { path: '/_fault/melt/api/v2/batch' }],
    ['/_fault/429', { scope: { mode: '429' }, path: '/' }]
  ])('reads %s', (path, expected) => {
    expect(readFaultScope(path)).toEqual(expected)
  })
})

describe('createDelays', () => {
  it('ends a wait at once, false, when its client goes away, and holds nothing after', async () => {
    const delays = createDelays()
    const abandoned = new AbortController()
    const waits = [delays.wait(600_000, abandoned.signal), delays.wait(5)]
    expect(delays.pending).toBe(2)
    abandoned.abort()
    expect(await Promise.all(waits)).toEqual([false, true])
    expect(delays.pending).toBe(0)
  })

  it('cancels every pending wait, false', async () => {
    const delays = createDelays()
    const waits = [delays.wait(600_000), delays.wait(600_000)]
    delays.cancelAll()
    expect(await Promise.all(waits)).toEqual([false, false])
    expect(delays.pending).toBe(0)
  })
})
