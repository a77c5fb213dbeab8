import nock from 'nock'
import type { JSONObject } from '@segment/actions-core'
import { fixedEvent, US, newTestDestination } from '../__helpers__/destination'
import { describeItemsForEachPath, mappingFor } from '../__helpers__/runner'
import type { ItemCase } from '../__helpers__/runner'

describeItemsForEachPath('createUpdatePerson', [
  {
    name: 'traits become attributes, with email, created_at (not createdAt) and the anonymous id',
    event: fixedEvent({
      type: 'identify',
      userId: 'u-123',
      anonymousId: 'a-9f2',
      traits: { email: 'ana@example.com', plan: 'pro', createdAt: '2023-11-14T22:13:20.000Z', seats: 5 }
    }),
    expected: {
      type: 'person',
      action: 'identify',
      identifiers: { id: 'u-123' },
      timestamp: 1723667808,
      attributes: {
        email: 'ana@example.com',
        plan: 'pro',
        created_at: 1700000000,
        seats: 5,
        anonymous_id: 'a-9f2'
      }
    }
  },
  {
    name: 'a blank group id counts as none: the person is identified without a relationship, not refused',
    event: fixedEvent({ type: 'identify', userId: 'u-123', anonymousId: null, traits: { objectId: '  ' } }),
    expected: {
      type: 'person',
      action: 'identify',
      identifiers: { id: 'u-123' },
      timestamp: 1723667808,
      attributes: { objectId: '  ' }
    }
  },
  {
    name: 'no user id: the email trait identifies the person',
    event: fixedEvent({ type: 'identify', userId: null, anonymousId: 'a-1', traits: { email: 'ana@example.com' } }),
    expected: {
      type: 'person',
      action: 'identify',
      identifiers: { email: 'ana@example.com' },
      timestamp: 1723667808,
      attributes: { email: 'ana@example.com', anonymous_id: 'a-1' }
    }
  },
  {
    name: 'a cio_ person id and a relationship to an object with its attributes',
    event: fixedEvent({
      type: 'identify',
      userId: 'cio_a3000001',
      anonymousId: null,
      traits: {
        objectId: 'acme',
        objectTypeId: '2',
        relationshipAttributes: { role: 'admin', since: '2024-08-14T20:36:48Z' }
      }
    }),
    mapping: { custom_attributes: { plan: 'team' } },
    expected: {
      type: 'person',
      action: 'identify',
      identifiers: { cio_id: 'a3000001' },
      timestamp: 1723667808,
      attributes: { plan: 'team' },
      cio_relationships: [
        {
          identifiers: { object_type_id: '2', object_id: 'acme' },
          relationship_attributes: { role: 'admin', since: 1723667808 }
        }
      ]
    }
  },
  {
    name: 'a relationship without object type defaults to type "1"; convert_timestamp off still converts created_at',
    event: fixedEvent({
      type: 'identify',
      userId: 'u-7',
      anonymousId: null,
      traits: { objectId: 'acme', created_at: '2024-01-01T00:00:00Z' }
    }),
    mapping: { convert_timestamp: false, custom_attributes: {} },
    expected: {
      type: 'person',
      action: 'identify',
      identifiers: { id: 'u-7' },
      timestamp: 1723667808,
      attributes: { created_at: 1704067200 },
      cio_relationships: [{ identifiers: { object_type_id: '1', object_id: 'acme' } }]
    }
  },
  {
    name: "Segment's own traits are removed from the attributes; an empty created_at is not sent",
    event: fixedEvent({
      type: 'identify',
      userId: 'u-8',
      anonymousId: null,
      traits: {
        plan: 'pro',
        created_at: '',
        createdAt: '',
        objectId: 'acme',
        object_type_id: '3',
        objectTypeId: '3',
        relationshipAttributes: { role: 'admin' }
      }
    }),
    expected: {
      type: 'person',
      action: 'identify',
      identifiers: { id: 'u-8' },
      timestamp: 1723667808,
      attributes: { plan: 'pro', objectId: 'acme' },
      cio_relationships: [
        { identifiers: { object_type_id: '3', object_id: 'acme' }, relationship_attributes: { role: 'admin' } }
      ]
    }
  },
  {
    name: 'a date-only created_at and birthday become UTC midnight; a numeric created_at becomes the integer',
    event: fixedEvent({
      type: 'identify',
      userId: 'u-9',
      anonymousId: null,
      traits: { createdAt: 1712345678.9, birthday: '2019-02-01', renewal: { on: '2025-01-31' } }
    }),
    expected: {
      type: 'person',
      action: 'identify',
      identifiers: { id: 'u-9' },
      timestamp: 1723667808,
      attributes: { created_at: 1712345678, birthday: 1548979200, renewal: { on: 1738281600 } }
    }
  },
  {
    name: 'an anonymous visitor: the anonymous id identifies and is not repeated in the attributes',
    event: fixedEvent({ type: 'identify', userId: null, anonymousId: 'a-1', traits: { plan: 'free' } }),
    expected: {
      type: 'person',
      action: 'identify',
      identifiers: { anonymous_id: 'a-1' },
      timestamp: 1723667808,
      attributes: { plan: 'free' }
    }
  }
])

describe('createUpdatePerson executeBatch outcomes', () => {
  it('a mixed batch: delivered, invalid before sending, rejected by Customer.io', async () => {
    const events = [
      fixedEvent({ type: 'identify', userId: 'u-1', anonymousId: null, traits: { plan: 'pro' } }),
      fixedEvent({ type: 'identify', userId: 'u-2', anonymousId: null, timestamp: 'not a date', traits: {} }),
      fixedEvent({ type: 'identify', userId: 'u-3', anonymousId: null, traits: { plan: 'x'.repeat(2000) } })
    ]
    const first = {
      type: 'person',
      action: 'identify',
      identifiers: { id: 'u-1' },
      timestamp: 1723667808,
      attributes: { plan: 'pro' }
    }
    const third = {
      type: 'person',
      action: 'identify',
      identifiers: { id: 'u-3' },
      timestamp: 1723667808,
      attributes: { plan: 'x'.repeat(2000) }
    }
    const scope = nock(US.host)
      .post('/api/v2/batch', { batch: [first, third] })
      .reply(207, {
        errors: [
          {
            batch_index: 1,
            reason: 'invalid',
            field: 'attributes.plan',
            message: 'property value cannot be longer than 1000 bytes'
          }
        ]
      })
    const result = await newTestDestination().executeBatch('createUpdatePerson', {
      events,
      settings: US.settings,
      mapping: mappingFor('createUpdatePerson')
    })
    expect(scope.isDone()).toBe(true)
    expect(result).toEqual([
      {
        status: 200,
        sent: first,
        body: {
          id: 'u-1',
          // The email template resolves to '' without an email trait; the batch path keeps root-level empty strings.
          email: '',
          timestamp: '2024-08-14T20:36:48.6527521Z',
          custom_attributes: { plan: 'pro' },
          convert_timestamp: true,
          enable_batching: true,
          batch_size: 50,
          update_only: false
        }
      },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'The timestamp "not a date" is not a date or unix seconds, so Customer.io cannot read it.',
        errorreporter: 'INTEGRATIONS'
      },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'property value cannot be longer than 1000 bytes (field attributes.plan)',
        errorreporter: 'DESTINATION',
        sent: third,
        body: expect.objectContaining({ id: 'u-3' })
      }
    ])
  })

  it('sends no request when no event can be sent', async () => {
    const result = await newTestDestination().executeBatch('createUpdatePerson', {
      events: [fixedEvent({ type: 'identify', userId: null, anonymousId: null, traits: {} })],
      settings: US.settings,
      mapping: mappingFor('createUpdatePerson')
    })
    expect(result).toEqual([
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'The person has no identifier: none of person_id, email, anonymous_id has a value.',
        errorreporter: 'INTEGRATIONS'
      }
    ])
  })
})

/** An identify of u-123 with these traits, and the item it becomes with these attributes. */
const identifyU123 = (traits: JSONObject) =>
  fixedEvent({ type: 'identify', userId: 'u-123', anonymousId: null, traits })
const itemOfU123 = (attributes: Record<string, unknown>) => ({
  type: 'person' as const,
  action: 'identify' as const,
  identifiers: { id: 'u-123' },
  timestamp: 1723667808,
  attributes
})

describe('with update_only', () => {
  describeItemsForEachPath('createUpdatePerson', [
    {
      name: 'the item carries attributes._update: true, so Customer.io creates no one',
      event: identifyU123({ plan: 'pro' }),
      mapping: { update_only: true },
      expected: itemOfU123({ plan: 'pro', _update: true })
    },
    {
      name: 'a person with no traits is still sent, with _update alone',
      event: identifyU123({}),
      mapping: { update_only: true },
      expected: itemOfU123({ _update: true })
    },
    {
      name: 'off, no _update is added (an _update trait is sent as mapped)',
      event: identifyU123({ _update: true }),
      mapping: { update_only: false },
      expected: itemOfU123({ _update: true })
    }
  ])
})

describe('subscription preferences', () => {
  describeItemsForEachPath('createUpdatePerson', [
    {
      name: 'nested cio_subscription_preferences topics are sent as they are',
      event: identifyU123({ cio_subscription_preferences: { topics: { topic_1: true, topic_2: false } } }),
      expected: itemOfU123({ cio_subscription_preferences: { topics: { topic_1: true, topic_2: false } } })
    },
    {
      name: 'the dotted form updates one topic and is sent as its own key',
      event: identifyU123({ 'cio_subscription_preferences.topics.topic_7': false, plan: 'pro' }),
      expected: itemOfU123({ 'cio_subscription_preferences.topics.topic_7': false, plan: 'pro' })
    }
  ])
})

// created_at at the end of the readable range (±8,640,000,000,000 unix seconds): inside it the integer, outside it
// the text mapped, as for any created_at that reads as no date (actions-core maps a number to its text first).
const createdAtCase = (name: string, createdAt: string | number, sent: string | number): ItemCase => ({
  name,
  event: fixedEvent({ type: 'identify', userId: 'u-9', anonymousId: null, traits: { createdAt } }),
  expected: {
    type: 'person',
    action: 'identify',
    identifiers: { id: 'u-9' },
    timestamp: 1723667808,
    attributes: { created_at: sent }
  }
})

describeItemsForEachPath('createUpdatePerson', [
  createdAtCase('created_at at the last second of the range is the integer', 8_640_000_000_000, 8_640_000_000_000),
  createdAtCase('created_at one second past the range is the text mapped', 8_640_000_000_001, '8640000000001'),
  createdAtCase('created_at 1e308 is the text mapped', 1e308, '1e+308'),
  createdAtCase('created_at of twenty nines is the text mapped', '99999999999999999999', '99999999999999999999')
])
