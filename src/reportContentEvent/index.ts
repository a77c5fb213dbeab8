import type { ActionDefinition } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import type { Payload } from './generated-types'
import { anonymous_id } from '../fields/identifiers'
import { data } from '../fields/events'
import { convert_timestamp, timestamp } from '../fields/timestamps'
import { batch_size, enable_batching } from '../fields/batching'
import type { ItemSpec } from '../track-api/build-item'
import type { PersonAction } from '../track-api/types'
import { sendBatch, sendSingle } from '../track-api/send'

/** The event's own property, which names the item's action and is not sent as an attribute. */
const CONTENT_EVENT_PROPERTIES = ['actionType'] as const

/** person / viewed_content or clicked_content, named the same; the properties without actionType as attributes. */
export function toContentItem(payload: Payload): ItemSpec {
  // The field's choices are exactly these two actions, and the framework validates them.
  const contentAction = payload.actionType as PersonAction
  return {
    type: 'person',
    action: contentAction,
    person: { anonymous_id: payload.anonymous_id },
    name: contentAction,
    timestamp: payload.timestamp,
    attributes: payload.data,
    omitAttributes: CONTENT_EVENT_PROPERTIES,
    anonymousIdAttribute: true,
    convertTimestamps: payload.convert_timestamp
  }
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Report Content Event',
  description: 'Report that a visitor viewed or clicked a piece of content, such as an in-app message or a banner.',
  defaultSubscription: 'event = "Report Content Event"',
  fields: {
    anonymous_id,
    actionType: {
      label: 'Content action',
      description: 'What the visitor did with the content.',
      type: 'string',
      required: true,
      default: { '@path': '$.properties.actionType' },
      choices: [
        { label: 'Viewed content', value: 'viewed_content' },
        { label: 'Clicked content', value: 'clicked_content' }
      ]
    },
    timestamp,
    data,
    convert_timestamp,
    enable_batching,
    batch_size
  },
  perform: (request, data) => sendSingle(request, data, toContentItem),
  performBatch: (request, data) => sendBatch(request, data, toContentItem)
}

export default action
