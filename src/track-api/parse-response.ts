// Turns Customer.io's answer to one request into exactly one outcome per item sent. Pure: no I/O, no framework
// classes, never throws. Only send.ts turns outcomes into a MultiStatusResponse.
import {
  ErrorType,
  ITEM_REJECTED_STATUS,
  UNVOUCHED_ERROR_TYPE,
  UNVOUCHED_STATUS,
  errorTypeForReason,
  errorTypeForStatus,
  isRetryableStatus
} from './error-types'

export type ItemOutcome = { ok: true } | ItemFailure

export interface ItemFailure {
  ok: false
  status: number
  errortype: ErrorType
  message: string
  /** Whether the platform should send the item again (its status is 408, 429 or 5xx). */
  retryable: boolean
  /** The item was never sent (its batch was cancelled first), so its outcome carries no `sent`. */
  unsent?: boolean
}

type JsonRecord = { [key: string]: unknown }

/** A body the parser can read, or the reason it cannot. */
type NormalisedBody = { readable: true; value: JsonRecord } | { readable: false; quote: string }

const MAX_QUOTE_CHARS = 300

export function parseBatchResponse(status: number, body: unknown, itemCount: number, statusText = ''): ItemOutcome[] {
  const count = Math.max(0, Math.floor(itemCount))
  if (status >= 200 && status <= 299) return parseAcceptedResponse(status, body, count)
  const failure = requestFailure(status, body, statusText)
  return Array.from({ length: count }, () => ({ ...failure }))
}

/**
 * The warning for a 2xx we could not trust, so that the on-call person sees Customer.io's answer (quoted, bounded) in
 * the platform's logs; undefined when every outcome is vouched for.
 */
export function unvouchedWarning(outcomes: readonly ItemOutcome[]): string | undefined {
  const unvouched = outcomes.filter((outcome) => !outcome.ok && outcome.errortype === UNVOUCHED_ERROR_TYPE)
  if (unvouched.length === 0) return undefined
  const first = unvouched[0] as ItemFailure
  return `[actions-customerio] ${unvouched.length} of ${outcomes.length} events not confirmed by Customer.io, retried: ${first.message}`
}

/** 200 or 207 (any 2xx): errors name failed items by batch_index; the others were accepted. */
function parseAcceptedResponse(status: number, body: unknown, count: number): ItemOutcome[] {
  const normalised = normaliseBody(body)
  const listed = normalised.readable ? readErrorList(normalised.value) : normalised
  // An answer it cannot read vouches for no item.
  if (!listed.readable) return Array.from({ length: count }, () => unvouchedItem(status, listed.quote))
  const { byIndex, unattributed } = groupErrorsByIndex(listed.errors, count)
  const distrust = unattributed.length > 0 ? `errors without a usable batch_index: ${quote(unattributed)}` : undefined

  return Array.from({ length: count }, (_, index): ItemOutcome => {
    const errors = byIndex.get(index)
    if (errors) return rejectedItem(errors)
    if (distrust !== undefined) return unvouchedItem(status, distrust)
    return { ok: true }
  })
}

/**
 * Accepts an object, a JSON string (parsed, up to twice for a double-encoded answer) or no body at all (`{}`).
 * A JSON `null` is not an object: it vouches for nothing.
 */
function normaliseBody(body: unknown, depth = 0): NormalisedBody {
  if (body === undefined) return { readable: true, value: {} }
  if (typeof body === 'string') {
    const text = body.trim()
    if (text === '') return { readable: true, value: {} }
    const parsed = parseJson(text)
    if (parsed.ok && depth < 2) return normaliseBody(parsed.value, depth + 1)
    return { readable: false, quote: `a body that is not a JSON object: ${quote(body)}` }
  }
  if (isRecord(body)) return { readable: true, value: body }
  return { readable: false, quote: `a body that is not a JSON object: ${quote(body)}` }
}

function readErrorList(value: JsonRecord): { readable: true; errors: unknown[] } | { readable: false; quote: string } {
  const errors = value.errors
  if (errors === undefined || errors === null) return { readable: true, errors: [] }
  if (Array.isArray(errors)) return { readable: true, errors }
  return { readable: false, quote: `an errors field that is not a list: ${quote(errors)}` }
}

function groupErrorsByIndex(
  errors: unknown[],
  count: number
): { byIndex: Map<number, JsonRecord[]>; unattributed: unknown[] } {
  const byIndex = new Map<number, JsonRecord[]>()
  const unattributed: unknown[] = []
  for (const error of errors) {
    if (!isRecord(error)) {
      unattributed.push(error)
      continue
    }
    const index = error.batch_index
    if (typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < count) {
      const list = byIndex.get(index)
      if (list) list.push(error)
      else byIndex.set(index, [error])
    } else {
      unattributed.push(error)
    }
  }
  return { byIndex, unattributed }
}

/** Every error Customer.io gave for one item, joined: none is dropped. */
function rejectedItem(errors: JsonRecord[]): ItemFailure {
  const reasons = errors.map((error) => error.reason)
  const validation = reasons.some((reason) => errorTypeForReason(reason) === 'PAYLOAD_VALIDATION_FAILED')
  return {
    ok: false,
    status: ITEM_REJECTED_STATUS,
    errortype: validation ? 'PAYLOAD_VALIDATION_FAILED' : errorTypeForReason(reasons[0]),
    message: errors.map(describeError).join('; '),
    retryable: false
  }
}

function unvouchedItem(status: number, what: string): ItemFailure {
  return {
    ok: false,
    status: UNVOUCHED_STATUS,
    errortype: UNVOUCHED_ERROR_TYPE,
    message: `Customer.io answered ${status} with ${what}, so this event's delivery is not confirmed; it will be retried.`,
    retryable: true
  }
}

function requestFailure(status: number, body: unknown, statusText: string): ItemFailure {
  const detail = messageFromErrorBody(body) ?? (statusText.trim() || 'no message')
  return {
    ok: false,
    status,
    errortype: errorTypeForStatus(status),
    message: `Customer.io rejected the request with HTTP ${status}: ${detail}`,
    retryable: isRetryableStatus(status)
  }
}

/** `message`, else `reason` and `field` ("required: name"), of one per-item error. */
export function describeError(error: unknown): string {
  if (!isRecord(error)) return `an error that is not an object: ${quote(error)}`
  const message = nonEmptyString(error.message)
  const field = nonEmptyString(error.field)
  if (message) return field && !message.includes(field) ? `${message} (field ${field})` : message
  const reason = nonEmptyString(error.reason)
  if (reason || field) return [reason, field].filter(Boolean).join(': ')
  return `an error without a message: ${quote(error)}`
}

/** The readable message of a whole-request error body: v2 `errors[]`, v1 `meta.error(s)`, or a plain message. */
export function messageFromErrorBody(body: unknown): string | undefined {
  const normalised = normaliseBody(body)
  if (!normalised.readable) return typeof body === 'string' ? quote(body.trim()) : undefined
  const value = normalised.value
  if (Array.isArray(value.errors) && value.errors.length > 0) return value.errors.map(describeError).join('; ')
  const meta = value.meta
  if (isRecord(meta)) {
    const single = nonEmptyString(meta.error)
    if (single) return single
    if (Array.isArray(meta.errors) && meta.errors.length > 0) return meta.errors.map(String).join('; ')
  }
  return nonEmptyString(value.message) ?? nonEmptyString(value.error)
}

/** The value of a JSON text, or `ok: false` when it is not JSON. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

/** A short, printable rendering of what Customer.io said. */
export function quote(value: unknown): string {
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = String(value)
  }
  return text.length > MAX_QUOTE_CHARS ? `${text.slice(0, MAX_QUOTE_CHARS)}…` : text
}

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}
