// The local server's routes for its simulator: GET /_sim/state, POST and DELETE /_sim/fault (the run's fault, as on
// the simulator's own port) and POST /_demo, each scenario with its own fault. With --live there is no simulator:
// each answers 404.
import { sendJson } from './answer'
import { demoScenarios, retryLine, runDemo, type DemoTarget } from './demo'
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
        const answer = stateAnswer(simulator.state, url.searchParams, simulator.accountRegion)
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

/**
 * POST /_demo[?scenario=key]: each scenario's requests get its own fault, or none, and no other request does. A retry
 * scenario's `delivery` is its retry; `firstTry` is the delivery whose answer was lost, `retry` the simulator's counts.
 */
async function runDemoScenarios({ response, url, server }: Call, link: SimulatorLink): Promise<void> {
  const only = url.searchParams.get('scenario')
  const all = demoScenarios(Date.now())
  const scenarios = only ? all.filter((scenario) => scenario.key === only) : all
  if (scenarios.length === 0) {
    const keys = all.map((scenario) => scenario.key).join(', ')
    throw new BadRequest(`There is no demo scenario "${String(only).slice(0, 40)}". Scenarios: ${keys}.`, 404)
  }
  const results = await runDemo(demoTargetOf(server, link), scenarios)
  const answer = results.map(({ scenario, record, retry, asExpected }) => ({
    scenario: scenario.key,
    title: scenario.title,
    asExpected,
    delivery: retry?.record.id ?? record.id,
    ...(retry && { firstTry: record.id, retry: { ...retry.counts, summary: retryLine(retry.counts) } })
  }))
  sendJson(response, 200, answer)
}

/** The demo through the local server: each scenario's requests get its own fault, or none, and no other's do. */
export function demoTargetOf(server: Pick<ServerContext, 'runBatch'>, link: SimulatorLink): DemoTarget {
  return {
    runBatch: (action, events, mapping, fault) =>
      server.runBatch(action, events, mapping, link.definitionWithFault(fault ?? 'none')),
    simulatorRecords: (ids) => {
      const wanted = new Set(ids)
      const { events, ignored } = link.simulator.state
      return {
        storedIds: events.flatMap(({ id }) => (id !== undefined && wanted.has(id) ? [id] : [])),
        ignored: ignored.filter(({ id }) => id !== undefined && wanted.has(id)).length
      }
    }
  }
}
