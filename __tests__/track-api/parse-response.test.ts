import { parseBatchResponse } from '../../src/track-api/parse-response'
import { ACCEPTED_ANSWERS, FAILED_ANSWERS } from '../__helpers__/fixtures/batch-responses'

describe('parseBatchResponse', () => {
  it.each(ACCEPTED_ANSWERS)('$name', ({ status, body, count, expected }) => {
    expect(parseBatchResponse(status, body, count)).toEqual(expected)
  })

  it.each(FAILED_ANSWERS)('$name', ({ status, statusText, body, count, expected }) => {
    expect(parseBatchResponse(status, body, count, statusText)).toEqual(expected)
  })

  it.each(['invalid', 'required', 'missing', 'too_large', 'too_long', ' Invalid '])(
    'reads the reason %p of a 207 error as PAYLOAD_VALIDATION_FAILED',
    (reason) => {
      expect(parseBatchResponse(207, { errors: [{ batch_index: 0, reason, message: 'no' }] }, 1)).toEqual([
        { ok: false, status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED', message: 'no', retryable: false }
      ])
    }
  )

  it.each(['forbidden', 'internal', undefined])('reads the reason %p of a 207 error as BAD_REQUEST', (reason) => {
    expect(parseBatchResponse(207, { errors: [{ batch_index: 0, reason, message: 'no' }] }, 1)).toEqual([
      { ok: false, status: 400, errortype: 'BAD_REQUEST', message: 'no', retryable: false }
    ])
  })

  it('gives every item its own outcome object', () => {
    const outcomes = parseBatchResponse(500, {}, 2, 'Internal Server Error')
    expect(outcomes[0]).not.toBe(outcomes[1])
  })

  it('shortens a long quote of what Customer.io said', () => {
    const [outcome] = parseBatchResponse(200, 'x'.repeat(1000), 1)
    expect(outcome.ok).toBe(false)
    expect(!outcome.ok && outcome.message.length).toBeLessThan(450)
  })
})
