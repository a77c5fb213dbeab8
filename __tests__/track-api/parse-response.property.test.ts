import fc from 'fast-check'
import { parseBatchResponse } from '../../src/track-api/parse-response'
import { checkParserProperties } from '../__helpers__/properties/parse-response'

describe('parseBatchResponse properties', () => {
  it('gives one outcome per item, fails every named item, and reports none delivered on an answer it cannot trust', () => {
    // A few thousand cases here; `npm run fuzz` runs the same properties 100,000 times and more.
    expect(checkParserProperties(1500)).toBe(4500)
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
