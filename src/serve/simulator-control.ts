// The local server's routes for its simulator: GET /_sim/state, POST and DELETE /_sim/fault (the run's fault, as on
// the simulator's own port) and POST /_demo, each scenario with its own fault. With --live there is no simulator:
// each answers 404.
import { sendJson } from './answer'
import { DEMO_SCENARIOS, runDemo, type DemoTarget } from './demo'
import { BadRequest } from './http-json'
import type { Call, Route } from './route-table'
import type { ServerContext } from './server-context'
import type { SimulatorLink } from './simulator-link'
import { applyFaultRequest } from './simulator/faults'
import { stateAnswer } from './simulator/state-pages'

export function simulatorControlRoutes(link: SimulatorLink | undefined): Route[] {
  const withSimulator =
    (handle: (call: Call, link: SimulatorLink) => Promise<void> | void) =>
    (call: Call): Promise<void> | void => {
      if (link === undefined) return sendJson(call.response, 404, { error: 'No simulator: the server runs --live.' })
      return handle(call, link)
    }
  return [
    {
      method: 'GET',
      path: '/_sim/state',
      handle: withSimulator(({ response, url }, { simulator }) => {
        const answer = stateAnswer(simulator.state, url.searchParams)
        sendJson(response, answer.ok ? 200 : 400, answer.ok ? answer.body : { error: answer.message })
      })
    },
    { method: 'POST', path: '/_sim/fault', handle: withSimulator(setFault) },
    {
      method: 'DELETE',
      path: '/_sim/fault',
      handle: withSimulator(({ response }, { simulator }) => {
        simulator.setFault(undefined)
        sendJson(response, 200, {})
      })
    },
    { method: 'POST', path: '/_demo', handle: withSimulator(runDemoScenarios) }
  ]
}

function setFault({ response, body }: Call, { simulator }: SimulatorLink): void {
  const applied = applyFaultRequest(body, (fault, times) => simulator.setFault(fault, times))
  if ('error' in applied) throw new BadRequest(applied.error)
  sendJson(response, 200, applied)
}

/** POST /_demo[?scenario=key]: each scenario's requests get its own fault, or none, and no other request does. */
async function runDemoScenarios({ response, url, server }: Call, link: SimulatorLink): Promise<void> {
  const only = url.searchParams.get('scenario')
  const scenarios = only ? DEMO_SCENARIOS.filter((scenario) => scenario.key === only) : DEMO_SCENARIOS
  if (scenarios.length === 0) {
    const keys = DEMO_SCENARIOS.map((scenario) => scenario.key).join(', ')
    throw new BadRequest(`There is no demo scenario "${String(only).slice(0, 40)}". Scenarios: ${keys}.`, 404)
  }
  const results = await runDemo(demoTargetOf(server, link), scenarios)
  const answer = results.map(({ scenario, record, asExpected }) => ({
    scenario: scenario.key,
    title: scenario.title,
    asExpected,
    delivery: record.id
  }))
  sendJson(response, 200, answer)
}

/** The demo through the local server: each scenario's requests get its own fault, or none, and no other's do. */
export function demoTargetOf(server: Pick<ServerContext, 'runBatch'>, link: SimulatorLink): DemoTarget {
  return {
    runBatch: (action, events, mapping, fault) =>
      server.runBatch(action, events, mapping, link.definitionWithFault(fault ?? 'none'))
  }
}
