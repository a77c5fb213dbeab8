import type { ActionDefinition } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import type { Payload } from './generated-types'
import { anonymous_id, object_type_id_from_traits } from '../fields/identifiers'
import { relationship_attributes } from '../fields/relationships'
import { convert_timestamp, created_at } from '../fields/timestamps'
import { batch_size, enable_batching } from '../fields/batching'
import type { ItemSpec } from '../track-api/build-item'
import { hasIdentifier } from '../track-api/identifiers'
import { sendBatch, sendSingle } from '../track-api/send'

/** Segment's own traits, which never become the object's attributes (as in Segment's published destination). */
export const OBJECT_SEGMENT_TRAITS = ['object_type_id', 'objectTypeId', 'relationshipAttributes'] as const

/**
 * object / identify, related to the person of user_id; object / identify_anonymous, related to the visitor of
 * anonymous_id, when there is no user id. Both kinds can share one /batch request.
 */
export function toObjectItem(payload: Payload): ItemSpec {
  const userId = hasIdentifier(payload.user_id)
  const anonymousId = hasIdentifier(payload.anonymous_id)
  const person = userId ? { person_id: payload.user_id } : { anonymous_id: payload.anonymous_id }
  return {
    type: 'object',
    action: userId || !anonymousId ? 'identify' : 'identify_anonymous',
    object: { object_id: payload.id, object_type_id: payload.object_type_id },
    attributes: payload.custom_attributes,
    omitAttributes: OBJECT_SEGMENT_TRAITS,
    createdAt: payload.created_at,
    relationships: userId || anonymousId ? [{ person, attributes: payload.relationship_attributes }] : undefined,
    convertTimestamps: payload.convert_timestamp
  }
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Create or Update Object',
  description: 'Create an object (a company, an account, …) or update its attributes, and relate a person to it.',
  defaultSubscription: 'type = "group"',
  fields: {
    id: {
      label: 'Object ID',
      description: 'The id of the object in Customer.io.',
      type: 'string',
      required: true,
      default: { '@path': '$.groupId' }
    },
    created_at,
    custom_attributes: {
      label: 'Object attributes',
      description:
        'Attributes to set on the object; attributes it already has and that are not named stay as they are.',
      type: 'object',
      default: { '@path': '$.traits.objectAttributes' }
    },
    relationship_attributes,
    user_id: {
      label: 'Person ID',
      description: 'The id of the person to relate to the object: a user id, an email address or `cio_<id>`.',
      type: 'string',
      default: { '@path': '$.userId' }
    },
    anonymous_id,
    object_type_id: object_type_id_from_traits,
    convert_timestamp,
    enable_batching,
    batch_size
  },
  perform: (request, data) => sendSingle(request, data, toObjectItem),
  performBatch: (request, data) => sendBatch(request, data, toObjectItem)
}

export default action
