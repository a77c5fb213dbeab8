// The catalog contract: every action, field, preset and setting of the destination, as Segment's catalog has them.
// Read from the committed copy; __tests__/serve/contract-copy.test.ts holds it to the shared contract beside the clone.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { InputField } from '@segment/actions-core'
import destination from '../src'
import { CATALOG_ADDITIONS } from '../src/fields/catalog-additions'

interface ContractField {
  type: string
  required?: boolean
  default?: unknown
  minimum?: number
  maximum?: number
  choices?: Array<string | number>
  format?: string
}

interface ContractAction {
  defaultSubscription: string
  hasPerformBatch: boolean
  fields: Record<string, ContractField>
}

interface ContractPreset {
  name: string
  partnerAction: string
  type: 'automatic' | 'specificEvent'
  subscribe?: string
  eventSlug?: string
  mappingOverrides: Record<string, unknown>
}

interface Contract {
  destination: {
    name: string
    slug: string
    mode: string
    authentication: { scheme: string; fields: Record<string, ContractField> }
  }
  actions: Record<string, ContractAction>
  presets: ContractPreset[]
}

const COMMITTED_CONTRACT = join(__dirname, '__helpers__', 'fixtures', 'contract', 'customerio-actions.json')
const contract = JSON.parse(readFileSync(COMMITTED_CONTRACT, 'utf8')) as Contract

/** The parts of a field the contract fixes; labels and descriptions are ours. */
function describeField(field: InputField | ContractField): ContractField {
  return {
    type: field.type,
    required: field.required === true,
    default: field.default,
    minimum: field.minimum,
    maximum: field.maximum,
    choices: field.choices?.map((choice) => (typeof choice === 'object' ? choice.value : choice)),
    format: field.format
  }
}

function describeFields(fields: Record<string, InputField | ContractField>): Record<string, ContractField> {
  return Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, describeField(field)]))
}

/** The fields of an action without this package's documented additions to the catalog. */
function catalogFields(key: string, fields: Record<string, InputField>): Record<string, InputField> {
  const additions = CATALOG_ADDITIONS[key] ?? {}
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !Object.hasOwn(additions, name)))
}

/** Every field of the contract's action mapped to its default. */
function contractDefaults(action: ContractAction): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(action.fields)
      .filter(([, field]) => field.default !== undefined)
      .map(([key, field]) => [key, field.default])
  )
}

describe('the catalog contract', () => {
  it('names the destination, its mode and its auth scheme', () => {
    const { name, slug, mode, authentication } = contract.destination
    expect({ name: destination.name, slug: destination.slug, mode: destination.mode }).toEqual({ name, slug, mode })
    expect(destination.authentication?.scheme).toBe(authentication.scheme)
  })

  it('has exactly the settings of the contract, with their types, defaults and choices', () => {
    const fields = (destination.authentication?.fields ?? {}) as Record<string, InputField>
    expect(describeFields(fields)).toEqual(describeFields(contract.destination.authentication.fields))
  })

  it('has exactly the actions of the contract', () => {
    expect(Object.keys(destination.actions).sort()).toEqual(Object.keys(contract.actions).sort())
  })

  describe.each(Object.entries(contract.actions))('%s', (key, expected) => {
    const action = destination.actions[key]

    it('has exactly the contract’s fields, with their types, required flags, defaults, limits, choices and formats', () => {
      const fields = catalogFields(key, action.fields)
      expect(Object.keys(fields)).toEqual(Object.keys(expected.fields))
      expect(describeFields(fields)).toEqual(describeFields(expected.fields))
    })

    it('adds only the documented fields, after the catalog’s, each an optional boolean that defaults to false', () => {
      const added = Object.keys(action.fields).slice(Object.keys(expected.fields).length)
      expect(added).toEqual(Object.keys(CATALOG_ADDITIONS[key] ?? {}))
      for (const name of added) {
        expect(describeField(action.fields[name])).toEqual(describeField({ type: 'boolean', default: false }))
        expect(expected.fields[name]).toBeUndefined()
      }
    })

    it('subscribes by default to the contract’s events', () => {
      expect(action.defaultSubscription).toBe(expected.defaultSubscription)
    })

    it('has a batch handler where the contract has one', () => {
      if (key === 'reportDeliveryEvent') {
        // Deliberate: the catalog has none, because /api/v1/metrics takes one event per request. This destination adds
        // one that sends a request per event and reports each event's outcome (see track-api/send-metrics.ts).
        expect(expected.hasPerformBatch).toBe(false)
        expect(typeof action.performBatch).toBe('function')
      } else {
        expect(typeof action.performBatch === 'function').toBe(expected.hasPerformBatch)
      }
    })
  })

  it('has every preset of the contract, each mapping its action’s fields (and the additions) to their defaults', () => {
    const expected = contract.presets.map((preset) => ({
      name: preset.name,
      partnerAction: preset.partnerAction,
      type: preset.type,
      ...(preset.type === 'automatic' ? { subscribe: preset.subscribe } : { eventSlug: preset.eventSlug }),
      mapping: {
        ...contractDefaults(contract.actions[preset.partnerAction]),
        ...CATALOG_ADDITIONS[preset.partnerAction],
        ...preset.mappingOverrides
      }
    }))
    expect(destination.presets).toEqual(expected)
  })
})
