// The /_sim routes a test drives the simulator with: read the state, reset it, set or clear a fault. No auth.
import { applyFaultRequest, setScheduledFault } from './faults'
import type { RequestBody } from './request-body'
import { buildErrorResponse, buildJsonResponse, type SimResponse } from './responses'
import type { ControlRoute } from './match-route'
import { resetRuntime, type SimulatorRuntime } from './runtime'
import { stateAnswer, type StateAnswer } from './state-pages'

export function handleControlRoute(
  route: ControlRoute,
  body: RequestBody,
  runtime: SimulatorRuntime,
  query: URLSearchParams = new URLSearchParams()
): SimResponse {
  switch (route.name) {
    case 'state':
      return stateResponse(stateAnswer(runtime.state, query, runtime.accountRegion))
    case 'requests':
      return buildJsonResponse(200, runtime.log)
    case 'reset':
      resetRuntime(runtime)
      return buildJsonResponse(200, {})
    case 'set_fault':
      return handleSetFault(body, runtime)
    case 'clear_fault':
      setScheduledFault(runtime.schedule, undefined)
      return buildJsonResponse(200, {})
  }
}

/** GET /_sim/state, in pages (state-pages.ts). */
function stateResponse(answer: StateAnswer): SimResponse {
  return answer.ok
    ? buildJsonResponse(200, answer.body)
    : buildErrorResponse(400, 'invalid', answer.field, answer.message)
}

/** POST /_sim/fault `{ mode, times?, delayMs?, retryAfterSeconds? }`: the fault for the next `times` Track requests. */
function handleSetFault(body: RequestBody, runtime: SimulatorRuntime): SimResponse {
  if (!body.json.ok) return buildErrorResponse(400, 'invalid', 'body', 'The request body is not valid JSON.')
  const applied = applyFaultRequest(body.json.value, (fault, times) =>
    setScheduledFault(runtime.schedule, fault, times)
  )
  if ('error' in applied) return buildErrorResponse(400, 'invalid', applied.field, applied.error)
  return buildJsonResponse(200, applied)
}
