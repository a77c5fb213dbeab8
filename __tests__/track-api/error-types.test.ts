import { errorTypeForReason, errorTypeForStatus, isRetryableStatus } from '../../src/track-api/error-types'

describe('isRetryableStatus', () => {
  it.each([
    [407, false],
    [408, true],
    [409, false],
    [428, false],
    [429, true],
    [430, false],
    [499, false],
    [500, true],
    [599, true],
    [600, false]
  ])('%d → %s', (status, retryable) => {
    expect(isRetryableStatus(status)).toBe(retryable)
  })
})

describe('errorTypeForStatus', () => {
  it.each([
    [401, 'INVALID_AUTHENTICATION'],
    [403, 'INVALID_AUTHENTICATION'],
    [400, 'BAD_REQUEST'],
    [413, 'PAYLOAD_TOO_LARGE'],
    [429, 'TOO_MANY_REQUESTS'],
    [503, 'SERVICE_UNAVAILABLE']
  ])('%d → %s', (status, type) => {
    expect(errorTypeForStatus(status)).toBe(type)
  })
})

describe('errorTypeForReason', () => {
  it('reads a reason whatever its case and surrounding blanks, and only a string', () => {
    expect(errorTypeForReason(' TOO_LONG ')).toBe('PAYLOAD_VALIDATION_FAILED')
    expect(errorTypeForReason('')).toBe('BAD_REQUEST')
    expect(errorTypeForReason(['invalid'])).toBe('BAD_REQUEST')
  })
})
