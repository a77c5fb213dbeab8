// Every body an action test puts on the wire must be valid under Customer.io's OpenAPI document (the copy in spec/,
// with the exceptions spec-document.ts names). The validator is the local simulator's (src/serve/simulator/), which
// stays in this repository: here it is present, and __tests__/serve/spec-check.test.ts fails if it is not; in the
// destination's folder in Segment's repository there is neither the simulator nor spec/, and the check is left out.
// A failure names each item and each field with the rule it breaks.
import type { TrackApiError } from '../../src/track-api/types'

export type SpecEndpoint = '/api/v2/entity' | '/api/v2/batch' | '/api/v1/metrics'

interface SpecValidator {
  validateSpecRequest(endpoint: SpecEndpoint, body: unknown): TrackApiError[]
  validateSpecItem(item: unknown): TrackApiError[]
}

/** Relative to this file; a variable, so that the drop's rewrite of the destination's imports leaves it as it is. */
const VALIDATOR_MODULE = '../../src/serve/simulator/validate-spec'

/** The simulator's validator, or undefined when that exact module is not there; any other failure to load throws. */
function loadValidator(): SpecValidator | undefined {
  try {
    // jest's own loader, relative to this file: a module that may be absent, loaded once.
    return jest.requireActual<SpecValidator>(VALIDATOR_MODULE)
  } catch (error) {
    if (isMissingModule(error, VALIDATOR_MODULE)) return undefined
    throw error
  }
}

/** By its fields, not `instanceof Error`: jest's resolver throws its error from outside the test's realm. */
function isMissingModule(error: unknown, specifier: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  return (
    code === 'MODULE_NOT_FOUND' &&
    typeof message === 'string' &&
    message.startsWith(`Cannot find module '${specifier}'`)
  )
}

const validator = loadValidator()

/** Whether the spec check runs: true in this repository, where __tests__/serve/spec-check.test.ts holds it so. */
export const SPEC_VALIDATOR_PRESENT = validator !== undefined

export function expectValidUnderSpec(endpoint: SpecEndpoint, body: unknown): void {
  if (validator === undefined) return
  const errors = validator.validateSpecRequest(endpoint, body)
  if (errors.length === 0) return
  const reasons = detailedReasons(validator, endpoint, body) ?? errors.map((error) => String(error.message))
  throw new Error(`The body sent to ${endpoint} is not valid under the spec:\n- ${reasons.join('\n- ')}`)
}

/** The errors of each v2 item under its own operation's schema, which say more than the endpoint's anyOf. */
function detailedReasons(check: SpecValidator, endpoint: SpecEndpoint, body: unknown): string[] | undefined {
  if (endpoint === '/api/v2/entity') return check.validateSpecItem(body).map((error) => String(error.message))
  if (endpoint !== '/api/v2/batch') return undefined
  const items = (body as { batch?: unknown[] }).batch
  if (!Array.isArray(items)) return undefined
  return items.flatMap((item, index) =>
    check.validateSpecItem(item).map((error) => `batch[${index}]: ${String(error.message)}`)
  )
}
