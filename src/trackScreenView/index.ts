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

/** person / screen: the screen's name, with the screen's properties (and anonymous id, as trackEvent). */
export function toScreenItem(payload: Payload): ItemSpec {
  return {
    type: 'person',
    action: 'screen',
    person: { person_id: payload.id, anonymous_id: payload.anonymous_id },
    name: payload.name,
    id: eventIdToSend(payload),
    timestamp: payload.timestamp,
    attributes: payload.data,
    anonymousIdAttribute: true,
    convertTimestamps: payload.convert_timestamp
  }
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Track Screen View',
  description: 'Record a mobile screen view for a person, or for an anonymous visitor by their anonymous id.',
  defaultSubscription: 'type = "screen"',
  fields: {
    id,
    anonymous_id,
    event_id,
    name: {
      label: 'Screen name',
      description: 'The name of the screen viewed.',
      type: 'string',
      required: true,
      default: { '@path': '$.name' }
    },
    timestamp,
    data,
    convert_timestamp,
    enable_batching,
    batch_size,
    ulid_event_id
  },
  perform: (request, data) => sendSingle(request, data, toScreenItem),
  performBatch: (request, data) => sendBatch(request, data, toScreenItem)
}

export default action
