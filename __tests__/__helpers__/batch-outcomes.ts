import nock from 'nock'
import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import type { BatchItem } from '../../src/track-api/types'
import { US, newTestDestination } from './destination'
import { mappingFor } from './runner'
import { expectValidUnderSpec } from './spec-check'

export interface BatchAnswer {
  status: number
  body: unknown
}

/**
 * Runs the events through executeBatch with the action's default mappings (plus overrides), expecting exactly one
 * POST /api/v2/batch that carries exactly `items` (valid under the OpenAPI document), answered with `answer`. Returns the outcome of every event.
 */
export async function executeBatchExpecting(
  actionKey: string,
  events: SegmentEvent[],
  items: BatchItem[],
  answer: BatchAnswer,
  mapping: JSONObject = {}
) {
  let posted: unknown
  const scope = nock(US.host)
    .post('/api/v2/batch', (body) => ((posted = body), true))
    .reply(answer.status, answer.body as nock.Body)
  const result = await newTestDestination().executeBatch(actionKey, {
    events,
    settings: US.settings,
    mapping: mappingFor(actionKey, mapping)
  })
  expect(posted).toEqual({ batch: items })
  expectValidUnderSpec('/api/v2/batch', posted)
  expect(scope.isDone()).toBe(true)
  return result
}

export interface RequiredFieldCase {
  field: string
  event: SegmentEvent
}

/** Each event leaves one required field unmapped: testAction rejects it with the framework's message, sending nothing. */
export function describeRequiredFields(actionKey: string, cases: RequiredFieldCase[]): void {
  it.each(cases)('rejects an event without $field before sending anything', async ({ field, event }) => {
    const testDestination = newTestDestination()
    await expect(
      testDestination.testAction(actionKey, { event, settings: US.settings, mapping: mappingFor(actionKey) })
    ).rejects.toMatchObject({ message: `The root value is missing the required field '${field}'.` })
    expect(testDestination.responses).toEqual([])
  })
}
