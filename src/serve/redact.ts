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

/**
 * A credential at least this long is replaced wherever its text appears; a shorter one only where it stands alone (a
 * whole value, or a word: between characters that are not letters or digits), since its text also occurs inside
 * ordinary words (a site id "eve" in "event"). One under 3 characters is replaced only as a whole value.
 */
export const MIN_EMBEDDED_SECRET_CHARS = 8
const MIN_WORD_SECRET_CHARS = 3

/** The strings that must never be shown: the site id, the API key and the Basic auth value built from them. */
export function secretsOf(settings: { siteId?: unknown; apiKey?: unknown }): string[] {
  const siteId = typeof settings.siteId === 'string' ? settings.siteId : ''
  const apiKey = typeof settings.apiKey === 'string' ? settings.apiKey : ''
  const secrets = [siteId, apiKey]
  if (siteId || apiKey) secrets.push(Buffer.from(`${siteId}:${apiKey}`).toString('base64'))
  return secrets.filter((secret) => secret.length > 0)
}

/** Replaces every credential in every string of a JSON-like value (keys included), where it is (see above). */
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
  for (const secret of secrets) {
    if (result === secret) return REDACTED
    if (secret.length >= MIN_EMBEDDED_SECRET_CHARS) result = result.split(secret).join(REDACTED)
    else if (secret.length >= MIN_WORD_SECRET_CHARS) result = redactWords(result, secret)
  }
  return result
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u

/** The text with each occurrence of the secret that stands alone replaced (not one inside a longer word). */
function redactWords(text: string, secret: string): string {
  let result = ''
  let from = 0
  for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
    const before = text[at - 1]
    const after = text[at + secret.length]
    const alone = !(before && WORD_CHARACTER.test(before)) && !(after && WORD_CHARACTER.test(after))
    if (!alone || at < from) continue
    result += text.slice(from, at) + REDACTED
    from = at + secret.length
  }
  return result + text.slice(from)
}

/** The settings as they may be shown: credentials replaced. */
export function redactSettings<T extends Record<string, unknown>>(settings: T): T {
  return {
    ...settings,
    ...('siteId' in settings ? { siteId: REDACTED } : {}),
    ...('apiKey' in settings ? { apiKey: REDACTED } : {})
  }
}
