// Generated file. DO NOT MODIFY IT BY HAND.

export interface Payload {
  /**
   * The id of the person in Customer.io: a user id, an email address, or a Customer.io id written `cio_<id>`.
   */
  id?: string
  /**
   * The anonymous id of the visitor, used to identify the event when there is no person id.
   */
  anonymous_id?: string
  /**
   * The name of the event, as campaigns in Customer.io refer to it.
   */
  name: string
  /**
   * An id that Customer.io uses to drop duplicates of the same event.
   */
  event_id?: string
  /**
   * When the event happened, sent as integer unix seconds: ISO-8601 dates, other dates and unix seconds (a fraction is dropped). An event whose timestamp reads as no date fails.
   */
  timestamp?: string
  /**
   * Properties of the event, stored with it in Customer.io.
   */
  data?: {
    [k: string]: unknown
  }
  /**
   * Convert ISO-8601 dates and date-times anywhere in the attributes to unix seconds, as Customer.io stores dates.
   */
  convert_timestamp?: boolean
  /**
   * Send events to Customer.io in batches (one request to /api/v2/batch per batch), with an outcome per event.
   */
  enable_batching?: boolean
  /**
   * The most events Segment puts in one batch. Batches over 500,000 bytes are split into several requests.
   */
  batch_size?: number
  /**
   * Send as the event id a ULID made from the event alone (its timestamp and its Event ID), the same on every retry, so that Customer.io drops the duplicates a retried batch sends. An Event ID that is already a ULID is sent unchanged. Off, the Event ID is sent as mapped.
   */
  ulid_event_id?: boolean
}
