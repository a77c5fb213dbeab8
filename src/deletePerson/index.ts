import type { ActionDefinition } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import type { Payload } from './generated-types'
import { person_id } from '../fields/identifiers'
import { batch_size, enable_batching } from '../fields/batching'
import type { ItemSpec } from '../track-api/build-item'
import { sendBatch, sendSingle } from '../track-api/send'

/** person / delete: the person and everything stored about them. */
export function toDeletePersonItem(payload: Payload): ItemSpec {
  return {
    type: 'person',
    action: 'delete',
    person: { person_id: payload.person_id }
  }
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Delete Person',
  description: 'Delete a person from Customer.io, with their attributes, devices and activity.',
  defaultSubscription: 'event = "User Deleted"',
  fields: {
    person_id,
    enable_batching,
    batch_size
  },
  perform: (request, data) => sendSingle(request, data, toDeletePersonItem),
  performBatch: (request, data) => sendBatch(request, data, toDeletePersonItem)
}

export default action
