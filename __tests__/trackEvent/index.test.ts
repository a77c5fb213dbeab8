import nock from 'nock'
import { fixedEvent, US, newTestDestination } from '../__helpers__/destination'
import { SENT, TRACKED, bodyOf, delivered } from '../__helpers__/tracked-batch'
import { describeItemsForEachPath, mappingFor } from '../__helpers__/runner'
import { TIME_ZONES, evaluateInTimeZone } from '../__helpers__/time-zone'
import { buildBatchItem } from '../../src/track-api/build-item'
import { toEventItem } from '../../src/trackEvent'
import type { Payload } from '../../src/trackEvent/generated-types'

const ORDER = fixedEvent({
  type: 'track',
  event: 'Order Completed',
  userId: 'u-123',
  anonymousId: 'a-9f2',
  properties: {
    total: 42.5,
    currency: 'EUR',
    placed_at: '2024-08-14T20:36:48.652752123Z',
    items: [{ sku: 'A-1', shipped_at: '2024-08-15T08:00:00Z' }]
  }
})

describeItemsForEachPath('trackEvent', [
  {
    name: 'a known person, with ISO dates in the properties converted and the anonymous id in the attributes',
    event: ORDER,
    expected: {
      type: 'person',
      action: 'event',
      identifiers: { id: 'u-123' },
      name: 'Order Completed',
      id: 'msg-0001',
      timestamp: 1723667808,
      attributes: {
        total: 42.5,
        currency: 'EUR',
        placed_at: 1723667808,
        items: [{ sku: 'A-1', shipped_at: 1723708800 }],
        anonymous_id: 'a-9f2'
      }
    }
  },
  {
    name: 'an anonymous visitor, with convert_timestamp off',
    event: fixedEvent({
      type: 'track',
      event: 'Viewed',
      userId: null,
      anonymousId: 'a-9f2',
      properties: { at: '2024-08-14T20:36:48Z' }
    }),
    mapping: { convert_timestamp: false },
    expected: {
      type: 'person',
      action: 'event',
      identifiers: { anonymous_id: 'a-9f2' },
      name: 'Viewed',
      id: 'msg-0001',
      timestamp: 1723667808,
      attributes: { at: '2024-08-14T20:36:48Z' }
    }
  },
  {
    name: 'an email as person id, and a decimal unix-second timestamp sent as the integer',
    event: fixedEvent({
      type: 'track',
      event: 'Signed Up',
      userId: 'ana@example.com',
      timestamp: '1712345678.123',
      properties: {}
    }),
    expected: {
      type: 'person',
      action: 'event',
      identifiers: { email: 'ana@example.com' },
      name: 'Signed Up',
      id: 'msg-0001',
      timestamp: 1712345678,
      attributes: { anonymous_id: 'anonId1234' }
    }
  },
  {
    name: 'a numeric timestamp (a string once actions-core maps it) is sent as the integer',
    event: fixedEvent({ type: 'track', event: 'Paid', userId: 'u-1', properties: { paid_at: 1712345678 } }),
    mapping: { timestamp: { '@path': '$.properties.paid_at' } },
    expected: {
      type: 'person',
      action: 'event',
      identifiers: { id: 'u-1' },
      name: 'Paid',
      id: 'msg-0001',
      timestamp: 1712345678,
      attributes: { paid_at: 1712345678, anonymous_id: 'anonId1234' }
    }
  },
  {
    name: 'an RFC 2822 timestamp is converted as dayjs.utc reads it; a date-only property becomes UTC midnight',
    event: fixedEvent({
      type: 'track',
      event: 'Birthday Set',
      userId: 'u-1',
      anonymousId: null,
      timestamp: 'Tue, 01 Jan 2019 00:00:00 GMT',
      properties: { birthday: '2019-02-01', sql_time: '2019-02-01 10:00:00' }
    }),
    expected: {
      type: 'person',
      action: 'event',
      identifiers: { id: 'u-1' },
      name: 'Birthday Set',
      id: 'msg-0001',
      timestamp: 1546300800,
      attributes: { birthday: 1548979200, sql_time: '2019-02-01 10:00:00' }
    }
  },
  {
    name: 'an anonymous_id property is left out when the anonymous id is the identifier',
    event: fixedEvent({
      type: 'track',
      event: 'Viewed',
      userId: null,
      anonymousId: 'a-9f2',
      properties: { anonymous_id: 'a-9f2', plan: 'pro' }
    }),
    expected: {
      type: 'person',
      action: 'event',
      identifiers: { anonymous_id: 'a-9f2' },
      name: 'Viewed',
      id: 'msg-0001',
      timestamp: 1723667808,
      attributes: { plan: 'pro' }
    }
  }
])

describe('trackEvent under other time zones', () => {
  const payload = {
    id: 'u-1',
    name: 'Birthday Set',
    timestamp: 'Tue, 01 Jan 2019 00:00:00 GMT',
    data: { birthday: '2019-02-01', since: '01/01/2019' },
    convert_timestamp: true
  }
  it.each(TIME_ZONES)('TZ=%s: the same item as under UTC', (zone) => {
    // Built here too: the child's lines are then covered by this test, so a mutation run runs it for them.
    const here = buildBatchItem(toEventItem(payload as Payload))
    const item = evaluateInTimeZone(
      zone,
      {
        build: require.resolve('../../src/track-api/build-item'),
        action: require.resolve('../../src/trackEvent/index')
      },
      `build.buildBatchItem(action.toEventItem(${JSON.stringify(payload)}))`
    )
    expect(item).toEqual({
      type: 'person',
      action: 'event',
      identifiers: { id: 'u-1' },
      name: 'Birthday Set',
      timestamp: 1546300800,
      attributes: { birthday: 1548979200, since: '01/01/2019' }
    })
    expect(item).toEqual(here)
  })
})

describe('trackEvent in a batch: events refused before sending', () => {
  it('an event that fails schema validation keeps its 400 at its own index, the rest go through', async () => {
    const invalid = fixedEvent({ type: 'track', event: undefined, userId: 'u-x', properties: {} })
    const scope = nock(US.host)
      .post('/api/v2/batch', { batch: [SENT[0], SENT[2]] })
      .reply(207, { errors: [{ batch_index: 1, reason: 'invalid', message: 'rejected' }] })
    const result = await newTestDestination().executeBatch('trackEvent', {
      events: [TRACKED[0], invalid, TRACKED[2]],
      settings: US.settings,
      mapping: mappingFor('trackEvent')
    })
    expect(scope.isDone()).toBe(true)
    expect(result).toEqual([
      delivered(0),
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: "The root value is missing the required field 'name'.",
        errorreporter: 'INTEGRATIONS'
      },
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'rejected',
        errorreporter: 'DESTINATION',
        sent: SENT[2],
        body: bodyOf(2)
      }
    ])
  })

  it('an event without any identifier fails alone before sending', async () => {
    const anonymous = fixedEvent({ type: 'track', event: 'Nobody', userId: null, anonymousId: null, properties: {} })
    const scope = nock(US.host)
      .post('/api/v2/batch', { batch: [SENT[0]] })
      .reply(200, {})
    const result = await newTestDestination().executeBatch('trackEvent', {
      events: [TRACKED[0], anonymous],
      settings: US.settings,
      mapping: mappingFor('trackEvent')
    })
    expect(scope.isDone()).toBe(true)
    expect(result).toEqual([
      delivered(0),
      {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'The person has no identifier: none of person_id, anonymous_id has a value.',
        errorreporter: 'INTEGRATIONS'
      }
    ])
  })
})

/** The ULID of the message id msg-0001 at 2024-08-14T20:36:48Z (track-api/ulid.test.ts derives it by hand). */
const MSG_0001_ULID = '01J599PZR039MZHJXZSZP67HD2'

describe('with ulid_event_id', () => {
  describeItemsForEachPath('trackEvent', [
    {
      name: 'the id is the ULID of the event id and the timestamp',
      event: ORDER,
      mapping: { ulid_event_id: true, convert_timestamp: false },
      expected: {
        type: 'person',
        action: 'event',
        identifiers: { id: 'u-123' },
        name: 'Order Completed',
        id: MSG_0001_ULID,
        timestamp: 1723667808,
        attributes: { ...ORDER.properties, anonymous_id: 'a-9f2' }
      }
    },
    {
      name: 'an event id that is already a ULID is sent unchanged',
      event: fixedEvent({
        type: 'track',
        event: 'Signed Up',
        userId: 'u-123',
        messageId: '01ARYZ6S41TSV4RRFFQ69G5FAV'
      }),
      mapping: { ulid_event_id: true },
      expected: {
        type: 'person',
        action: 'event',
        identifiers: { id: 'u-123' },
        name: 'Signed Up',
        id: '01ARYZ6S41TSV4RRFFQ69G5FAV',
        timestamp: 1723667808,
        attributes: { anonymous_id: 'anonId1234' }
      }
    },
    {
      name: 'an event without a timestamp gets the time 0, so its ULID is the same on every retry',
      event: fixedEvent({ type: 'track', event: 'Signed Up', userId: 'u-123' }),
      mapping: { ulid_event_id: true, timestamp: { '@path': '$.properties.at' } },
      expected: {
        type: 'person',
        action: 'event',
        identifiers: { id: 'u-123' },
        name: 'Signed Up',
        id: '000000000039MZHJXZSZP67HD2',
        attributes: { anonymous_id: 'anonId1234' }
      }
    },
    {
      name: 'off, the message id is sent as mapped',
      event: fixedEvent({ type: 'track', event: 'Signed Up', userId: 'u-123' }),
      mapping: { ulid_event_id: false },
      expected: {
        type: 'person',
        action: 'event',
        identifiers: { id: 'u-123' },
        name: 'Signed Up',
        id: 'msg-0001',
        timestamp: 1723667808,
        attributes: { anonymous_id: 'anonId1234' }
      }
    }
  ])
})

describe('trackEvent timestamps outside the readable range', () => {
  const LAST = 8_640_000_000_000
  const RANGE = `, -${LAST} to ${LAST} unix seconds, so Customer.io cannot read it.`
  const at = (value: string | number) =>
    fixedEvent({ type: 'track', event: 'Paid', userId: 'u-1', properties: { at: value } })
  const mapping = mappingFor('trackEvent', { timestamp: { '@path': '$.properties.at' } })
  const paid = (timestamp: number, at: string | number) => ({
    type: 'person',
    action: 'event',
    identifiers: { id: 'u-1' },
    name: 'Paid',
    id: 'msg-0001',
    timestamp,
    attributes: { at, anonymous_id: 'anonId1234' }
  })
  const refused = (message: string) => ({
    status: 400,
    errortype: 'PAYLOAD_VALIDATION_FAILED',
    errormessage: message,
    errorreporter: 'INTEGRATIONS'
  })

  it('sends the last second of the range, as a number or digits, and refuses each value past it before sending', async () => {
    const nines = '9'.repeat(400)
    const values = [LAST, String(LAST), LAST + 1, String(LAST + 1), `${LAST}.5`, '99999999999999999999']
    const scope = nock(US.host)
      .post('/api/v2/batch', { batch: [paid(LAST, LAST), paid(LAST, String(LAST))] })
      .reply(200, {})
    const result = await newTestDestination().executeBatch('trackEvent', {
      events: [...values, 8_640_000_000_000_001, nines, 1e21, '1e400'].map(at),
      settings: US.settings,
      mapping
    })
    expect(scope.isDone()).toBe(true)
    expect(result).toEqual([
      { status: 200, sent: paid(LAST, LAST), body: expect.objectContaining({ timestamp: String(LAST) }) },
      { status: 200, sent: paid(LAST, String(LAST)), body: expect.objectContaining({ timestamp: String(LAST) }) },
      refused(`The timestamp "${LAST + 1}" is not in the range of dates${RANGE}`),
      refused(`The timestamp "${LAST + 1}" is not in the range of dates${RANGE}`),
      refused(`The timestamp "${LAST}.5" is not in the range of dates${RANGE}`),
      refused(`The timestamp "99999999999999999999" is not in the range of dates${RANGE}`),
      refused(`The timestamp "8640000000000001" is not in the range of dates${RANGE}`),
      refused(`The timestamp "${'9'.repeat(64)}" is not in the range of dates${RANGE}`),
      refused('The timestamp "1e+21" is not a date or unix seconds, so Customer.io cannot read it.'),
      refused('The timestamp "1e400" is not a date or unix seconds, so Customer.io cannot read it.')
    ])
  })

  it('refuses a root timestamp past the range on the single path, sending nothing', async () => {
    const testDestination = newTestDestination()
    await expect(
      testDestination.testAction('trackEvent', {
        event: fixedEvent({ type: 'track', event: 'Paid', userId: 'u-1', timestamp: '99999999999999999999' }),
        settings: US.settings,
        mapping: mappingFor('trackEvent')
      })
    ).rejects.toMatchObject({
      name: 'PayloadValidationError',
      message: `The timestamp "99999999999999999999" is not in the range of dates${RANGE}`
    })
    expect(testDestination.responses).toEqual([])
  })
})
