import type { JSONObject } from '@segment/actions-core'
import { fixedEvent, US, newTestDestination } from '../__helpers__/destination'
import { describeItemsForEachPath, mappingFor } from '../__helpers__/runner'
import { describeRequiredFields, executeBatchExpecting } from '../__helpers__/batch-outcomes'

const content = (anonymousId: string | null, properties: JSONObject) =>
  fixedEvent({ type: 'track', event: 'Report Content Event', userId: 'u-123', anonymousId, properties })

describeItemsForEachPath('reportContentEvent', [
  {
    name: 'sends viewed_content as both action and name, the properties without actionType as attributes',
    event: content('a-9f2', { actionType: 'viewed_content', contentId: 'banner-7', placement: 'home' }),
    expected: {
      type: 'person',
      action: 'viewed_content',
      identifiers: { anonymous_id: 'a-9f2' },
      name: 'viewed_content',
      timestamp: 1723667808,
      attributes: { contentId: 'banner-7', placement: 'home' }
    }
  },
  {
    name: 'sends clicked_content, identified by the anonymous id even when there is a user id',
    event: content('a-9f2', {
      actionType: 'clicked_content',
      contentId: 'banner-7',
      clicked_at: '2024-08-14T20:36:48Z'
    }),
    expected: {
      type: 'person',
      action: 'clicked_content',
      identifiers: { anonymous_id: 'a-9f2' },
      name: 'clicked_content',
      timestamp: 1723667808,
      attributes: { contentId: 'banner-7', clicked_at: 1723667808 }
    }
  },
  {
    name: 'an anonymous_id property is left out, since the anonymous id is the identifier',
    event: content('a-9f2', { actionType: 'viewed_content', anonymous_id: 'a-9f2', contentId: 'banner-7' }),
    expected: {
      type: 'person',
      action: 'viewed_content',
      identifiers: { anonymous_id: 'a-9f2' },
      name: 'viewed_content',
      timestamp: 1723667808,
      attributes: { contentId: 'banner-7' }
    }
  },
  {
    name: 'only actionType in the properties: no attributes',
    event: content('a-9f2', { actionType: 'viewed_content' }),
    expected: {
      type: 'person',
      action: 'viewed_content',
      identifiers: { anonymous_id: 'a-9f2' },
      name: 'viewed_content',
      timestamp: 1723667808
    }
  }
])

describe('reportContentEvent', () => {
  describeRequiredFields('reportContentEvent', [{ field: 'actionType', event: content('a-9f2', { contentId: 'x' }) }])

  it('rejects an action type that is not one of the two choices', async () => {
    const testDestination = newTestDestination()
    await expect(
      testDestination.testAction('reportContentEvent', {
        event: content('a-9f2', { actionType: 'shared_content' }),
        settings: US.settings,
        mapping: mappingFor('reportContentEvent')
      })
    ).rejects.toMatchObject({ message: 'Content action must be one of: "viewed_content" or "clicked_content".' })
    expect(testDestination.responses).toEqual([])
  })

  it('gives every event of a mixed batch its own outcome', async () => {
    const item = (anonymousId: string, contentId: string) => ({
      type: 'person' as const,
      action: 'viewed_content' as const,
      identifiers: { anonymous_id: anonymousId },
      name: 'viewed_content',
      timestamp: 1723667808,
      attributes: { contentId }
    })
    const payload = (anonymousId: string, contentId: string) => ({
      anonymous_id: anonymousId,
      actionType: 'viewed_content',
      timestamp: '2024-08-14T20:36:48.6527521Z',
      data: { actionType: 'viewed_content', contentId },
      convert_timestamp: true,
      enable_batching: true,
      batch_size: 50
    })
    const viewed = (anonymousId: string | null, contentId: string) =>
      content(anonymousId, { actionType: 'viewed_content', contentId })
    const result = await executeBatchExpecting(
      'reportContentEvent',
      [viewed('a-1', 'banner-1'), viewed(null, 'banner-2'), viewed('a-3', 'banner-3')],
      [item('a-1', 'banner-1'), item('a-3', 'banner-3')],
      {
        status: 207,
        body: { errors: [{ batch_index: 1, reason: 'invalid', field: 'action', message: 'unknown action' }] }
      }
    )
    expect(result).toEqual([
      { status: 200, sent: item('a-1', 'banner-1'), body: payload('a-1', 'banner-1') },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'The person has no identifier: none of anonymous_id has a value.',
        errorreporter: 'INTEGRATIONS'
      },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'unknown action',
        errorreporter: 'DESTINATION',
        sent: item('a-3', 'banner-3'),
        body: payload('a-3', 'banner-3')
      }
    ])
  })
})
