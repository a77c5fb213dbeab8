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

/** person / event: a named event with its properties, and the anonymous id when a person id identifies it. */
export function toEventItem(payload: Payload): ItemSpec {
  return {
    type: 'person',
    action: 'event',
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
  title: 'Track Event',
  description: 'Record an event for a person, identified by their person id or, for anonymous visitors, anonymous id.',
  defaultSubscription:
    'type = "track" and event != "Application Installed" and event != "Application Opened" and event != "Application Uninstalled" and event != "Device Created or Updated" and event != "Device Deleted" and event != "Relationship Deleted" and event != "User Deleted" and event != "User Suppressed" and event != "User Unsuppressed" and event != "Object Deleted" and event != "Report Delivery Event" and event != "Report Content Event"',
  fields: {
    id,
    anonymous_id,
    name: {
      label: 'Event name',
      description: 'The name of the event, as campaigns in Customer.io refer to it.',
      type: 'string',
      required: true,
      default: { '@path': '$.event' }
    },
    event_id,
    timestamp,
    data,
    convert_timestamp,
    enable_batching,
    batch_size,
    ulid_event_id
  },
  perform: (request, data) => sendSingle(request, data, toEventItem),
  performBatch: (request, data) => sendBatch(request, data, toEventItem)
}

export default action
