import nock from 'nock'
import { defaultValues } from '@segment/actions-core'
import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import destination from '../../src'
import type { BatchItem, MetricsRequestBody } from '../../src/track-api/types'
import { REGIONS, US, newTestDestination } from './destination'
import { expectValidUnderSpec } from './spec-check'
import type { SpecEndpoint } from './spec-check'

export interface BodyCase<Body> {
  name: string
  event: SegmentEvent
  /** Overrides on top of the action's default mappings. */
  mapping?: JSONObject
  /** The exact body the event must become on the wire. */
  expected: Body
}

export type ItemCase = BodyCase<BatchItem>
export type MetricCase = BodyCase<MetricsRequestBody>

/** Where one event goes on each path, and how the batch path wraps it. */
interface Paths<Body> {
  single: SpecEndpoint
  batch: SpecEndpoint
  batchBody: (expected: Body) => unknown
}

/** Track API v2: the single path posts the item to /entity, the batch path posts `{batch: [item]}` to /batch. */
const TRACK_V2: Paths<BatchItem> = {
  single: '/api/v2/entity',
  batch: '/api/v2/batch',
  batchBody: (item) => ({ batch: [item] })
}

/** v1 metrics: one event per request on both paths. */
const METRICS: Paths<MetricsRequestBody> = {
  single: '/api/v1/metrics',
  batch: '/api/v1/metrics',
  batchBody: (metric) => metric
}

/** The action's default mappings, with overrides: what a workspace gets when it enables a preset. */
export function mappingFor(actionKey: string, overrides: JSONObject = {}): JSONObject {
  return { ...(defaultValues(destination.actions[actionKey].fields) as JSONObject), ...overrides }
}

/** One event through the action's perform (the single path), in the US, with its default mappings and `platform`. */
export function performOne(actionKey: string, event: SegmentEvent, platform: object = {}) {
  return newTestDestination().testAction(actionKey, {
    event,
    settings: US.settings,
    mapping: mappingFor(actionKey),
    ...platform
  })
}

/**
 * Runs every case over both regions and both paths (single and batch) and asserts the exact body on the wire, that it
 * is valid under Customer.io's OpenAPI document and, for the batch, the exact outcome: delivered, with `sent` the body and `body` the event's payload (batching fields
 * included, which never reach the wire).
 */
function describeBodiesForEachPath<Body>(actionKey: string, cases: BodyCase<Body>[], paths: Paths<Body>): void {
  describe.each(REGIONS)('$region', ({ host, settings }) => {
    it.each(cases)('single: $name', async ({ event, mapping, expected }) => {
      let sent: unknown
      const scope = nock(host)
        .post(paths.single, (body) => ((sent = body), true))
        .reply(200, {})
      const testDestination = newTestDestination()
      await testDestination.testAction(actionKey, { event, settings, mapping: mappingFor(actionKey, mapping) })
      expect(sent).toEqual(expected)
      expectValidUnderSpec(paths.single, sent)
      expect(scope.isDone()).toBe(true)
    })

    it.each(cases)('batch: $name', async ({ event, mapping, expected }) => {
      let sent: unknown
      const scope = nock(host)
        .post(paths.batch, (body) => ((sent = body), true))
        .reply(200, {})
      const testDestination = newTestDestination()
      const result = await testDestination.executeBatch(actionKey, {
        events: [event],
        settings,
        mapping: mappingFor(actionKey, mapping)
      })
      expect(sent).toEqual(paths.batchBody(expected))
      expectValidUnderSpec(paths.batch, sent)
      expect(result).toEqual([
        { status: 200, sent: expected, body: expect.objectContaining({ enable_batching: true, batch_size: 50 }) }
      ])
      expect(scope.isDone()).toBe(true)
    })
  })
}

export function describeItemsForEachPath(actionKey: string, cases: ItemCase[]): void {
  describeBodiesForEachPath(actionKey, cases, TRACK_V2)
}

export function describeMetricsForEachPath(actionKey: string, cases: MetricCase[]): void {
  describeBodiesForEachPath(actionKey, cases, METRICS)
}
