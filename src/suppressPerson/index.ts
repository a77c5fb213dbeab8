import type { ActionDefinition } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import type { Payload } from './generated-types'
import { person_id } from '../fields/identifiers'
import { batch_size, enable_batching } from '../fields/batching'
import type { ItemSpec } from '../track-api/build-item'
import { sendBatch, sendSingle } from '../track-api/send'

/** person / suppress: the person is deleted and their identifier blocked from coming back. */
export function toSuppressPersonItem(payload: Payload): ItemSpec {
  return {
    type: 'person',
    action: 'suppress',
    person: { person_id: payload.person_id }
  }
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Suppress Person',
  description: 'Delete a person and suppress their identifier, so Customer.io ignores any later data about them.',
  defaultSubscription: 'event = "User Suppressed"',
  fields: {
    person_id,
    enable_batching,
    batch_size
  },
  perform: (request, data) => sendSingle(request, data, toSuppressPersonItem),
  performBatch: (request, data) => sendBatch(request, data, toSuppressPersonItem)
}

export default action
