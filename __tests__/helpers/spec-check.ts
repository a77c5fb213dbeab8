// Every body an action test puts on the wire must be valid under Customer.io's OpenAPI document (the copy in spec/,
// with the exceptions spec-document.ts names). A failure names each item and each field with the rule it breaks.
import { validateSpecItem, validateSpecRequest, type SpecEndpoint } from '../../src/serve/simulator/validate-spec'

export function expectValidUnderSpec(endpoint: SpecEndpoint, body: unknown): void {
  const errors = validateSpecRequest(endpoint, body)
  if (errors.length === 0) return
  const reasons = detailedReasons(endpoint, body) ?? errors.map((error) => String(error.message))
  throw new Error(`The body sent to ${endpoint} is not valid under the spec:\n- ${reasons.join('\n- ')}`)
}

/** The errors of each v2 item under its own operation's schema, which say more than the endpoint's anyOf. */
function detailedReasons(endpoint: SpecEndpoint, body: unknown): string[] | undefined {
  if (endpoint === '/api/v2/entity') return validateSpecItem(body).map((error) => String(error.message))
  if (endpoint !== '/api/v2/batch') return undefined
  const items = (body as { batch?: unknown[] }).batch
  if (!Array.isArray(items)) return undefined
  return items.flatMap((item, index) =>
    validateSpecItem(item).map((error) => `batch[${index}]: ${String(error.message)}`)
  )
}
