import type { ActionDefinition } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import type { Payload } from './generated-types'
import { anonymous_id, object_id, object_type_id_from_properties, person_id } from '../fields/identifiers'
import { batch_size, enable_batching } from '../fields/batching'
import type { ItemSpec } from '../track-api/build-item'
import { sendBatch, sendSingle } from '../track-api/send'

/** object / delete_relationships: the object, and the person it is no longer related to. */
export function toDeleteRelationshipItem(payload: Payload): ItemSpec {
  return {
    type: 'object',
    action: 'delete_relationships',
    object: { object_id: payload.object_id, object_type_id: payload.object_type_id },
    relationships: [{ person: { person_id: payload.person_id, anonymous_id: payload.anonymous_id } }]
  }
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Delete Relationship',
  description: 'Remove the relationship between a person and an object; both stay in Customer.io.',
  defaultSubscription: 'event = "Relationship Deleted"',
  fields: {
    person_id,
    anonymous_id,
    object_id: { ...object_id, required: true },
    object_type_id: object_type_id_from_properties,
    enable_batching,
    batch_size
  },
  perform: (request, data) => sendSingle(request, data, toDeleteRelationshipItem),
  performBatch: (request, data) => sendBatch(request, data, toDeleteRelationshipItem)
}

export default action
