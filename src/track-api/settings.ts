// Pure: the destination's settings as the Track API client may use them, or a clear refusal. Settings of the wrong
// type or an unknown region would otherwise reach the wrong host (or none) without a word.
import { IntegrationError } from '@segment/actions-core'
import type { Region } from './types'

/** The values of the `accountRegion` setting, as Segment's catalog spells them. */
export const AccountRegion = {
  US: 'US 🇺🇸',
  EU: 'EU 🇪🇺'
} as const

/** Every accepted spelling of a region: the catalog's two choices, and `US` / `EU` in any case (the CLI's --region). */
const REGION_BY_SETTING: ReadonlyMap<string, Region> = new Map([
  [AccountRegion.US, 'US'],
  [AccountRegion.EU, 'EU'],
  ['US', 'US'],
  ['EU', 'EU']
])

const CREDENTIAL_KEYS = ['siteId', 'apiKey'] as const

/** A refused setting: 400, never retried, and the message names the setting but never a credential's value. */
export class InvalidSettingsError extends IntegrationError {
  constructor(message: string) {
    super(message, 'INVALID_SETTINGS', 400)
  }
}

/** The region a setting names; left out or empty, the catalog's default (US). Anything else is refused. */
export function regionOf(accountRegion: unknown): Region {
  if (accountRegion === undefined || accountRegion === null || accountRegion === '') return 'US'
  if (typeof accountRegion !== 'string') {
    throw new InvalidSettingsError(`The setting accountRegion must be a string, not ${kindOf(accountRegion)}.`)
  }
  const region = REGION_BY_SETTING.get(accountRegion) ?? REGION_BY_SETTING.get(accountRegion.trim().toUpperCase())
  if (region === undefined) {
    throw new InvalidSettingsError(
      `The setting accountRegion must be "${AccountRegion.US}" or "${AccountRegion.EU}" (or US / EU), ` +
        `not ${describeRegion(accountRegion)}.`
    )
  }
  return region
}

/** A region name is short: a longer value may be a credential pasted in the wrong field, so only its length is told. */
const MAX_QUOTED_REGION_CHARS = 12

function describeRegion(value: string): string {
  return value.length <= MAX_QUOTED_REGION_CHARS ? JSON.stringify(value) : `a value of ${value.length} characters`
}

/**
 * Throws InvalidSettingsError unless the credentials are non-empty strings and the region is a known one. With
 * `credentialsOptional` (calls that need no credentials), a credential may also be missing or empty.
 */
export function checkSettings(settings: unknown, credentialsOptional = false): void {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    throw new InvalidSettingsError(`The settings must be an object, not ${kindOf(settings)}.`)
  }
  const record = settings as Record<string, unknown>
  for (const key of CREDENTIAL_KEYS) {
    const value = record[key]
    if (credentialsOptional && (value === undefined || value === null || value === '')) continue
    if (typeof value !== 'string') {
      throw new InvalidSettingsError(
        value === undefined
          ? `The setting ${key} is missing.`
          : `The setting ${key} must be a string, not ${kindOf(value)}.`
      )
    }
    if (value.trim() === '') throw new InvalidSettingsError(`The setting ${key} is empty.`)
  }
  regionOf(record.accountRegion)
}

/** Whether both credentials are there to send: Basic auth is sent only then. */
export function hasCredentials(settings: { siteId?: unknown; apiKey?: unknown }): boolean {
  return isFilled(settings.siteId) && isFilled(settings.apiKey)
}

function isFilled(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== ''
}

function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  const type = typeof value
  return type === 'object' ? 'an object' : `a ${type}`
}

/** The actions whose calls need no credentials: /api/v1/metrics (the OpenAPI document lists no security for it). */
const CREDENTIALS_OPTIONAL_ACTIONS: ReadonlySet<string> = new Set(['reportDeliveryEvent'])

/** Whether an action's calls may go without credentials. */
export function credentialsAreOptional(action: string): boolean {
  return CREDENTIALS_OPTIONAL_ACTIONS.has(action)
}
