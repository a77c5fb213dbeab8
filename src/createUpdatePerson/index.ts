import type { ActionDefinition } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import type { Payload } from './generated-types'
import { anonymous_id, object_type_id_from_traits } from '../fields/identifiers'
import { convert_timestamp, created_at, timestamp } from '../fields/timestamps'
import { relationship_attributes } from '../fields/relationships'
import { batch_size, enable_batching } from '../fields/batching'
import { update_only } from '../fields/catalog-additions'
import type { ItemSpec } from '../track-api/build-item'
import { hasIdentifier } from '../track-api/identifiers'
import { sendBatch, sendSingle } from '../track-api/send'

/**
 * Segment's own traits, which Segment's published destination removes from the person's attributes: created_at is
 * set from its own field, the object's type and the relationship's attributes go only into `cio_relationships`.
 */
export const PERSON_SEGMENT_TRAITS = [
  'createdAt',
  'created_at',
  'object_type_id',
  'objectTypeId',
  'relationshipAttributes'
] as const

/**
 * person / identify: the traits as attributes (without PERSON_SEGMENT_TRAITS), with email and created_at when they
 * have a value, and the anonymous id (which links the visitor's earlier activity) unless it is the identifier; a
 * group id relates the person to that object. With update_only, `attributes._update: true`.
 */
export function toPersonItem(payload: Payload): ItemSpec {
  return {
    type: 'person',
    action: 'identify',
    person: { person_id: payload.id, email: payload.email, anonymous_id: payload.anonymous_id },
    timestamp: payload.timestamp,
    attributes: payload.custom_attributes,
    omitAttributes: PERSON_SEGMENT_TRAITS,
    createdAt: payload.created_at,
    // _update: Customer.io updates the person only when they exist, and creates no one.
    attributeOverrides: { email: payload.email || undefined, _update: payload.update_only === true || undefined },
    anonymousIdAttribute: true,
    relationships: hasIdentifier(payload.group_id)
      ? [
          {
            object: { object_id: payload.group_id, object_type_id: payload.object_type_id },
            attributes: payload.relationship_attributes
          }
        ]
      : undefined,
    convertTimestamps: payload.convert_timestamp
  }
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Create or Update Person',
  description: 'Create a person in Customer.io or update their attributes, and optionally relate them to an object.',
  defaultSubscription: 'type = "identify"',
  fields: {
    id: {
      label: 'Person ID',
      description:
        'The id of the person: a user id, an email address, or a Customer.io id written `cio_<id>`. Falls back to the email trait.',
      type: 'string',
      default: {
        '@if': { exists: { '@path': '$.userId' }, then: { '@path': '$.userId' }, else: { '@path': '$.traits.email' } }
      }
    },
    anonymous_id,
    email: {
      label: 'Email address',
      description: "The person's email address, stored as the `email` attribute.",
      type: 'string',
      default: { '@template': '{{traits.email}}' }
    },
    created_at,
    group_id: {
      label: 'Object ID',
      description: 'The id of an object (for example a company) to relate the person to.',
      type: 'string',
      default: { '@path': '$.traits.objectId' }
    },
    custom_attributes: {
      label: 'Person attributes',
      description: 'Attributes to set on the person.',
      type: 'object',
      default: { '@path': '$.traits' }
    },
    relationship_attributes,
    timestamp,
    convert_timestamp,
    object_type_id: object_type_id_from_traits,
    enable_batching,
    batch_size,
    update_only
  },
  perform: (request, data) => sendSingle(request, data, toPersonItem),
  performBatch: (request, data) => sendBatch(request, data, toPersonItem)
}

export default action
