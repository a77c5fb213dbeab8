// Pure: HTTP Basic auth against `siteId:apiKey`. Nothing here keeps, logs or echoes the header.
import { timingSafeEqual } from 'crypto'

export interface Credentials {
  siteId: string
  apiKey: string
}

export type AuthResult = 'valid' | 'missing' | 'wrong'

export function checkAuthorization(header: string | undefined, credentials: Credentials): AuthResult {
  if (header === undefined || header.trim() === '') return 'missing'
  const match = /^basic\s+(\S+)\s*$/i.exec(header)
  if (match === null) return 'wrong'
  const given = Buffer.from(match[1], 'base64')
  const expected = Buffer.from(`${credentials.siteId}:${credentials.apiKey}`, 'utf8')
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'valid' : 'wrong'
}

/** Every Track route needs valid credentials, except /api/v1/metrics, which needs none but refuses wrong ones (§1.2). */
export function isAuthorized(result: AuthResult, optional: boolean): boolean {
  return result === 'valid' || (optional && result === 'missing')
}
