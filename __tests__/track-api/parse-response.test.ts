import fc from 'fast-check'
import { parseBatchResponse } from '../../src/track-api/parse-response'
import { ACCEPTED_ANSWERS, FAILED_ANSWERS } from '../fixtures/batch-responses'

describe('parseBatchResponse', () => {
  it.each(ACCEPTED_ANSWERS)('$name', ({ status, body, count, expected }) => {
    expect(parseBatchResponse(status, body, count)).toEqual(expected)
  })

  it.each(FAILED_ANSWERS)('$name', ({ status, statusText, body, count, expected }) => {
    expect(parseBatchResponse(status, body, count, statusText)).toEqual(expected)
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

  it('never throws, gives n outcomes, and never reports a named index as delivered', () => {
    const error = fc.record(
      { batch_index: fc.oneof(fc.integer({ min: -2, max: 12 }), fc.double(), fc.string()), message: fc.string() },
      { requiredKeys: [] }
    )
    const body = fc.oneof(
      fc.record({ errors: fc.array(error, { maxLength: 6 }) }),
      fc.record({ errors: fc.array(error) }).map((value) => JSON.stringify(value)),
      fc.jsonValue(),
      fc.string()
    )
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 299 }), body, fc.integer({ min: 0, max: 10 }), (status, answer, n) => {
        const outcomes = parseBatchResponse(status, answer, n)
        expect(outcomes).toHaveLength(n)
        const named = JSON.stringify(answer)
        outcomes.forEach((outcome, index) => {
          if (outcome.ok)
            expect(named.includes(`"batch_index":${index},`) || named.includes(`"batch_index":${index}}`)).toBe(false)
        })
      }),
      { numRuns: 2000 }
    )
  })
})
