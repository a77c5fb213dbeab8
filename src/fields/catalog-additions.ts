// The fields this package adds to Segment's catalog of the Customer.io destination, by action. Each is a boolean whose
// default (false) sends exactly what the catalog's fields alone send, so a mapping written for Segment's published
// destination, or a preset, behaves the same here. The contract test allows these and nothing else.
import type { InputField } from '@segment/actions-core'

/** createUpdatePerson: `attributes._update: true`, so Customer.io updates existing people only. */
export const update_only: InputField = {
  label: 'Update existing people only',
  description:
    'Only update people who already exist: when no person matches the identifier, Customer.io does nothing instead of creating one (the item carries `attributes._update: true`).',
  type: 'boolean',
  default: false
}

/** trackEvent, trackPageView, trackScreenView: a ULID derived from the event as its `id` (see track-api/ulid.ts). */
export const ulid_event_id: InputField = {
  label: 'Send the event ID as a ULID',
  description:
    'Send as the event id a ULID made from the event alone (its timestamp and its Event ID), the same on every retry, so that Customer.io drops the duplicates a retried batch sends. An Event ID that is already a ULID is sent unchanged. Off, the Event ID is sent as mapped.',
  type: 'boolean',
  default: false
}

/** Every addition, by action and field key, with the default that keeps the catalog's behaviour. */
export const CATALOG_ADDITIONS: Readonly<Record<string, Readonly<Record<string, false>>>> = {
  createUpdatePerson: { update_only: false },
  trackEvent: { ulid_event_id: false },
  trackPageView: { ulid_event_id: false },
  trackScreenView: { ulid_event_id: false }
}
