import type { ActionDefinition } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import type { Payload } from './generated-types'
import { person_id } from '../fields/identifiers'
import { batch_size, enable_batching } from '../fields/batching'
import type { ItemSpec } from '../track-api/build-item'
import { sendBatch, sendSingle } from '../track-api/send'

/** person / unsuppress: the identifier is unblocked; the deleted data does not come back. */
export function toUnsuppressPersonItem(payload: Payload): ItemSpec {
  return {
    type: 'person',
    action: 'unsuppress',
    person: { person_id: payload.person_id }
  }
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Unsuppress Person',
  description: 'Lift the suppression of a person, so their identifier can be used again.',
  defaultSubscription: 'event = "User Unsuppressed"',
  fields: {
    person_id,
    enable_batching,
    batch_size
  },
  perform: (request, data) => sendSingle(request, data, toUnsuppressPersonItem),
  performBatch: (request, data) => sendBatch(request, data, toUnsuppressPersonItem)
}

export default action
