// The local server and its simulator: the destination pointed at the simulator with a fault scoped to one call's
// requests (the simulator's `/_fault/<mode>/`), for the `x-sim-fault` header of POST /<action> and for the demo.
import type http from 'node:http'
import type { DestinationDefinition } from '@segment/actions-core'
import { createDestination } from '../index'
import type { Settings } from '../generated-types'
import { BadRequest } from './http-json'
import { FAULT_MODES, type FaultMode, type Simulator } from './simulator'
import { FAULT_HEADER, FAULT_PATH_PREFIX, isFaultMode } from './simulator/faults'

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
