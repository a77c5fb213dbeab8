import {
  MissingIdentifierError,
  resolveObjectIdentifiers,
  resolvePersonIdentifiers,
  requirePersonIdentifiers
} from '../../src/track-api/identifiers'

describe('resolvePersonIdentifiers', () => {
  it.each([
    [
      'a cio_ prefix → cio_id without the prefix',
      { person_id: 'cio_a3000001', email: 'x@y.io' },
      { cio_id: 'a3000001' }
    ],
    ['an email-shaped person id → email', { person_id: 'ana@example.com' }, { email: 'ana@example.com' }],
    [
      'any other person id → id',
      { person_id: 'u-123', email: 'ana@example.com', anonymous_id: 'a-1' },
      { id: 'u-123' }
    ],
    ['no person id → email', { email: 'ana@example.com', anonymous_id: 'a-1' }, { email: 'ana@example.com' }],
    ['no person id nor email → anonymous_id', { anonymous_id: 'a-1' }, { anonymous_id: 'a-1' }],
    ['blank values are skipped', { person_id: '  ', email: '', anonymous_id: 'a-1' }, { anonymous_id: 'a-1' }],
    ['"cio_" alone is an id', { person_id: 'cio_' }, { id: 'cio_' }],
    ['nothing → undefined', {}, undefined]
  ])('%s', (_name, fields, expected) => {
    expect(resolvePersonIdentifiers(fields)).toEqual(expected)
  })

  // The email shape is ajv-formats' "email" format: these pin its edges.
  it.each([
    'ana.maria@example.com',
    'ana@mail.example.com',
    'ana@my-shop.example',
    'ana@x.example.io',
    'ana@example.x',
    'ana@example.travel'
  ])('an email-shaped person id %j → email', (personId) => {
    expect(resolvePersonIdentifiers({ person_id: personId })).toEqual({ email: personId })
  })

  it.each(['ana maria@example.com', 'ana@example.com>', 'ana@exa_mple.com', 'ana@-example.com', 'ana.@example.com'])(
    'a person id %j that is not email-shaped → id',
    (personId) => {
      expect(resolvePersonIdentifiers({ person_id: personId })).toEqual({ id: personId })
    }
  )

  it('names the fields it looked at when there is no identifier', () => {
    expect(() => requirePersonIdentifiers({ person_id: undefined, anonymous_id: '' })).toThrow(
      'The person has no identifier: none of person_id, anonymous_id has a value.'
    )
  })
  it('throws a MissingIdentifierError, naming person_id when no field was given', () => {
    const resolve = () => requirePersonIdentifiers({}, 'merged person')
    expect(resolve).toThrow(MissingIdentifierError)
    expect(resolve).toThrow(
      expect.objectContaining({
        name: 'MissingIdentifierError',
        message: 'The merged person has no identifier: none of person_id has a value.'
      })
    )
  })
})

describe('resolveObjectIdentifiers', () => {
  it('defaults the object type to "1"', () => {
    expect(resolveObjectIdentifiers('acme')).toEqual({ object_type_id: '1', object_id: 'acme' })
    expect(resolveObjectIdentifiers('acme', '')).toEqual({ object_type_id: '1', object_id: 'acme' })
    expect(resolveObjectIdentifiers('acme', '3')).toEqual({ object_type_id: '3', object_id: 'acme' })
  })

  it('needs an object id', () => {
    expect(() => resolveObjectIdentifiers(undefined)).toThrow('The object has no identifier: object_id has no value.')
  })
})
