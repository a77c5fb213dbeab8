// Pure: a request body as read from the socket, with its JSON parsed once for the handlers and the request log.

export type ParsedJson = { ok: true; value: unknown } | { ok: false }

export interface RequestBody {
  text: string
  /** The size on the wire, which may exceed what `text` kept of an oversize body. */
  bytes: number
  json: ParsedJson
}

export function parseRequestBody(text: string, bytes: number): RequestBody {
  return { text, bytes, json: parseJsonText(text) }
}

export function parseJsonText(text: string): ParsedJson {
  if (text.trim() === '') return { ok: false }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}
