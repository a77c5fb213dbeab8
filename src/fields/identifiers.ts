import type { InputField } from '@segment/actions-core'

// Who or what an event is about. A person id that starts with `cio_` is sent as a cio_id, one shaped like an email
// address as an email; see track-api/identifiers.ts.

/** The person id of the event actions (track, page, screen): optional, since anonymous events have none. */
export const id: InputField = {
  label: 'Person ID',
  description:
    'The id of the person in Customer.io: a user id, an email address, or a Customer.io id written `cio_<id>`.',
  type: 'string',
  default: { '@path': '$.userId' }
}

/** The person id of actions that need one. */
export const person_id: InputField = {
  label: 'Person ID',
  description:
    'The id of the person in Customer.io: a user id, an email address, or a Customer.io id written `cio_<id>`.',
  type: 'string',
  required: true,
  default: { '@path': '$.userId' }
}

export const anonymous_id: InputField = {
  label: 'Anonymous ID',
  description: 'The anonymous id of the visitor, used to identify the event when there is no person id.',
  type: 'string',
  default: { '@path': '$.anonymousId' }
}

/** The type of an object, read from the event's traits (group and identify calls). */
export const object_type_id_from_traits: InputField = {
  label: 'Object type ID',
  description: 'The id of the object type in Customer.io, an integer in a string. Defaults to "1".',
  type: 'string',
  default: {
    '@if': {
      exists: { '@path': '$.traits.object_type_id' },
      then: { '@path': '$.traits.object_type_id' },
      else: { '@path': '$.traits.objectTypeId' }
    }
  }
}

/** The type of an object, read from the event's properties (track calls). */
export const object_type_id_from_properties: InputField = {
  ...object_type_id_from_traits,
  default: {
    '@if': {
      exists: { '@path': '$.properties.object_type_id' },
      then: { '@path': '$.properties.object_type_id' },
      else: { '@path': '$.properties.objectTypeId' }
    }
  }
}

export const object_id: InputField = {
  label: 'Object ID',
  description: 'The id of the object (for example a company or an account) in Customer.io.',
  type: 'string',
  default: { '@path': '$.properties.objectId' }
}
