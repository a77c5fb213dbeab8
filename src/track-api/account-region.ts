// Pure: whether the answer of GET /api/v1/accounts/region agrees with the accountRegion setting.
import { parseJson } from './parse-response'
import { AccountRegion } from './settings'
import type { Region } from './types'

/** The region an answer of /api/v1/accounts/region names (`us` or `eu`, in any case); undefined when it names none. */
export function answeredRegion(answer: unknown): Region | undefined {
  if (typeof answer === 'string') {
    const parsed = parseJson(answer)
    return parsed.ok ? answeredRegion(parsed.value) : undefined
  }
  if (typeof answer !== 'object' || answer === null) return undefined
  const region = (answer as { region?: unknown }).region
  if (typeof region !== 'string') return undefined
  const upper = region.trim().toUpperCase()
  return upper === 'US' || upper === 'EU' ? upper : undefined
}

/**
 * The message that refuses a setting naming the other region than the account's, or undefined when they agree (or
 * the answer names no region, which leaves nothing to compare). It names the setting and both regions, never a
 * credential.
 */
export function regionMismatchMessage(answer: unknown, configured: Region): string | undefined {
  const account = answeredRegion(answer)
  if (account === undefined || account === configured) return undefined
  return (
    `The Customer.io account is in the ${account} region, but the accountRegion setting is ${configured}: ` +
    `choose "${AccountRegion[account]}".`
  )
}
