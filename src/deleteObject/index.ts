import type { ActionDefinition } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import type { Payload } from './generated-types'
import { object_id, object_type_id_from_properties } from '../fields/identifiers'
import { batch_size, enable_batching } from '../fields/batching'
import type { ItemSpec } from '../track-api/build-item'
import { sendBatch, sendSingle } from '../track-api/send'

/** object / delete: the object, with its relationships to people. */
export function toDeleteObjectItem(payload: Payload): ItemSpec {
  return {
    type: 'object',
    action: 'delete',
    object: { object_id: payload.object_id, object_type_id: payload.object_type_id }
  }
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Delete Object',
  description: 'Delete an object from Customer.io, together with its relationships to people.',
  defaultSubscription: 'event = "Object Deleted"',
  fields: {
    object_id,
    object_type_id: object_type_id_from_properties,
    enable_batching,
    batch_size
  },
  perform: (request, data) => sendSingle(request, data, toDeleteObjectItem),
  performBatch: (request, data) => sendBatch(request, data, toDeleteObjectItem)
}

export default action
