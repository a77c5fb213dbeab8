/** What actions-core's request client throws when the platform's signal aborts a request in flight. */
export function abortedByPlatform(): Error {
  return Object.assign(new Error('Request was aborted'), {
    name: 'RequestClientError',
    code: 'REQUESTCLIENTERROR',
    status: 408
  })
}
