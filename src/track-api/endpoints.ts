import type { TrackApiHosts } from './types'
import { regionOf } from './settings'
import {
  CUSTOMERIO_CUSTOMERS_API_VERSION,
  CUSTOMERIO_METRICS_API_VERSION,
  CUSTOMERIO_TRACK_API_VERSION
} from '../versioning-info'

export { AccountRegion, regionOf } from './settings'

export const CUSTOMERIO_TRACK_HOSTS: TrackApiHosts = {
  US: 'https://track.customer.io',
  EU: 'https://track-eu.customer.io'
}

/** The host of the region the setting names (US when it is left out); an unknown region throws, never guesses. */
export function trackApiHost(accountRegion: unknown, hosts: TrackApiHosts = CUSTOMERIO_TRACK_HOSTS): string {
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
