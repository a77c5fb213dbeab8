// Wire types of Customer.io's Track API (v2 /entity and /batch, v1 /metrics), in the API's own words.
// spec/customerio-track-openapi.json is the authority on their shapes.

/** A free-form attribute map, as the API accepts on people, objects, events and devices. */
export type Attributes = { [key: string]: unknown }

export type ItemType = 'person' | 'object' | 'delivery'

export type PersonAction =
  | 'identify'
  | 'delete'
  | 'event'
  | 'page'
  | 'screen'
  | 'add_relationships'
  | 'delete_relationships'
  | 'add_device'
  | 'delete_device'
  | 'merge'
  | 'suppress'
  | 'unsuppress'
  | 'viewed_content'
  | 'clicked_content'

export type ObjectAction = 'identify' | 'identify_anonymous' | 'delete' | 'add_relationships' | 'delete_relationships'

export type ItemAction = PersonAction | ObjectAction

/** Exactly one person identifier. `cio_id` is sent without its `cio_` prefix. */
export type PersonIdentifiers = { id: string } | { email: string } | { cio_id: string } | { anonymous_id: string }

/** An object identifier: `object_type_id` is a string holding an integer, starting at "1". */
export interface ObjectIdentifiers {
  object_type_id: string
  object_id: string
}

export type Identifiers = PersonIdentifiers | ObjectIdentifiers

export interface Relationship {
  identifiers: Identifiers
  relationship_attributes?: Attributes
}

export type DevicePlatform = 'ios' | 'android'

export interface Device {
  token: string
  /** Required on add_device; delete_device names the device by its token alone. */
  platform?: DevicePlatform
  /** Integer unix seconds. */
  last_used?: number
  /** Every value a string. */
  attributes?: Record<string, string>
}

/** One operation: the body of POST /api/v2/entity, or one element of POST /api/v2/batch. */
export interface BatchItem {
  type: ItemType
  action: ItemAction
  identifiers?: Identifiers
  /** merge only: the person that stays, and the one merged into it (and deleted). */
  primary?: PersonIdentifiers
  secondary?: PersonIdentifiers
  name?: string
  id?: string
  /** Integer unix seconds. */
  timestamp?: number
  attributes?: Attributes
  device?: Device
  cio_relationships?: Relationship[]
}

export interface BatchRequestBody {
  batch: BatchItem[]
}

/** One entry of `errors` in a 207 (or 400) answer. The schema marks no field required. */
export interface TrackApiError {
  batch_index?: number
  reason?: string
  field?: string
  message?: string
}

/** The body of a 200 or 207 answer to /api/v2/batch: `{}` when every item was accepted. */
export interface CustomerIOBatchResponse {
  errors?: TrackApiError[]
}

/** The body of POST /api/v1/metrics. */
export interface MetricsRequestBody {
  delivery_id: string
  metric: string
  timestamp: number
  recipient?: string
  reason?: string
  href?: string
  metadata?: { action_name?: string; action_value?: string }
}

export type Region = 'US' | 'EU'

/** The Track API origin of each region (scheme and host, no trailing slash). */
export type TrackApiHosts = Record<Region, string>
