// Items and request bodies checked against Customer.io's OpenAPI document (spec-document.ts) with ajv. A v2 item is
// checked against the schema of its own operation (type and action), so a failure names the exact field and rule.
// Validators are compiled on first use and kept.
import Ajv2020 from 'ajv/dist/2020'
import type { ErrorObject, ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import type { ItemType, TrackApiError } from '../../track-api/types'
import { loadSpecDocument, type SpecNode } from './spec-document'
import { buildError, describeValue, isJsonObject, type ErrorReason } from './validate-fields'

const SPEC_ID = 'customerio-track'

/** The document's schema of each v2 operation, by type and action (the forms of a /api/v2/batch element). */
export const OPERATION_SCHEMAS: { [T in ItemType]: Record<string, string> } = {
  person: {
    identify: 'identify_person',
    delete: 'person_delete',
    event: 'person_event',
    screen: 'person_screen',
    page: 'person_page',
    add_relationships: 'person_add_relationships',
    delete_relationships: 'person_delete_relationships',
    add_device: 'person_add_device',
    delete_device: 'person_delete_device',
    merge: 'person_merge',
    suppress: 'person_suppress',
    unsuppress: 'person_unsuppress',
    viewed_content: 'person_content_event',
    clicked_content: 'person_content_event'
  },
  object: {
    identify: 'object_identify',
    identify_anonymous: 'object_identify_anonymous',
    delete: 'object_delete',
    add_relationships: 'object_add_relationships',
    delete_relationships: 'object_delete_relationships'
  },
  delivery: { event: 'delivery_operations' }
}

/** The endpoints whose request body the document describes and this package sends. */
export type SpecEndpoint = '/api/v2/entity' | '/api/v2/batch' | '/api/v1/metrics'

let ajv: Ajv2020 | undefined
const validators = new Map<string, ValidateFunction>()

function compile(key: string, schema: () => object): ValidateFunction {
  let validate = validators.get(key)
  if (validate === undefined) {
    validate = getAjv().compile(schema())
    validators.set(key, validate)
  }
  return validate
}

function getAjv(): Ajv2020 {
  if (ajv) return ajv
  // strict: false lets the document's annotations through (example, discriminator, x-scalar-ignore, …).
  // discriminator is left unchecked: ajv implements it for oneOf only, and the forms are told apart by `action`.
  ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true, validateSchema: false, logger: false })
  addFormats(ajv)
  // `id` of event, page and screen: the document asks for "a valid ULID", but Segment's published destination has
  // always sent Segment's messageId there, which is not one, and Customer.io takes those items. Whether it
  // de-duplicates on a non-ULID id is not documented. Not checked, so the simulator takes what the API takes.
  ajv.addFormat('ULID', true)
  // Every "unix timestamp" is a `type: integer`, read as a 64-bit integer like every integer of the document.
  ajv.addFormat('unix timestamp', { type: 'number', validate: isWithinInt64 })
  ajv.addFormat('int64', { type: 'number', validate: isWithinInt64 })
  ajv.addSchema(withInt64Integers(loadSpecDocument()) as SpecNode, SPEC_ID)
  return ajv
}

/** Each side of the 64-bit integers: −2^63 to 2^63 − 1. */
export const INT64_LIMIT = 2 ** 63

/**
 * A number within the 64-bit integers, as Customer.io reads the document's `type: integer` fields (their values are
 * not bounded otherwise); a fraction is the type check's to refuse. The simulator reads a number as JavaScript does,
 * so the text 9223372036854775807 (2^63 − 1) reads as 2^63: a number is taken when a 64-bit integer reads as it,
 * from −2^63 to 2^63, and the next numbers out, −2^63 − 2048 and 2^63 + 2048, are refused.
 */
export function isWithinInt64(value: number): boolean {
  return value >= -INT64_LIMIT && value <= INT64_LIMIT
}

/** A copy of the document in which every `type: integer` without a format has the format int64. */
function withInt64Integers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withInt64Integers)
  if (typeof value !== 'object' || value === null) return value
  const copy: Record<string, unknown> = {}
  for (const [key, element] of Object.entries(value)) copy[key] = withInt64Integers(element)
  if (copy.type === 'integer' && copy.format === undefined) copy.format = 'int64'
  return copy
}

/**
 * Compiles every validator the simulator uses (a few hundred milliseconds), so that no request waits for a compile:
 * the fault tests time requests out after 300 ms.
 */
export function prepareSpecValidators(): void {
  for (const [type, forms] of Object.entries(OPERATION_SCHEMAS)) {
    for (const action of Object.keys(forms)) validateSpecItem({ type, action })
  }
  validateSpecRequest('/api/v1/metrics', {})
}

/** The errors of one v2 item under the schema of its operation; empty when it is valid. */
export function validateSpecItem(item: unknown): TrackApiError[] {
  if (!isJsonObject(item)) return [buildError('invalid', 'item', 'The item must be a JSON object.')]
  const forms = typeof item.type === 'string' ? OPERATION_SCHEMAS[item.type as ItemType] : undefined
  if (forms === undefined) {
    const missing = item.type === undefined
    const message = missing
      ? 'type is required: person, object or delivery.'
      : 'type must be person, object or delivery.'
    return [buildError(missing ? 'required' : 'invalid', 'type', message)]
  }
  const name = typeof item.action === 'string' && Object.hasOwn(forms, item.action) ? forms[item.action] : undefined
  if (name === undefined) {
    const choices = `one of ${Object.keys(forms).join(', ')} for ${item.type} operations.`
    if (item.action === undefined) return [buildError('required', 'action', `action is required: ${choices}`)]
    return [buildError('invalid', 'action', `action must be ${choices}`)]
  }
  const validate = compile(name, () => ({ $ref: `${SPEC_ID}#/components/schemas/${name}` }))
  return validate(item) ? [] : describeErrors(validate.errors ?? [], 'item')
}

/** The errors of a whole request body under the document's schema for the endpoint; empty when it is valid. */
export function validateSpecRequest(endpoint: SpecEndpoint, body: unknown): TrackApiError[] {
  const pointer = `/paths/${endpoint.replace(/\//g, '~1')}/post/requestBody/content/application~1json/schema`
  const validate = compile(endpoint, () => ({ $ref: `${SPEC_ID}#${pointer}` }))
  return validate(body) ? [] : describeErrors(validate.errors ?? [], 'body')
}

/**
 * One error per failed rule, in words: the field as a dotted path, what the rule wants and what it got. The branch
 * errors of an `anyOf` (which ajv reports one by one before the anyOf itself) become one error naming them all.
 */
export function describeErrors(errors: ErrorObject[], root: string): TrackApiError[] {
  const consumed = new Set<ErrorObject>()
  const result: TrackApiError[] = []
  const anyOfs = errors.filter((error) => error.keyword === 'anyOf')
  anyOfs.sort((a, b) => a.instancePath.length - b.instancePath.length)
  const described = new Map<ErrorObject, TrackApiError>()
  for (const anyOf of anyOfs) {
    if (consumed.has(anyOf)) continue
    const branches = errors.filter(
      (error) => error !== anyOf && !consumed.has(error) && isUnder(error.instancePath, anyOf.instancePath)
    )
    for (const branch of branches) consumed.add(branch)
    const reasons = [
      ...new Set(mergeEnums(branches).map((branch) => describeError(branch, root, anyOf.instancePath).message))
    ]
    const field = fieldOf(anyOf.instancePath, root)
    const message = `${field} matches none of the forms the spec allows: ${reasons.map(withoutPeriod).join('; ')}.`
    described.set(anyOf, buildError('invalid', field, message))
  }
  for (const error of errors) {
    if (consumed.has(error)) continue
    result.push(described.get(error) ?? describeError(error, root))
  }
  return result
}

/** The `enum` errors of several branches on one field, as one error allowing every value any branch allows. */
function mergeEnums(errors: ErrorObject[]): ErrorObject[] {
  const merged = new Map<string, ErrorObject>()
  const result: ErrorObject[] = []
  for (const error of errors) {
    if (error.keyword !== 'enum') {
      result.push(error)
      continue
    }
    const first = merged.get(error.instancePath)
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues
    if (first === undefined) {
      const copy = { ...error, params: { allowedValues: [...allowed] } }
      merged.set(error.instancePath, copy)
      result.push(copy)
    } else {
      const values = (first.params as { allowedValues: unknown[] }).allowedValues
      for (const value of allowed) if (!values.includes(value)) values.push(value)
    }
  }
  return result
}

/** The formats isWithinInt64 checks. */
const INTEGER_FORMATS = new Set(['int64', 'unix timestamp'])

function withoutPeriod(text: string | undefined): string {
  return String(text).replace(/\.$/, '')
}

function describeError(error: ErrorObject, root: string, relativeTo?: string): TrackApiError {
  const path = error.instancePath.slice(relativeTo?.length ?? 0)
  const base = relativeTo === undefined ? fieldOf(path, root) : path.split('/').filter(Boolean).join('.')
  const field = (name: string): string => (base === '' || base === root ? name : `${base}.${name}`)
  const params = error.params as Record<string, unknown>
  let reason: ErrorReason = 'invalid'
  let message: string
  switch (error.keyword) {
    case 'required':
      reason = 'required'
      message = `${field(String(params.missingProperty))} is required.`
      return buildError(reason, fieldOf(error.instancePath, root, String(params.missingProperty)), message)
    case 'enum':
      message = `${base} must be one of ${(params.allowedValues as unknown[]).join(', ')}, not ${JSON.stringify(error.data)}`
      break
    case 'type':
      message = `${base} must be ${String(params.type)}, not ${describeValue(error.data)}`
      break
    case 'format':
      message = INTEGER_FORMATS.has(String(params.format))
        ? `${base} must be a 64-bit integer, from -2^63 to 2^63 - 1, not ${describeValue(error.data)}`
        : `${base} ${error.message ?? 'is invalid'}`
      break
    default:
      message = `${base} ${error.message ?? 'is invalid'}`
  }
  return buildError(reason, fieldOf(error.instancePath, root), `${message.trim()}.`)
}

/** `/device/platform` → `device.platform`; the root is named `root`. */
function fieldOf(instancePath: string, root: string, child?: string): string {
  const parts = instancePath.split('/').filter(Boolean)
  if (child !== undefined) parts.push(child)
  return parts.length === 0 ? root : parts.join('.')
}

function isUnder(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}/`)
}
