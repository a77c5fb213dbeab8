import type { ModifiedResponse } from '@segment/actions-core'

// What actions-core's request client (or node-fetch under it) returns and throws, built by hand for the tests of the
// delivery core's reading and classification of them.

/** A response as actions-core hands it over: the parsed body in `data`, the raw text in `content`. */
export function answer(status: number, data: unknown, statusText = ''): ModifiedResponse {
  const content = typeof data === 'string' ? data : JSON.stringify(data)
  return { status, statusText, data, content } as ModifiedResponse
}

export const withFields = (error: Error, fields: Record<string, unknown>) => Object.assign(error, fields)

/** An Error with the given name and fields, as another copy of a library would throw it. */
export const named = (name: string, fields: Record<string, unknown> = {}) => {
  const error = new Error('failed')
  error.name = name
  return withFields(error, fields)
}
