import { buildBatchItem } from '../../src/track-api/build-item'

describe('buildBatchItem', () => {
  it('resolves identifiers, converts the root timestamp and drops empty values', () => {
    expect(
      buildBatchItem({
        type: 'person',
        action: 'event',
        person: { person_id: 'u-1', anonymous_id: 'a-1' },
        name: 'Order Completed',
        id: '',
        timestamp: '2024-08-14T20:36:48.6527521Z',
        attributes: { total: 42.5, at: '2024-08-14T20:36:48Z', gone: undefined },
        convertTimestamps: false
      })
    ).toStrictEqual({
      type: 'person',
      action: 'event',
      identifiers: { id: 'u-1' },
      name: 'Order Completed',
      timestamp: 1723667808,
      attributes: { total: 42.5, at: '2024-08-14T20:36:48Z' }
    })
  })

  it('converts nested attribute timestamps only when asked', () => {
    const item = buildBatchItem({
      type: 'person',
      action: 'identify',
      person: { person_id: 'u-1' },
      attributes: { plan: { since: '2024-08-14T20:36:48Z' } },
      convertTimestamps: true
    })
    expect(item.attributes).toStrictEqual({ plan: { since: 1723667808 } })
  })

  it('keeps a "__proto__" attribute as data when it copies the attributes', () => {
    const attributes = JSON.parse('{"__proto__": {"polluted": true}, "at": "2024-08-14T20:36:48Z", "gone": null}')
    const item = buildBatchItem({
      type: 'person',
      action: 'identify',
      person: { person_id: 'u-1' },
      attributes,
      convertTimestamps: true
    })
    expect(JSON.parse(JSON.stringify(item.attributes))).toStrictEqual(
      JSON.parse('{"__proto__": {"polluted": true}, "at": 1723667808, "gone": null}')
    )
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
    expect(attributes.at).toBe('2024-08-14T20:36:48Z')
  })

  it('sets attributeOverrides over the attributes in one copy, leaving out undefined ones and the original alone', () => {
    const traits = { email: 'old@example.com', plan: 'pro', since: '2024-08-14T20:36:48Z' }
    const item = buildBatchItem({
      type: 'person',
      action: 'identify',
      person: { person_id: 'u-1' },
      attributes: traits,
      attributeOverrides: { email: 'ana@example.com', _update: undefined },
      createdAt: '2024-08-14T20:36:48Z',
      convertTimestamps: true
    })
    expect(item.attributes).toStrictEqual({
      email: 'ana@example.com',
      plan: 'pro',
      since: 1723667808,
      created_at: 1723667808
    })
    expect(traits).toStrictEqual({ email: 'old@example.com', plan: 'pro', since: '2024-08-14T20:36:48Z' })
    const onlyUndefined = buildBatchItem({
      type: 'person',
      action: 'identify',
      person: { person_id: 'u-1' },
      attributes: traits,
      attributeOverrides: { email: undefined }
    })
    expect(onlyUndefined.attributes).toBe(traits)
  })

  it('leaves out an empty attribute map', () => {
    const item = buildBatchItem({ type: 'person', action: 'delete', person: { person_id: 'u-1' }, attributes: {} })
    expect(item).toStrictEqual({ type: 'person', action: 'delete', identifiers: { id: 'u-1' } })
  })

  it('leaves out the keys of omitAttributes, and converts createdAt (digits too) whatever convertTimestamps says', () => {
    const traits = { createdAt: '2019-02-01', created_at: '', objectTypeId: '2', plan: 'pro' }
    const item = buildBatchItem({
      type: 'person',
      action: 'identify',
      person: { person_id: 'u-1' },
      attributes: traits,
      omitAttributes: ['createdAt', 'created_at', 'objectTypeId'],
      createdAt: '1712345678.9',
      convertTimestamps: false
    })
    expect(item.attributes).toStrictEqual({ plan: 'pro', created_at: 1712345678 })
  })

  it.each([
    ['a person id', { person_id: 'u-1', anonymous_id: 'a-1' }, { id: 'u-1' }, { anonymous_id: 'a-1', total: 3 }],
    ['the anonymous id itself', { anonymous_id: 'a-1' }, { anonymous_id: 'a-1' }, { total: 3 }]
  ])(
    'with anonymousIdAttribute and %s as identifier, sets attributes.anonymous_id accordingly',
    (_n, person, ids, attrs) => {
      const item = buildBatchItem({
        type: 'person',
        action: 'event',
        person,
        name: 'Viewed',
        attributes: { anonymous_id: 'from-data', total: 3 },
        anonymousIdAttribute: true
      })
      expect(item).toStrictEqual({
        type: 'person',
        action: 'event',
        identifiers: ids,
        name: 'Viewed',
        attributes: attrs
      })
    }
  )

  it('with anonymousIdAttribute, the anonymous id as identifier and omitAttributes, leaves out both', () => {
    const item = buildBatchItem({
      type: 'person',
      action: 'event',
      person: { anonymous_id: 'a-1' },
      name: 'Viewed',
      attributes: { anonymous_id: 'from-data', plan: 'pro', total: 3 },
      omitAttributes: ['plan'],
      anonymousIdAttribute: true
    })
    expect(item.attributes).toStrictEqual({ total: 3 })
  })

  it('builds devices with last_used in unix seconds', () => {
    expect(
      buildBatchItem({
        type: 'person',
        action: 'add_device',
        person: { person_id: 'u-1' },
        device: {
          token: 't-1',
          platform: 'ios',
          last_used: '2024-08-14T20:36:48Z',
          attributes: { app_version: '3.2.1' }
        }
      }).device
    ).toStrictEqual({ token: 't-1', platform: 'ios', last_used: 1723667808, attributes: { app_version: '3.2.1' } })
  })

  it('builds relationships to objects and to people', () => {
    expect(
      buildBatchItem({
        type: 'object',
        action: 'identify',
        object: { object_id: 'acme' },
        relationships: [{ person: { person_id: 'ana@example.com' }, attributes: { role: 'admin' } }]
      })
    ).toStrictEqual({
      type: 'object',
      action: 'identify',
      identifiers: { object_type_id: '1', object_id: 'acme' },
      cio_relationships: [{ identifiers: { email: 'ana@example.com' }, relationship_attributes: { role: 'admin' } }]
    })
  })

  it('has no cio_relationships for an empty list, and no relationship_attributes for a relationship without', () => {
    const object = { object_id: 'acme' }
    expect(buildBatchItem({ type: 'object', action: 'identify', object, relationships: [] })).toStrictEqual({
      type: 'object',
      action: 'identify',
      identifiers: { object_type_id: '1', object_id: 'acme' }
    })
    expect(
      buildBatchItem({ type: 'object', action: 'identify', object, relationships: [{ person: { person_id: 'u-1' } }] })
        .cio_relationships
    ).toStrictEqual([{ identifiers: { id: 'u-1' } }])
  })

  it('names which person has no identifier: the related, the primary or the secondary one', () => {
    const object = { object_id: 'acme' }
    expect(() =>
      buildBatchItem({ type: 'object', action: 'identify', object, relationships: [{ person: { email: '' } }] })
    ).toThrow('The related person has no identifier: none of email has a value.')
    expect(() =>
      buildBatchItem({ type: 'person', action: 'merge', primary: { email: ' ' }, secondary: { person_id: 'u-2' } })
    ).toThrow('The primary person has no identifier: none of email has a value.')
    expect(() =>
      buildBatchItem({ type: 'person', action: 'merge', primary: { person_id: 'u-1' }, secondary: {} })
    ).toThrow('The secondary person has no identifier: none of person_id has a value.')
  })

  it('builds merge with primary and secondary and no identifiers', () => {
    expect(
      buildBatchItem({
        type: 'person',
        action: 'merge',
        primary: { person_id: 'u-1' },
        secondary: { person_id: 'cio_9' }
      })
    ).toStrictEqual({ type: 'person', action: 'merge', primary: { id: 'u-1' }, secondary: { cio_id: '9' } })
  })

  it('throws a clear error for an event without identifier or with a bad timestamp', () => {
    expect(() => buildBatchItem({ type: 'person', action: 'event', person: { person_id: '' }, name: 'x' })).toThrow(
      'The person has no identifier: none of person_id has a value.'
    )
    expect(() =>
      buildBatchItem({ type: 'person', action: 'event', person: { person_id: 'u' }, name: 'x', timestamp: 'soon' })
    ).toThrow('The timestamp "soon" is not a date or unix seconds, so Customer.io cannot read it.')
  })
})
