// Generated file. DO NOT MODIFY IT BY HAND.

export interface Payload {
  /**
   * The person who remains: a user id, an email address or `cio_<id>`. They must already exist.
   */
  primary: string
  /**
   * The person merged into the primary and then deleted: a user id, an email address or `cio_<id>`.
   */
  secondary: string
  /**
   * Send events to Customer.io in batches (one request to /api/v2/batch per batch), with an outcome per event.
   */
  enable_batching?: boolean
  /**
   * The most events Segment puts in one batch. Batches over 500,000 bytes are split into several requests.
   */
  batch_size?: number
}
