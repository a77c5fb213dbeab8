// Properties of the batch response parser, shared by the test run (a few thousand cases) and `npm run fuzz`
// (100,000 and more). Answers are generated from a description, so what each item must get is known by construction.
import fc from 'fast-check'
import { parseBatchResponse, type ItemOutcome } from '../../../src/track-api/parse-response'

/** What an answer says about each index, before it is rendered as a body. */
interface AnswerModel {
  /** Errors whose batch_index is a valid index: those items must fail, permanently. */
  named: number[]
  /** Whether the answer also holds something that cannot be attributed (so nothing may be reported delivered). */
  untrusted: boolean
}

interface GeneratedAnswer {
  status: number
  count: number
  body: unknown
  model: AnswerModel
}

const reason = fc.constantFrom(
  'invalid',
  'required',
  'duplicate',
  'too_large',
  'Invalid identifier: id cannot be null',
  ''
)
const text = fc.oneof(fc.string(), fc.constantFrom('', ' ', 'name is required'))

/** One error: its batch_index valid (< count), out of range, not an integer, or missing. */
function errorFor(count: number): fc.Arbitrary<{ error: Record<string, unknown>; named?: number }> {
  const fields = fc.record({ reason, field: text, message: text }, { requiredKeys: [] })
  // With no items no index is valid; its weight is then 0, so it is never drawn.
  const valid = fc.tuple(fc.integer({ min: 0, max: Math.max(0, count - 1) }), fields).map(([index, rest]) => ({
    error: { batch_index: index, ...rest } as Record<string, unknown>,
    named: index as number | undefined
  }))
  const invalidIndex = fc.oneof(
    fc.integer({ min: count, max: count + 1000 }),
    fc.integer({ min: -1000, max: -1 }),
    fc.double({ noInteger: true }),
    fc.string(),
    fc.constant(null),
    fc.boolean(),
    fc.array(fc.integer(), { maxLength: 2 })
  )
  const invalid = fc.tuple(invalidIndex, fields).map(([index, rest]) => ({ error: { batch_index: index, ...rest } }))
  const missing = fields.map((rest) => ({ error: rest }))
  const notAnObject = fc.oneof(fc.string(), fc.integer(), fc.constant(null)).map((value) => ({
    error: value as unknown as Record<string, unknown>
  }))
  return fc.oneof(
    { arbitrary: valid, weight: count > 0 ? 6 : 0 },
    { arbitrary: invalid, weight: 2 },
    { arbitrary: missing, weight: 1 },
    { arbitrary: notAnObject, weight: 1 }
  )
}

/** How an object body reaches the parser: as an object, a JSON string, or a JSON string of a JSON string. */
function render(value: Record<string, unknown>): fc.Arbitrary<unknown> {
  return fc.constantFrom(
    value,
    JSON.stringify(value),
    JSON.stringify(JSON.stringify(value)),
    ` ${JSON.stringify(value)}\n`
  )
}

const accepted = fc.integer({ min: 0, max: 60 }).chain((count) => {
  const withErrors = fc.array(errorFor(count), { maxLength: 12 }).chain((errors) =>
    render({ errors: errors.map((entry) => entry.error) }).map((body) => ({
      body,
      model: {
        named: errors.flatMap((entry) => (entry.named === undefined ? [] : [entry.named])),
        untrusted: errors.some((entry) => entry.named === undefined)
      }
    }))
  )
  const empty = fc
    .constantFrom<unknown>({}, '', '  ', undefined, '{}', { errors: [] }, { errors: null })
    .map((body) => ({
      body,
      model: { named: [], untrusted: false }
    }))
  const notAList = fc
    .oneof(fc.string(), fc.integer(), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 3 }), fc.boolean())
    .chain((errors) => render({ errors }))
    .map((body) => ({ body, model: { named: [], untrusted: true } }))
  const notAnObject = fc
    .oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), fc.integer(), fc.boolean(), fc.double(), fc.constant(null))
    .chain((value) => fc.constantFrom<unknown>(value, JSON.stringify(value)))
    .map((body) => ({ body, model: { named: [], untrusted: true } }))
  const garbage = fc
    .string({ minLength: 1 })
    .filter((value) => !parsesToObjectOrNothing(value))
    .map((body) => ({ body, model: { named: [], untrusted: true } }))
  return fc
    .tuple(
      fc.integer({ min: 200, max: 299 }),
      fc.oneof({ arbitrary: withErrors, weight: 6 }, empty, notAList, notAnObject, garbage)
    )
    .map(([status, answer]): GeneratedAnswer => ({ status, count, ...answer }))
})

/**
 * Whether a text reads as an object or as nothing: blank, a JSON object, or a JSON string that reads so in turn (an
 * answer sent as a JSON string, such as a 207 in text/plain). The parser takes two such levels; at the third, only a
 * blank text is nothing.
 */
function parsesToObjectOrNothing(text: string, level = 0): boolean {
  if (text.trim() === '') return true
  if (level === 2) return false
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value === 'string') return parsesToObjectOrNothing(value, level + 1)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
  } catch {
    return false
  }
}

function checkAccepted({ status, count, body, model }: GeneratedAnswer): void {
  const outcomes = parseBatchResponse(status, body, count)
  if (outcomes.length !== count) throw new Error(`${outcomes.length} outcomes for ${count} items`)
  const named = new Set(model.named)
  outcomes.forEach((outcome, index) => {
    checkShape(outcome)
    if (named.has(index)) {
      if (outcome.ok || outcome.status !== 400 || outcome.retryable)
        throw new Error(`index ${index} was named but got ${JSON.stringify(outcome)}`)
    } else if (model.untrusted) {
      if (outcome.ok || outcome.status !== 502 || !outcome.retryable)
        throw new Error(`index ${index} was not vouched for but got ${JSON.stringify(outcome)}`)
    } else if (!outcome.ok) {
      throw new Error(`index ${index} was accepted but got ${JSON.stringify(outcome)}`)
    }
  })
}

function checkShape(outcome: ItemOutcome): void {
  if (outcome.ok) return
  if (!Number.isInteger(outcome.status) || typeof outcome.errortype !== 'string' || outcome.message.trim() === '') {
    throw new Error(`malformed failure ${JSON.stringify(outcome)}`)
  }
}

const failedStatus = fc.oneof(fc.integer({ min: 300, max: 599 }), fc.integer({ min: 100, max: 199 }))

function checkFailed(status: number, body: unknown, count: number): void {
  const outcomes = parseBatchResponse(status, body, count, 'Status Text')
  if (outcomes.length !== count) throw new Error(`${outcomes.length} outcomes for ${count} items`)
  const retryable = status === 408 || status === 429 || (status >= 500 && status <= 599)
  for (const outcome of outcomes) {
    checkShape(outcome)
    if (outcome.ok || outcome.status !== status || outcome.retryable !== retryable) {
      throw new Error(`HTTP ${status} gave ${JSON.stringify(outcome)}`)
    }
  }
}

/** Every property, each run `runs` times; returns how many cases were checked. */
export function checkParserProperties(runs: number, seed?: number): number {
  let cases = 0
  const parameters = { numRuns: runs, seed }
  fc.assert(
    fc.property(accepted, (answer) => {
      cases++
      checkAccepted(answer)
    }),
    parameters
  )
  fc.assert(
    fc.property(failedStatus, fc.jsonValue(), fc.integer({ min: 0, max: 30 }), (status, body, count) => {
      cases++
      checkFailed(status, body, count)
    }),
    parameters
  )
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 999 }),
      fc.anything(),
      fc.integer({ min: -5, max: 30 }),
      (status, body, count) => {
        cases++
        // Any status, any value at all (functions, symbols, cycles excepted): never throws, one outcome per item.
        const outcomes = parseBatchResponse(status, body, count)
        if (outcomes.length !== Math.max(0, count)) throw new Error(`${outcomes.length} outcomes for ${count} items`)
      }
    ),
    parameters
  )
  return cases
}
