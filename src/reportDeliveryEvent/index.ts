import type { ActionDefinition, InputField } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import type { Payload } from './generated-types'
import { batch_size, enable_batching } from '../fields/batching'
import type { MetricSpec } from '../track-api/build-metric'
import { sendMetricBatch, sendSingleMetric } from '../track-api/send-metrics'

/** POST /api/v1/metrics: a delivery's metric, with the channel's details. */
export function toDeliveryMetric(payload: Payload): MetricSpec {
  const { delivery_id, metric, timestamp, recipient, reason, href, action_name, action_value } = payload
  return { delivery_id, metric, timestamp, recipient, reason, href, action_name, action_value }
}

/** An optional text field read from the event's properties. */
function defineTextField(label: string, description: string, path: string): InputField {
  return { label, description, type: 'string', default: { '@path': path } }
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Report Delivery Event',
  description: 'Report a delivery metric (delivered, opened, clicked, …) for a message Customer.io sent.',
  defaultSubscription: 'event = "Report Delivery Event"',
  fields: {
    delivery_id: {
      label: 'Delivery ID',
      description: 'The CIO-Delivery-ID of the message the metric belongs to.',
      type: 'string',
      required: true,
      default: { '@path': '$.properties.deliveryId' }
    },
    metric: {
      label: 'Metric',
      description: 'What happened to the message. Each channel accepts only some metrics (see the Track API docs).',
      type: 'string',
      required: true,
      default: { '@path': '$.properties.metric' },
      choices: [
        { label: 'Delivered', value: 'delivered' },
        { label: 'Opened', value: 'opened' },
        { label: 'Clicked', value: 'clicked' },
        { label: 'Converted', value: 'converted' },
        { label: 'Marked as spam', value: 'spammed' },
        { label: 'Bounced', value: 'bounced' },
        { label: 'Dropped (suppressed)', value: 'dropped' },
        { label: 'Deferred', value: 'deferred' }
      ]
    },
    recipient: defineTextField(
      'Recipient',
      'Who got the message: an email address, a phone number or a device token.',
      '$.properties.recipient'
    ),
    reason: defineTextField('Reason', 'Why the message failed, for failure metrics.', '$.properties.reason'),
    href: defineTextField('Link', 'The link that was clicked, for click metrics.', '$.properties.href'),
    action_name: defineTextField('Action name', 'The name of the in-app action clicked.', '$.properties.actionName'),
    action_value: defineTextField(
      'Action value',
      'The value of the in-app action clicked.',
      '$.properties.actionValue'
    ),
    timestamp: {
      label: 'Timestamp',
      description: 'When the metric happened, sent as unix seconds; the time of sending when missing.',
      type: 'datetime',
      format: 'date-time',
      default: { '@path': '$.timestamp' }
    },
    enable_batching: {
      ...enable_batching,
      description:
        'Take events from Segment in batches. The metrics call has no batch form: each event is still one request.'
    },
    batch_size: { ...batch_size, description: 'The most events Segment puts in one batch.' }
  },
  perform: (request, data) => sendSingleMetric(request, data, toDeliveryMetric),
  // Added here (the catalog has none): one metrics request per event, each with its own outcome.
  performBatch: (request, data) => sendMetricBatch(request, data, toDeliveryMetric)
}

export default action
