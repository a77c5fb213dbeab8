// The spec check of the action tests is left out where the simulator's validator is absent (the destination's folder
// in Segment's repository); in this repository it must run, so this test fails if it would be left out.
import { SPEC_VALIDATOR_PRESENT, expectValidUnderSpec } from '../__helpers__/spec-check'

describe('the spec check of the action tests', () => {
  it('has the simulator’s validator in this repository', () => {
    expect(SPEC_VALIDATOR_PRESENT).toBe(true)
  })

  it('refuses a batch item the spec refuses, naming the item and the rule', () => {
    const body = { batch: [{ type: 'person', action: 'identify', identifiers: { id: 'u1' } }, { type: 'person' }] }
    expect(() => expectValidUnderSpec('/api/v2/batch', body)).toThrow(
      'The body sent to /api/v2/batch is not valid under the spec:\n- batch[1]: action is required: one of'
    )
  })

  it('passes a valid item', () => {
    expect(() =>
      expectValidUnderSpec('/api/v2/entity', { type: 'person', action: 'identify', identifiers: { id: 'u1' } })
    ).not.toThrow()
  })
})
