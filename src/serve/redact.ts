// Pure: keeps credentials out of everything the local server prints or returns.

export const REDACTED = '<redacted>'

/** Request headers that carry credentials; their values are never shown. */
const SENSITIVE_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key'])

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    result[name] = SENSITIVE_HEADERS.has(name.toLowerCase()) ? REDACTED : value
  }
  return result
}

/** The strings that must never be shown: the site id, the API key and the Basic auth value built from them. */
export function secretsOf(settings: { siteId?: unknown; apiKey?: unknown }): string[] {
  const siteId = typeof settings.siteId === 'string' ? settings.siteId : ''
  const apiKey = typeof settings.apiKey === 'string' ? settings.apiKey : ''
  const secrets = [siteId, apiKey]
  if (siteId || apiKey) secrets.push(Buffer.from(`${siteId}:${apiKey}`).toString('base64'))
  return secrets.filter((secret) => secret.length >= 3)
}

/** Replaces every occurrence of a secret in every string of a JSON-like value (keys included). */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value
  return redactValue(value, secrets) as T
}

function redactValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactString(value, secrets)
  if (Array.isArray(value)) return value.map((element) => redactValue(element, secrets))
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {}
    for (const [key, element] of Object.entries(value))
      result[redactString(key, secrets)] = redactValue(element, secrets)
    return result
  }
  return value
}

function redactString(text: string, secrets: readonly string[]): string {
  let result = text
  for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join(REDACTED)
  return result
}

/** The settings as they may be shown: credentials replaced. */
export function redactSettings<T extends Record<string, unknown>>(settings: T): T {
  return {
    ...settings,
    ...('siteId' in settings ? { siteId: REDACTED } : {}),
    ...('apiKey' in settings ? { apiKey: REDACTED } : {})
  }
}
