import { createTestEvent, createTestIntegration } from '@segment/actions-core'
import type { SegmentEvent } from '@segment/actions-core'
import { createDestination } from '../../src'
import type { Settings } from '../../src/generated-types'

/** Credentials that must never appear in an outcome, an error or a log line. */
export const SITE_ID = 'site-7f3a91c2'
export const API_KEY = 'key-5c2e88d1b4'
/** What Basic auth puts on the wire for them. */
export const AUTH_HEADER = `Basic ${Buffer.from(`${SITE_ID}:${API_KEY}`).toString('base64')}`

export interface RegionCase {
  region: string
  host: string
  settings: Settings
}

export const REGIONS: RegionCase[] = [
  {
    region: 'US',
    host: 'https://track.customer.io',
    settings: { siteId: SITE_ID, apiKey: API_KEY, accountRegion: 'US 🇺🇸' }
  },
  {
    region: 'EU',
    host: 'https://track-eu.customer.io',
    settings: { siteId: SITE_ID, apiKey: API_KEY, accountRegion: 'EU 🇪🇺' }
  }
]

export const US = REGIONS[0]

export function newTestDestination() {
  return createTestIntegration(createDestination())
}

/** A Segment event with a fixed time and message id, so bodies can be asserted exactly. */
export function fixedEvent(partial: Partial<SegmentEvent>): SegmentEvent {
  return createTestEvent({
    timestamp: '2024-08-14T20:36:48.6527521Z',
    messageId: 'msg-0001',
    ...partial
  })
}

/** Every string of a value, deeply: used to prove that no credential leaks into an outcome. */
export function textOf(value: unknown): string {
  const seen = new WeakSet<object>()
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner === 'object' && inner !== null) {
      if (seen.has(inner)) return '[circular]'
      seen.add(inner)
    }
    if (inner instanceof Error) return { name: inner.name, message: inner.message, stack: inner.stack }
    return inner
  })
}
