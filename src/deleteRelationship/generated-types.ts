// Generated file. DO NOT MODIFY IT BY HAND.

export interface Payload {
  /**
   * The id of the person in Customer.io: a user id, an email address, or a Customer.io id written `cio_<id>`.
   */
  person_id: string
  /**
   * The anonymous id of the visitor, used to identify the event when there is no person id.
   */
  anonymous_id?: string
  /**
   * The id of the object (for example a company or an account) in Customer.io.
   */
  object_id: string
  /**
   * The id of the object type in Customer.io, an integer in a string. Defaults to "1".
   */
  object_type_id?: string
  /**
   * Send events to Customer.io in batches (one request to /api/v2/batch per batch), with an outcome per event.
   */
  enable_batching?: boolean
  /**
   * The most events Segment puts in one batch. Batches over 500,000 bytes are split into several requests.
   */
  batch_size?: number
}
