import type { ActionDefinition } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import type { Payload } from './generated-types'
import { batch_size, enable_batching } from '../fields/batching'
import type { ItemSpec } from '../track-api/build-item'
import { sendBatch, sendSingle } from '../track-api/send'

/** person / merge: root-level primary and secondary, no identifiers. The secondary is merged in, then deleted. */
export function toMergeItem(payload: Payload): ItemSpec {
  return {
    type: 'person',
    action: 'merge',
    primary: { person_id: payload.primary },
    secondary: { person_id: payload.secondary }
  }
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Merge People',
  description:
    'Merge two people into one: the secondary person’s data moves to the primary, and the secondary is deleted.',
  defaultSubscription: 'type = "alias"',
  fields: {
    primary: {
      label: 'Primary person',
      description: 'The person who remains: a user id, an email address or `cio_<id>`. They must already exist.',
      type: 'string',
      required: true,
      default: { '@path': '$.userId' }
    },
    secondary: {
      label: 'Secondary person',
      description: 'The person merged into the primary and then deleted: a user id, an email address or `cio_<id>`.',
      type: 'string',
      required: true,
      default: { '@path': '$.previousId' }
    },
    enable_batching,
    batch_size
  },
  perform: (request, data) => sendSingle(request, data, toMergeItem),
  performBatch: (request, data) => sendBatch(request, data, toMergeItem)
}

export default action
