import type { ActionDefinition } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import type { Payload } from './generated-types'
import { person_id } from '../fields/identifiers'
import { device_id } from '../fields/devices'
import { batch_size, enable_batching } from '../fields/batching'
import type { ItemSpec } from '../track-api/build-item'
import { sendBatch, sendSingle } from '../track-api/send'

/** person / delete_device: the device, named by its token. */
export function toDeleteDeviceItem(payload: Payload): ItemSpec {
  return {
    type: 'person',
    action: 'delete_device',
    person: { person_id: payload.person_id },
    device: { token: payload.device_id }
  }
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Delete Device',
  description: 'Remove a mobile device from a person, so Customer.io stops sending push notifications to it.',
  defaultSubscription: 'event = "Application Uninstalled" or event = "Device Deleted"',
  fields: {
    person_id,
    device_id,
    enable_batching,
    batch_size
  },
  perform: (request, data) => sendSingle(request, data, toDeleteDeviceItem),
  performBatch: (request, data) => sendBatch(request, data, toDeleteDeviceItem)
}

export default action
