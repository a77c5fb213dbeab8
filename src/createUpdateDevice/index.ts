import type { ActionDefinition } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import type { Payload } from './generated-types'
import { person_id } from '../fields/identifiers'
import { device_id } from '../fields/devices'
import { convert_timestamp } from '../fields/timestamps'
import { batch_size, enable_batching } from '../fields/batching'
import type { ItemSpec } from '../track-api/build-item'
import { sendBatch, sendSingle } from '../track-api/send'

/** person / add_device: the device's token and platform, when it was last used, and its attributes. */
export function toDeviceItem(payload: Payload): ItemSpec {
  return {
    type: 'person',
    action: 'add_device',
    person: { person_id: payload.person_id },
    device: {
      token: payload.device_id,
      platform: payload.platform,
      last_used: payload.last_used,
      attributes: { ...payload.attributes, app_version: payload.app_version || undefined }
    },
    convertTimestamps: payload.convert_timestamp
  }
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Create or Update Device',
  description: 'Add a mobile device to a person, or update it, so Customer.io can send push notifications to it.',
  defaultSubscription:
    'event = "Application Installed" or event = "Application Opened" or event = "Device Created or Updated"',
  fields: {
    person_id,
    device_id,
    app_version: {
      label: 'App version',
      description: 'The version of the app on the device, stored as the device attribute `app_version`.',
      type: 'string',
      default: { '@path': '$.context.app.version' }
    },
    platform: {
      label: 'Platform',
      description: 'The platform of the device: `ios` or `android`, in any case (`iOS` is sent as `ios`).',
      type: 'string',
      required: true,
      default: { '@path': '$.context.device.type' }
    },
    last_used: {
      label: 'Last used',
      description:
        'When the device was last used, sent as integer unix seconds; left out when it is not an ISO-8601 date or unix seconds, so Customer.io uses the time of the request.',
      type: 'string',
      default: { '@path': '$.timestamp' }
    },
    attributes: {
      label: 'Device attributes',
      description:
        'Attributes to store on the device, such as `device_os`, `device_model` or `push_enabled`; every value is sent as a string.',
      type: 'object',
      default: { '@path': '$.properties' }
    },
    convert_timestamp,
    enable_batching,
    batch_size
  },
  perform: (request, data) => sendSingle(request, data, toDeviceItem),
  performBatch: (request, data) => sendBatch(request, data, toDeviceItem)
}

export default action
