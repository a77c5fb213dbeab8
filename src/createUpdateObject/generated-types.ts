// Generated file. DO NOT MODIFY IT BY HAND.

export interface Payload {
  /**
   * The id of the object in Customer.io.
   */
  id: string
  /**
   * When the person or object was created: unix seconds or an ISO-8601 date, sent as integer unix seconds.
   */
  created_at?: string
  /**
   * Attributes to set on the object; attributes it already has and that are not named stay as they are.
   */
  custom_attributes?: {
    [k: string]: unknown
  }
  /**
   * Attributes of the relationship between the person and the object.
   */
  relationship_attributes?: {
    [k: string]: unknown
  }
  /**
   * The id of the person to relate to the object: a user id, an email address or `cio_<id>`.
   */
  user_id?: string
  /**
   * The anonymous id of the visitor, used to identify the event when there is no person id.
   */
  anonymous_id?: string
  /**
   * The id of the object type in Customer.io, an integer in a string. Defaults to "1".
   */
  object_type_id?: string
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
}
