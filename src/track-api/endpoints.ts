import type { Region, TrackApiHosts } from './types'
import {
  CUSTOMERIO_CUSTOMERS_API_VERSION,
  CUSTOMERIO_METRICS_API_VERSION,
  CUSTOMERIO_TRACK_API_VERSION
} from '../versioning-info'

/** The values of the `accountRegion` setting, as Segment's catalog spells them. */
export const AccountRegion = {
  US: 'US 🇺🇸',
  EU: 'EU 🇪🇺'
} as const

export const CUSTOMERIO_TRACK_HOSTS: TrackApiHosts = {
  US: 'https://track.customer.io',
  EU: 'https://track-eu.customer.io'
}

/** The EU value selects the EU host; anything else (the default included) the US host. */
export function regionOf(accountRegion: string | undefined): Region {
  return accountRegion === AccountRegion.EU ? 'EU' : 'US'
}

export function trackApiHost(accountRegion: string | undefined, hosts: TrackApiHosts = CUSTOMERIO_TRACK_HOSTS): string {
  return hosts[regionOf(accountRegion)]
}

export function entityUrl(host: string): string {
  return `${host}/api/${CUSTOMERIO_TRACK_API_VERSION}/entity`
}

export function batchUrl(host: string): string {
  return `${host}/api/${CUSTOMERIO_TRACK_API_VERSION}/batch`
}

export function metricsUrl(host: string): string {
  return `${host}/api/${CUSTOMERIO_METRICS_API_VERSION}/metrics`
}

/** DELETE target for a person; the identifier is URL-encoded (a `cio_` prefix keeps its meaning). */
export function customerUrl(host: string, identifier: string): string {
  return `${host}/api/${CUSTOMERIO_CUSTOMERS_API_VERSION}/customers/${encodeURIComponent(identifier)}`
}

/** Checks the credentials and answers the account's region; it works on both regional hosts. */
export function accountRegionUrl(host: string): string {
  return `${host}/api/${CUSTOMERIO_CUSTOMERS_API_VERSION}/accounts/region`
}
