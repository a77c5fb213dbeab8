// The floor: what any Segment destination for this API must cost at least. Same name, settings, authentication and
// fields as the real destination (so actions-core maps and validates exactly the same payloads), but its
// performBatch posts the mapped payloads unchanged and returns nothing: no identifiers, no timestamps, no size
// checks, no response parsing. actions-core serializes the body (`json`) and reads the answer for both.
import type { ActionDefinition, DestinationDefinition } from '@segment/actions-core'
import type { Settings } from '../src/generated-types'
import { REQUEST_TIMEOUT_MS } from '../src/track-api/transport'

/**
 * The real destination's request options that are not per-event work: the same timeout, and the answer read without
 * cloning it. Leaving them out would make the floor clone every answer, which the real destination does not, and
 * so would flatter the ratio.
 */
const SAME_TRANSPORT = { timeout: REQUEST_TIMEOUT_MS, skipResponseCloning: true }

export function floorDefinition(
  real: DestinationDefinition<Settings>,
  origin: string
): DestinationDefinition<Settings> {
  const url = `${origin}/api/v2/batch`
  const actions: DestinationDefinition<Settings>['actions'] = {}
  for (const [key, action] of Object.entries(real.actions)) {
    const floor: ActionDefinition<Settings> = {
      title: action.title,
      description: action.description,
      defaultSubscription: action.defaultSubscription,
      fields: action.fields,
      perform: (request, { payload }) =>
        request(url, { method: 'post', json: { batch: [payload] }, ...SAME_TRANSPORT }),
      performBatch: async (request, { payload }) => {
        await request(url, { method: 'post', json: { batch: payload }, ...SAME_TRANSPORT })
      }
    }
    actions[key] = floor
  }
  return {
    name: real.name,
    slug: real.slug,
    mode: real.mode,
    description: real.description,
    authentication: real.authentication,
    extendRequest: real.extendRequest,
    actions
  }
}
