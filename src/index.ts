import { PayloadValidationError } from '@segment/actions-core'
import type { DestinationDefinition, RequestClient, StatsContext } from '@segment/actions-core'
import type { Settings } from './generated-types'
import { withActionTag } from './track-api/delivery-stats'
import { AccountRegion, accountRegionUrl, customerUrl, trackApiHost } from './track-api/endpoints'
import { regionMismatchMessage } from './track-api/account-region'
import {
  checkSettings,
  credentialsAreOptional,
  hasCredentials,
  InvalidSettingsError,
  regionOf
} from './track-api/settings'
import { REQUEST_TIMEOUT_MS, withTimeout, withHosts } from './track-api/transport'
import type { TrackApiHosts } from './track-api/types'
import { presets } from './presets'
import createUpdateDevice from './createUpdateDevice'
import createUpdateObject from './createUpdateObject'
import createUpdatePerson from './createUpdatePerson'
import deleteDevice from './deleteDevice'
import deleteObject from './deleteObject'
import deletePerson from './deletePerson'
import deleteRelationship from './deleteRelationship'
import mergePeople from './mergePeople'
import reportContentEvent from './reportContentEvent'
import reportDeliveryEvent from './reportDeliveryEvent'
import suppressPerson from './suppressPerson'
import trackEvent from './trackEvent'
import trackPageView from './trackPageView'
import trackScreenView from './trackScreenView'
import unsuppressPerson from './unsuppressPerson'

export interface DestinationOptions {
  /**
   * Where the Track API requests go, per region. Left out, they go to Customer.io. Used by the local server and the
   * tests to point the destination at the simulator; no workspace setting can change it.
   */
  hosts?: TrackApiHosts
  /** The timeout of every Track API call in milliseconds (default 10,000), for the answer and for its body. */
  requestTimeoutMs?: number
}

/** The destination's actions, by slug. */
const ACTIONS: Actions = {
  createUpdateDevice,
  deleteDevice,
  deleteRelationship,
  deletePerson,
  deleteObject,
  createUpdatePerson,
  trackEvent,
  trackPageView,
  trackScreenView,
  createUpdateObject,
  mergePeople,
  suppressPerson,
  unsuppressPerson,
  reportDeliveryEvent,
  reportContentEvent
}

export function createDestination(options: DestinationOptions = {}): DestinationDefinition<Settings> {
  const { hosts, requestTimeoutMs = REQUEST_TIMEOUT_MS } = options
  /** Every call checks the settings first (a wrong one is refused, never sent to a guessed host), then gets the timeout
   * and, when asked, other hosts. */
  const transport = (request: RequestClient, settings: Settings, credentialsOptional = false): RequestClient => {
    checkSettings(settings, credentialsOptional)
    return withTimeout(hosts ? withHosts(request, hosts) : request, requestTimeoutMs)
  }
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
      testAuthentication: async (request, { settings }) => {
        const url = accountRegionUrl(trackApiHost(settings.accountRegion))
        const response = await transport(request, settings)(url, { method: 'get' })
        const mismatch = regionMismatchMessage(response.data ?? response.content, regionOf(settings.accountRegion))
        if (mismatch !== undefined) throw new InvalidSettingsError(mismatch)
      }
    },
    // Without both credentials no Authorization is sent: only the metrics call, which needs none, gets that far.
    extendRequest: ({ settings }) =>
      hasCredentials(settings) ? { username: settings.siteId, password: settings.apiKey } : {},
    onDelete: (request, { settings, payload }) =>
      transport(request, settings)(customerUrl(trackApiHost(settings.accountRegion), deletedUserId(payload.userId)), {
        method: 'delete'
      }),
    actions: mapActions(ACTIONS, transport),
    presets
  }
}

/**
 * The user id a deletion names. Without one nothing is sent: `String(undefined)` would delete a person whose id is
 * "undefined" (Segment's published destination sends DELETE …/customers/undefined).
 */
function deletedUserId(userId: unknown): string {
  if (typeof userId === 'string' && userId.trim() !== '') return userId
  if (typeof userId === 'number' && Number.isFinite(userId)) return String(userId)
  throw new PayloadValidationError('The deletion names no user id, so there is no person to delete: nothing was sent.')
}

type Actions = DestinationDefinition<Settings>['actions']

/** The same actions, each given the request client that the transport decorates. */
function mapActions(
  actions: Actions,
  transport: (request: RequestClient, settings: Settings, credentialsOptional: boolean) => RequestClient
): Actions {
  const mapped: Actions = {}
  for (const [key, action] of Object.entries(actions)) {
    const { perform, performBatch } = action
    const optional = credentialsAreOptional(key)
    mapped[key] = {
      ...action,
      perform: (request, data) => perform(transport(request, data.settings, optional), withAction(data, key)),
      performBatch:
        performBatch &&
        ((request, data) => performBatch(transport(request, data.settings, optional), withAction(data, key)))
    }
  }
  return mapped
}

/** The call's input, its metrics tagged with `action:<slug>`. */
function withAction<Data extends { statsContext?: StatsContext }>(data: Data, slug: string): Data {
  return data.statsContext ? { ...data, statsContext: withActionTag(data.statsContext, slug) } : data
}

/** The destination as Segment runs it: every request goes to Customer.io. */
const destination = createDestination()

export default destination
