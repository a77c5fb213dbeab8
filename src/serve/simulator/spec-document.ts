// Customer.io's OpenAPI document for the Track API (spec/customerio-track-openapi.json, shipped in the package), read
// once and adjusted where it is wrong or narrower than what the API accepts. Every adjustment says why.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

export const SPEC_FILE = join('spec', 'customerio-track-openapi.json')

/** A JSON value of the document, as parsed. */
export type SpecNode = { [key: string]: unknown }

let cached: SpecNode | undefined

/** The adjusted document, read on first use. */
export function loadSpecDocument(): SpecNode {
  cached ??= adjustSpecDocument(JSON.parse(readFileSync(join(findPackageRoot(__dirname), SPEC_FILE), 'utf8')))
  return cached
}

/** The nearest folder above `start` that holds the spec: the package root, from src/ (ts-node, jest) and dist/. */
export function findPackageRoot(start: string): string {
  let folder = start
  while (!existsSync(join(folder, SPEC_FILE))) {
    const parent = dirname(folder)
    if (parent === folder) throw new Error(`${SPEC_FILE} was not found above ${start}.`)
    folder = parent
  }
  return folder
}

/** The action values of the two content events, which the document does not list (track-api.md §2.7). */
export const CONTENT_ACTIONS = ['viewed_content', 'clicked_content'] as const

/**
 * The document with its known gaps closed, each a documented exception:
 * - `oneOf` becomes `anyOf`. The document uses `oneOf` for alternatives whose branches overlap (no `required`, no
 *   `additionalProperties: false`): a relationship's `{id}` matches all three person forms, and a metrics body such
 *   as `{delivery_id, metric: "opened"}` matches five channels, so under JSON Schema every valid item would fail.
 *   "Exactly one identifier" is checked by hand (validate-identifiers.ts).
 * - A person may be identified by `{anonymous_id}`: the person schemas lack it, yet Segment's published destination
 *   and RudderStack have sent it for anonymous events since the v2 API came out (track-api.md §2.2).
 * - `viewed_content` and `clicked_content` person operations, sent by Segment's published destination
 *   (reportContentEvent) and missing from the document, get the shape of a screen view whose name is optional.
 */
export function adjustSpecDocument(document: SpecNode): SpecNode {
  const adjusted = renameKey(document, 'oneOf', 'anyOf') as SpecNode
  const schemas = componentSchemas(adjusted)
  const personIdentifiers = ((schemas.person_common as SpecNode).properties as SpecNode).identifiers as SpecNode
  ;(personIdentifiers.anyOf as unknown[]).push({
    type: 'object',
    required: ['anonymous_id'],
    properties: { anonymous_id: { $ref: '#/components/schemas/anonymous_id' } }
  })
  schemas.person_content_event = {
    allOf: [
      { $ref: '#/components/schemas/person_common' },
      {
        type: 'object',
        required: ['action'],
        properties: {
          action: { type: 'string', enum: [...CONTENT_ACTIONS] },
          id: { type: 'string' },
          name: { type: 'string' },
          timestamp: { type: 'integer' },
          attributes: { type: 'object' }
        }
      }
    ]
  }
  const contentRef = { $ref: '#/components/schemas/person_content_event' }
  ;((schemas.person_operations as SpecNode).anyOf as unknown[]).push(contentRef)
  ;(batchItemForms(adjusted)[0].anyOf as unknown[]).push(contentRef)
  return adjusted
}

/** The forms of a /api/v2/batch element: person operations, object operations, delivery operations. */
function batchItemForms(document: SpecNode): SpecNode[] {
  const schema = requestSchema(document, '/api/v2/batch')
  const batch = (schema.properties as SpecNode).batch as SpecNode
  return (batch.items as SpecNode).anyOf as SpecNode[]
}

/** The JSON request body schema of an endpoint's POST. */
export function requestSchema(document: SpecNode, path: string): SpecNode {
  const operation = ((document.paths as SpecNode)[path] as SpecNode).post as SpecNode
  return (((operation.requestBody as SpecNode).content as SpecNode)['application/json'] as SpecNode).schema as SpecNode
}

export function componentSchemas(document: SpecNode): SpecNode {
  return (document.components as SpecNode).schemas as SpecNode
}

/** A deep copy in which every key `from` is named `to`. */
function renameKey(value: unknown, from: string, to: string): unknown {
  if (Array.isArray(value)) return value.map((element) => renameKey(element, from, to))
  if (typeof value !== 'object' || value === null) return value
  const copy: SpecNode = {}
  for (const [key, element] of Object.entries(value)) copy[key === from ? to : key] = renameKey(element, from, to)
  return copy
}
