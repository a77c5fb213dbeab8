// Generated file. DO NOT MODIFY IT BY HAND.

export interface Payload {
  /**
   * The CIO-Delivery-ID of the message the metric belongs to.
   */
  delivery_id: string
  /**
   * What happened to the message. Each channel accepts only some metrics (see the Track API docs).
   */
  metric: string
  /**
   * Who got the message: an email address, a phone number or a device token.
   */
  recipient?: string
  /**
   * Why the message failed, for failure metrics.
   */
  reason?: string
  /**
   * The link that was clicked, for click metrics.
   */
  href?: string
  /**
   * The name of the in-app action clicked.
   */
  action_name?: string
  /**
   * The value of the in-app action clicked.
   */
  action_value?: string
  /**
   * When the metric happened, sent as unix seconds; the time of sending when missing.
   */
  timestamp?: string | number
  /**
   * Take events from Segment in batches. The metrics call has no batch form: each event is still one request.
   */
  enable_batching?: boolean
  /**
   * The most events Segment puts in one batch.
   */
  batch_size?: number
}
