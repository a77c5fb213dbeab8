import type { ActionDefinition } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import type { Payload } from './generated-types'
import { anonymous_id, id } from '../fields/identifiers'
import { data, event_id } from '../fields/events'
import { convert_timestamp, timestamp } from '../fields/timestamps'
import { batch_size, enable_batching } from '../fields/batching'
import { ulid_event_id } from '../fields/catalog-additions'
import type { ItemSpec } from '../track-api/build-item'
import { sendBatch, sendSingle } from '../track-api/send'
import { eventIdToSend } from '../track-api/ulid'

/** person / page: the page's URL as its name, with the page's properties (and anonymous id, as trackEvent). */
export function toPageItem(payload: Payload): ItemSpec {
  return {
    type: 'person',
    action: 'page',
    person: { person_id: payload.id, anonymous_id: payload.anonymous_id },
    name: payload.url,
    id: eventIdToSend(payload),
    timestamp: payload.timestamp,
    attributes: payload.data,
    anonymousIdAttribute: true,
    convertTimestamps: payload.convert_timestamp
  }
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Track Page View',
  description: 'Record a page view for a person, or for an anonymous visitor by their anonymous id.',
  defaultSubscription: 'type = "page"',
  fields: {
    id,
    anonymous_id,
    event_id,
    url: {
      label: 'Page URL',
      description: 'The URL of the page viewed; Customer.io uses it as the name of the page view.',
      type: 'string',
      required: true,
      default: { '@path': '$.properties.url' }
    },
    timestamp,
    data,
    convert_timestamp,
    enable_batching,
    batch_size,
    ulid_event_id
  },
  perform: (request, data) => sendSingle(request, data, toPageItem),
  performBatch: (request, data) => sendBatch(request, data, toPageItem)
}

export default action
