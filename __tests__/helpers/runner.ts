import nock from 'nock'
import { defaultValues } from '@segment/actions-core'
import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import destination from '../../src'
import type { BatchItem } from '../../src/track-api/types'
import { REGIONS, newTestDestination } from './destination'

export interface ItemCase {
  name: string
  event: SegmentEvent
  /** Overrides on top of the action's default mappings. */
  mapping?: JSONObject
  /** The exact Track API item the event must become. */
  expected: BatchItem
}

/** The action's default mappings, with overrides: what a workspace gets when it enables a preset. */
export function mappingFor(actionKey: string, overrides: JSONObject = {}): JSONObject {
  return { ...(defaultValues(destination.actions[actionKey].fields) as JSONObject), ...overrides }
}

/**
 * Runs every case over both regions and both paths (single → /api/v2/entity, batch → /api/v2/batch) and asserts
 * the exact body on the wire and, for the batch, the exact outcome.
 */
export function describeItemsForEachPath(actionKey: string, cases: ItemCase[]): void {
  describe.each(REGIONS)('$region', ({ host, settings }) => {
    it.each(cases)('single: $name', async ({ event, mapping, expected }) => {
      let sent: unknown
      const scope = nock(host)
        .post('/api/v2/entity', (body) => ((sent = body), true))
        .reply(200, {})
      const testDestination = newTestDestination()
      await testDestination.testAction(actionKey, { event, settings, mapping: mappingFor(actionKey, mapping) })
      expect(sent).toEqual(expected)
      expect(scope.isDone()).toBe(true)
    })

    it.each(cases)('batch: $name', async ({ event, mapping, expected }) => {
      let sent: unknown
      const scope = nock(host)
        .post('/api/v2/batch', (body) => ((sent = body), true))
        .reply(200, {})
      const testDestination = newTestDestination()
      const result = await testDestination.executeBatch(actionKey, {
        events: [event],
        settings,
        mapping: mappingFor(actionKey, mapping)
      })
      expect(sent).toEqual({ batch: [expected] })
      expect(result).toEqual([{ status: 200, sent: expected, body: expect.objectContaining({}) }])
      expect(scope.isDone()).toBe(true)
    })
  })
}
