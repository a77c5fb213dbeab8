import type { ObjectIdentifiers, PersonIdentifiers } from './types'

/** The fields an action may map onto a person: a person id, an email address and an anonymous id. */
export interface PersonIdentifierFields {
  person_id?: string
  email?: string
  anonymous_id?: string
}

/** Thrown when an event carries nothing Customer.io can identify it by; the event fails alone. */
export class MissingIdentifierError extends Error {
  override name = 'MissingIdentifierError'
}

const CIO_ID_PREFIX = 'cio_'
const DEFAULT_OBJECT_TYPE_ID = '1'

/** The shape an address must have to be sent as `email` (the HTML5 / ajv-formats "email" shape). */
const EMAIL_SHAPE =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i

export function isEmailShaped(value: string): boolean {
  return EMAIL_SHAPE.test(value)
}

/**
 * Exactly one person identifier, first match wins: a `cio_`-prefixed person id → `cio_id` (prefix removed); an
 * email-shaped person id → `email`; any other person id → `id`; then `email`; then `anonymous_id`.
 */
export function resolvePersonIdentifiers(fields: PersonIdentifierFields): PersonIdentifiers | undefined {
  const personId = present(fields.person_id)
  if (personId !== undefined) {
    if (personId.startsWith(CIO_ID_PREFIX) && personId.length > CIO_ID_PREFIX.length) {
      return { cio_id: personId.slice(CIO_ID_PREFIX.length) }
    }
    return isEmailShaped(personId) ? { email: personId } : { id: personId }
  }
  const email = present(fields.email)
  if (email !== undefined) return { email }
  const anonymousId = present(fields.anonymous_id)
  if (anonymousId !== undefined) return { anonymous_id: anonymousId }
  return undefined
}

/** Like resolvePersonIdentifiers, but an event without any identifier is an error naming what was looked for. */
export function requirePersonIdentifiers(fields: PersonIdentifierFields, what = 'person'): PersonIdentifiers {
  const identifiers = resolvePersonIdentifiers(fields)
  if (!identifiers) {
    const looked = Object.keys(fields).join(', ') || 'person_id'
    throw new MissingIdentifierError(`The ${what} has no identifier: none of ${looked} has a value.`)
  }
  return identifiers
}

/** `{object_type_id, object_id}`, with the type defaulting to "1". */
export function resolveObjectIdentifiers(objectId: string | undefined, objectTypeId?: string): ObjectIdentifiers {
  const id = present(objectId)
  if (id === undefined) throw new MissingIdentifierError('The object has no identifier: object_id has no value.')
  return { object_type_id: present(objectTypeId) ?? DEFAULT_OBJECT_TYPE_ID, object_id: id }
}

/** Whether a mapped identifier has a value: a blank one counts as none, as it does for the item's identifiers. */
export function hasIdentifier(value: string | undefined): value is string {
  return present(value) !== undefined
}

/** The value itself when it holds more than white space; identifiers are sent exactly as mapped. */
function present(value: string | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}
