// Generated file. DO NOT MODIFY IT BY HAND.

export interface Payload {
  /**
   * The id of the person: a user id, an email address, or a Customer.io id written `cio_<id>`. Falls back to the email trait.
   */
  id?: string
  /**
   * The anonymous id of the visitor, used to identify the event when there is no person id.
   */
  anonymous_id?: string
  /**
   * The person's email address, stored as the `email` attribute.
   */
  email?: string
  /**
   * When the person or object was created: unix seconds or an ISO-8601 date, sent as integer unix seconds.
   */
  created_at?: string
  /**
   * The id of an object (for example a company) to relate the person to.
   */
  group_id?: string
  /**
   * Attributes to set on the person.
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
   * When the event happened, sent as integer unix seconds: ISO-8601 dates, other dates and unix seconds (a fraction is dropped). An event whose timestamp reads as no date fails.
   */
  timestamp?: string
  /**
   * Convert ISO-8601 dates and date-times anywhere in the attributes to unix seconds, as Customer.io stores dates.
   */
  convert_timestamp?: boolean
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
  /**
   * Only update people who already exist: when no person matches the identifier, Customer.io does nothing instead of creating one (the item carries `attributes._update: true`).
   */
  update_only?: boolean
}
