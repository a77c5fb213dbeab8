import type { DecoratedResponse, ModifiedResponse } from '@segment/actions-core'
import { REDACTED, redactHeaders } from './redact'

/** One HTTP call the destination made, as the actions CLI shows it; credentials redacted. */
export interface Exchange {
  request: { url: string; method: string; headers: Record<string, string>; body: string | null }
  response: { statusCode: number; statusMessage: string; headers: Record<string, string>; body: unknown }
}

export function summarizeExchange(response: DecoratedResponse): Exchange {
  const body = response.options?.body
  return {
    request: {
      url: response.request.url,
      method: response.request.method,
      headers: redactHeaders(headersToObject(response.request.headers)),
      body: typeof body === 'string' ? body : null
    },
    response: {
      statusCode: response.status,
      statusMessage: response.statusText,
      headers: headersToObject(response.headers),
      body: response.data === undefined ? response.content : response.data
    }
  }
}

function headersToObject(headers: Headers): Record<string, string> {
  const result: Record<string, string> = {}
  headers.forEach((value, name) => {
    result[name] = value
  })
  return result
}

/** An exchange from a bare response (onDelete's, which actions-core does not record): the request is its URL. */
export function summarizeResponse(response: ModifiedResponse, method: string): Exchange {
  return {
    request: { url: response.url, method, headers: { authorization: REDACTED }, body: null },
    response: {
      statusCode: response.status,
      statusMessage: response.statusText,
      headers: headersToObject(response.headers),
      body: response.data === undefined ? response.content : response.data
    }
  }
}
