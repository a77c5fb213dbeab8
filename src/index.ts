import type { DestinationDefinition, RequestClient } from '@segment/actions-core'
import type { Settings } from './generated-types'
import {
  AccountRegion,
  CUSTOMERIO_TRACK_HOSTS,
  accountRegionUrl,
  customerUrl,
  trackApiHost
} from './track-api/endpoints'
import type { TrackApiHosts } from './track-api/types'
import trackEvent from './trackEvent'
import createUpdatePerson from './createUpdatePerson'

export interface DestinationOptions {
  /**
   * Where the Track API requests go, per region. Left out, they go to Customer.io. Used by the local server and the
   * tests to point the destination at the simulator; no workspace setting can change it.
   */
  hosts?: TrackApiHosts
  /** A request timeout in milliseconds for every Track API call, in place of the default. */
  requestTimeoutMs?: number
}

export function createDestination(options: DestinationOptions = {}): DestinationDefinition<Settings> {
  const actions: Actions = { trackEvent, createUpdatePerson }
  const redirect = (request: RequestClient) => redirectRequests(request, options)
  return {
    name: 'Actions Customerio',
    slug: 'actions-customerio',
    mode: 'cloud',
    description: 'Send people, events, devices and objects to Customer.io through its Track API.',
    authentication: {
      scheme: 'basic',
      fields: {
        siteId: {
          label: 'Site ID',
          description: 'Your Customer.io Site ID, from Settings → Workspace Settings → API Credentials.',
          type: 'password',
          required: true
        },
        apiKey: {
          label: 'API Key',
          description: 'The Track API key that belongs to that Site ID.',
          type: 'password',
          required: true
        },
        accountRegion: {
          label: 'Account region',
          description: 'The region your Customer.io account lives in; it chooses the Track API host.',
          type: 'string',
          choices: Object.values(AccountRegion).map((region) => ({ label: region, value: region })),
          default: AccountRegion.US
        }
      },
      testAuthentication: (request, { settings }) =>
        redirect(request)(accountRegionUrl(trackApiHost(settings.accountRegion)), { method: 'get' })
    },
    extendRequest: ({ settings }) => ({ username: settings.siteId, password: settings.apiKey }),
    onDelete: (request, { settings, payload }) =>
      redirect(request)(customerUrl(trackApiHost(settings.accountRegion), String(payload.userId)), {
        method: 'delete'
      }),
    actions: options.hosts || options.requestTimeoutMs ? mapActions(actions, redirect) : actions
  }
}

type Actions = DestinationDefinition<Settings>['actions']

/** The same actions, each given a request client that sends to the chosen hosts. */
function mapActions(actions: Actions, redirect: (request: RequestClient) => RequestClient): Actions {
  const mapped: Actions = {}
  for (const [key, action] of Object.entries(actions)) {
    const { perform, performBatch } = action
    mapped[key] = {
      ...action,
      perform: (request, data) => perform(redirect(request), data),
      performBatch: performBatch && ((request, data) => performBatch(redirect(request), data))
    }
  }
  return mapped
}

/** Rewrites Customer.io's origins to the chosen hosts, and sets the chosen timeout; the rest of a call is untouched. */
function redirectRequests(request: RequestClient, options: DestinationOptions): RequestClient {
  const { hosts, requestTimeoutMs } = options
  if (!hosts && !requestTimeoutMs) return request
  return (url, init) => {
    let target = url
    for (const region of ['US', 'EU'] as const) {
      const origin = CUSTOMERIO_TRACK_HOSTS[region]
      if (hosts && target.startsWith(`${origin}/`)) target = hosts[region] + target.slice(origin.length)
    }
    return request(target, requestTimeoutMs ? { ...init, timeout: requestTimeoutMs } : init)
  }
}

/** The destination as Segment runs it: every request goes to Customer.io. */
const destination = createDestination()

export default destination
