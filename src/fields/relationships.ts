import type { InputField } from '@segment/actions-core'

/** Attributes of a person–object relationship, sent as the relationship's `relationship_attributes`. */
export const relationship_attributes: InputField = {
  label: 'Relationship attributes',
  description: 'Attributes of the relationship between the person and the object.',
  type: 'object',
  default: { '@path': '$.traits.relationshipAttributes' }
}
