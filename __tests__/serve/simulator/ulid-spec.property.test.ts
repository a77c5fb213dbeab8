import fc from 'fast-check'
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import { MAX_ULID_TIME_MS, deriveUlid } from '../../../src/track-api/ulid'
import { loadSpecDocument } from '../../../src/serve/simulator/spec-document'

// The ULIDs the destination derives, against the OpenAPI document the simulator serves: its event item, with the
// document's `ULID` format checked (the simulator itself leaves that format open).

/** The ULID spec's canonical form, written independently of the module's own pattern. */
const CANONICAL_ULID = /^[0-7][0123456789ABCDEFGHJKMNPQRSTVWXYZ]{25}$/

/** The item schema of a person event, with the document's `ULID` format checked. */
function strictEventValidator() {
  const ajv = new Ajv2020({ strict: false, validateSchema: false, logger: false })
  addFormats(ajv)
  ajv.addFormat('ULID', CANONICAL_ULID)
  ajv.addFormat('unix timestamp', true)
  ajv.addSchema(loadSpecDocument(), 'doc')
  return ajv.compile({ $ref: 'doc#/components/schemas/person_event' })
}

describe('deriveUlid', () => {
  it('is a ULID the OpenAPI document’s event item accepts, for every id and time; a message id is not', () => {
    const validate = strictEventValidator()
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: MAX_ULID_TIME_MS }), (id, time) => {
        const item = {
          type: 'person',
          action: 'event',
          identifiers: { id: 'u-1' },
          name: 'Order Completed',
          id: deriveUlid(id, time)
        }
        expect(validate(item)).toBe(true)
      })
    )
    expect(validate({ type: 'person', action: 'event', identifiers: { id: 'u-1' }, name: 'x', id: 'msg-0001' })).toBe(
      false
    )
  })
})
