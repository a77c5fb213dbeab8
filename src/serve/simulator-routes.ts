// What the local server adds when it sends to the simulator: GET /_sim/state, POST and DELETE /_sim/fault (the run's
// fault, as on the simulator's own port), POST /_demo, and the `x-sim-fault` header of POST /<action>. A fault meant
// for one call is scoped to that call's requests: the destination is pointed at the simulator's `/_fault/<mode>/`.
import type http from 'node:http'
import type { DestinationDefinition } from '@segment/actions-core'
import { createDestination } from '../index'
import type { Settings } from '../generated-types'
import { DEMO_SCENARIOS, runDemo, type DemoTarget } from './demo'
import { BadRequest, readJsonBody, sendJson } from './http-json'
import type { RunningServer } from './server'
import { FAULT_MODES, type FaultMode, type Simulator } from './simulator'
import { FAULT_HEADER, FAULT_PATH_PREFIX, isFaultMode, parseFaultRequest } from './simulator/faults'
import { stateAnswer } from './simulator/state-pages'

export interface SimulatorLink {
  simulator: Simulator
  /** The destination pointed at the simulator with `mode` for its requests alone ('none': no fault at all). */
  definitionWithFault(mode: FaultMode | 'none'): DestinationDefinition<Settings>
}

export function linkSimulator(simulator: Simulator, requestTimeoutMs?: number): SimulatorLink {
  const definitions = new Map<string, DestinationDefinition<Settings>>()
  return {
    simulator,
    definitionWithFault(mode) {
      let definition = definitions.get(mode)
      if (definition === undefined) {
        const host = `${simulator.url}${FAULT_PATH_PREFIX}${mode}`
        definition = createDestination({ hosts: { US: host, EU: host }, requestTimeoutMs })
        definitions.set(mode, definition)
      }
      return definition
    }
  }
}

/** The definition for a POST /<action> with an `x-sim-fault` header: that fault for that call's requests only. */
export function definitionForRequest(
  link: SimulatorLink | undefined,
  request: http.IncomingMessage
): DestinationDefinition<Settings> | undefined {
  const header = request.headers[FAULT_HEADER]
  if (header === undefined) return undefined
  if (link === undefined) throw new BadRequest(`${FAULT_HEADER} needs the simulator; the server runs --live.`)
  const mode = Array.isArray(header) ? header[0] : header
  if (!isFaultMode(mode)) throw new BadRequest(`${FAULT_HEADER} must be one of ${FAULT_MODES.join(', ')}.`)
  return link.definitionWithFault(mode)
}

/** The demo through this server: each scenario's requests get its own fault, or none, and no other request does. */
export function demoTargetOf(server: RunningServer, link: SimulatorLink): DemoTarget {
  return {
    runBatch: (action, events, mapping, fault) =>
      server.runBatch(action, events, mapping, link.definitionWithFault(fault ?? 'none'))
  }
}

export async function simulatorRoutes(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  url: URL,
  link: SimulatorLink | undefined,
  server: () => RunningServer
): Promise<boolean> {
  const route = `${request.method} ${url.pathname}`
  if (!['GET /_sim/state', 'POST /_sim/fault', 'DELETE /_sim/fault', 'POST /_demo'].includes(route)) return false
  if (link === undefined) {
    sendJson(response, 404, { error: 'No simulator: the server runs --live.' })
    return true
  }
  if (route === 'GET /_sim/state') {
    const answer = stateAnswer(link.simulator.state, url.searchParams)
    sendJson(response, answer.ok ? 200 : 400, answer.ok ? answer.body : { error: answer.message })
  } else if (route === 'POST /_sim/fault') {
    const parsed = parseFaultRequest(await readJsonBody(request))
    if ('error' in parsed) throw new BadRequest(parsed.error)
    link.simulator.setFault(parsed.fault, parsed.times)
    sendJson(response, 200, { fault: parsed.fault, times: parsed.times ?? null })
  } else if (route === 'DELETE /_sim/fault') {
    link.simulator.setFault(undefined)
    sendJson(response, 200, {})
  } else {
    const only = url.searchParams.get('scenario')
    const scenarios = only ? DEMO_SCENARIOS.filter((scenario) => scenario.key === only) : DEMO_SCENARIOS
    if (scenarios.length === 0) {
      const keys = DEMO_SCENARIOS.map((scenario) => scenario.key).join(', ')
      throw new BadRequest(`There is no demo scenario "${String(only).slice(0, 40)}". Scenarios: ${keys}.`, 404)
    }
    const results = await runDemo(demoTargetOf(server(), link), scenarios)
    sendJson(
      response,
      200,
      results.map(({ scenario, record, asExpected }) => ({
        scenario: scenario.key,
        title: scenario.title,
        asExpected,
        delivery: record.id
      }))
    )
  }
  return true
}
