import nock from 'nock'
import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import type { MetricsRequestBody } from '../../src/track-api/types'
import { REGIONS, newTestDestination } from './destination'
import { mappingFor } from './runner'

export interface MetricCase {
  name: string
  event: SegmentEvent
  /** Overrides on top of the action's default mappings. */
  mapping?: JSONObject
  /** The exact body POST /api/v1/metrics must get. */
  expected: MetricsRequestBody
}

/**
 * describeItemsForEachPath for the v1 metrics call: every case over both regions and both paths (single, and a batch
 * of one, each one POST /api/v1/metrics), asserting the exact body on the wire and, for the batch, the exact outcome.
 */
export function describeMetricsForEachPath(actionKey: string, cases: MetricCase[]): void {
  describe.each(REGIONS)('$region', ({ host, settings }) => {
    it.each(cases)('single: $name', async ({ event, mapping, expected }) => {
      let sent: unknown
      const scope = nock(host)
        .post('/api/v1/metrics', (body) => ((sent = body), true))
        .reply(200, {})
      await newTestDestination().testAction(actionKey, { event, settings, mapping: mappingFor(actionKey, mapping) })
      expect(sent).toEqual(expected)
      expect(scope.isDone()).toBe(true)
    })

    it.each(cases)('batch: $name', async ({ event, mapping, expected }) => {
      let sent: unknown
      const scope = nock(host)
        .post('/api/v1/metrics', (body) => ((sent = body), true))
        .reply(200, {})
      const result = await newTestDestination().executeBatch(actionKey, {
        events: [event],
        settings,
        mapping: mappingFor(actionKey, mapping)
      })
      expect(sent).toEqual(expected)
      expect(result).toEqual([{ status: 200, sent: expected, body: expect.objectContaining({}) }])
      expect(scope.isDone()).toBe(true)
    })
  })
}
