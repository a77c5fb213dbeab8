// Generated file. DO NOT MODIFY IT BY HAND.

export interface Payload {
  /**
   * The id of the person in Customer.io: a user id, an email address, or a Customer.io id written `cio_<id>`.
   */
  person_id: string
  /**
   * The push token of the mobile device, which Customer.io uses as the id of the device.
   */
  device_id: string
  /**
   * The version of the app on the device, stored as the device attribute `app_version`.
   */
  app_version?: string
  /**
   * The platform of the device: `ios` or `android`, in any case (`iOS` is sent as `ios`).
   */
  platform: string
  /**
   * When the device was last used, sent as integer unix seconds; left out when it is not an ISO-8601 date or unix seconds, so Customer.io uses the time of the request.
   */
  last_used?: string
  /**
   * Attributes to store on the device, such as `device_os`, `device_model` or `push_enabled`; every value is sent as a string.
   */
  attributes?: {
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
}
