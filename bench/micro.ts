// Micro-benchmarks of the destination's own pure steps, outside any HTTP: the 207 parser, and building plus
// serializing one item from an already mapped payload.
import { Destination, type ActionDefinition, type DestinationDefinition, type JSONObject } from '@segment/actions-core'
import type { SegmentEvent } from '@segment/actions-core'
import type { Settings } from '../src/generated-types'
import { toEventItem } from '../src/trackEvent'
import { toPersonItem } from '../src/createUpdatePerson'
import type { Payload as TrackPayload } from '../src/trackEvent/generated-types'
import type { Payload as PersonPayload } from '../src/createUpdatePerson/generated-types'
import { buildBatchItem } from '../src/track-api/build-item'
import { serializeItem } from '../src/track-api/limits'
import { parseBatchResponse } from '../src/track-api/parse-response'

export interface Measurement {
  /** Operations per second, the median of the samples. */
  opsPerSecond: number
  /** Microseconds per operation, the median of the samples. */
  usPerOp: number
  samples: number
}

/**
 * Runs `operation` in samples of about `sampleMs` of CPU time each (the iteration count calibrated first) and reports
 * the median. CPU time (process.cpuUsage), not wall time, so that other processes on the machine count less.
 * `unitsPerCall` counts how many units one call handles (items of a list, say), so the numbers are per unit.
 */
export function measure(operation: () => unknown, unitsPerCall = 1, samples = 7, sampleMs = 150): Measurement {
  let sink: unknown
  let iterations = 1
  for (;;) {
    const before = process.cpuUsage()
    for (let i = 0; i < iterations; i++) sink = operation()
    if (cpuMs(before) >= sampleMs / 4) break
    iterations *= 2
  }
  iterations = Math.max(1, iterations * 4)
  const perUnit: number[] = []
  for (let s = 0; s < samples; s++) {
    const before = process.cpuUsage()
    for (let i = 0; i < iterations; i++) sink = operation()
    perUnit.push((cpuMs(before) * 1000) / (iterations * unitsPerCall))
  }
  keep(sink)
  const usPerOp = median(perUnit)
  return { opsPerSecond: 1e6 / usPerOp, usPerOp, samples }
}

function cpuMs(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1000
}

let kept: unknown
/** Keeps a result reachable so the optimiser cannot drop the work that made it. */
function keep(value: unknown): void {
  kept = value
}
export function lastKept(): unknown {
  return kept
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** A 207 answer to a 100-item batch in which every item has one error. */
export function multistatusBody(items: number): { errors: JSONObject[] } {
  return {
    errors: Array.from({ length: items }, (_, index) => ({
      batch_index: index,
      reason: 'invalid',
      field: 'name',
      message: `name is invalid for item ${index}`
    }))
  }
}

/** The payloads actions-core hands to performBatch for these events: mapped, emptied of empty values, validated. */
export async function mappedPayloads(
  real: DestinationDefinition<Settings>,
  actionKey: string,
  events: SegmentEvent[],
  mapping: JSONObject,
  settings: Settings,
  batchSize: number
): Promise<JSONObject[]> {
  const captured: JSONObject[] = []
  const source = real.actions[actionKey]
  const capture: ActionDefinition<Settings, JSONObject> = {
    title: source.title,
    description: source.description,
    fields: source.fields,
    perform: () => undefined,
    performBatch: (_request, { payload }) => {
      captured.push(...payload)
    }
  }
  const destination = new Destination<Settings>({ ...real, actions: { [actionKey]: capture } })
  for (let start = 0; start < events.length; start += batchSize) {
    await destination.executeBatch(actionKey, { events: events.slice(start, start + batchSize), mapping, settings })
  }
  return captured
}

export interface MicroResults {
  parseBatchResponse207: Measurement & { items: number; errors: number }
  buildAndSerialize: {
    trackEvent: Measurement & { items: number; bytesPerItem: number }
    createUpdatePerson: Measurement & { items: number; bytesPerItem: number }
  }
  /** Of buildAndSerialize: the action's own mapper alone (toEventItem, toPersonItem). */
  mapperOnly: { trackEvent: Measurement; createUpdatePerson: Measurement }
  /** For scale: JSON.stringify of the mapped payload alone, what the floor's body costs per item. */
  stringifyPayloadOnly: { trackEvent: Measurement; createUpdatePerson: Measurement }
}

export function runMicro(trackPayloads: TrackPayload[], personPayloads: PersonPayload[]): MicroResults {
  const body = multistatusBody(100)
  const parse = measure(() => parseBatchResponse(207, body, 100))

  const buildAll = <P>(payloads: P[], toItem: (payload: P) => Parameters<typeof buildBatchItem>[0]) => {
    let bytes = 0
    for (const payload of payloads) bytes += serializeItem(buildBatchItem(toItem(payload))).bytes
    return bytes
  }
  const stringifyAll = (payloads: unknown[]) => {
    let length = 0
    for (const payload of payloads) length += JSON.stringify(payload).length
    return length
  }
  const trackBytes = buildAll(trackPayloads, toEventItem)
  const personBytes = buildAll(personPayloads, toPersonItem)
  return {
    parseBatchResponse207: { ...parse, items: 100, errors: 100 },
    buildAndSerialize: {
      trackEvent: {
        ...measure(() => buildAll(trackPayloads, toEventItem), trackPayloads.length, 7, 300),
        items: trackPayloads.length,
        bytesPerItem: Math.round(trackBytes / trackPayloads.length)
      },
      createUpdatePerson: {
        ...measure(() => buildAll(personPayloads, toPersonItem), personPayloads.length, 7, 300),
        items: personPayloads.length,
        bytesPerItem: Math.round(personBytes / personPayloads.length)
      }
    },
    mapperOnly: {
      trackEvent: measure(() => trackPayloads.map(toEventItem), trackPayloads.length, 7, 300),
      createUpdatePerson: measure(() => personPayloads.map(toPersonItem), personPayloads.length, 7, 300)
    },
    stringifyPayloadOnly: {
      trackEvent: measure(() => stringifyAll(trackPayloads), trackPayloads.length, 7, 300),
      createUpdatePerson: measure(() => stringifyAll(personPayloads), personPayloads.length, 7, 300)
    }
  }
}
