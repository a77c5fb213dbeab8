import { checkParserProperties } from '../__helpers__/properties/parse-response'

describe('parseBatchResponse properties', () => {
  it('gives one outcome per item, fails every named item, and reports none delivered on an answer it cannot trust', () => {
    // A few thousand cases here; `npm run fuzz` runs the same properties 100,000 times and more.
    expect(checkParserProperties(1500)).toBe(4500)
  })
})
