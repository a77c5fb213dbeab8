import type { TrackApiError } from '../../../src/track-api/types'
import { validateEventData, validateTimestamp } from '../../../src/serve/simulator/validate-fields'
import { validateMetrics } from '../../../src/serve/simulator/validate-metrics'

const repeatX = (bytes: number): string => 'x'.repeat(bytes)

describe('validateTimestamp', () => {
  it.each<[string, unknown, TrackApiError[]]>([
    ['an integer', 1767225600, []],
    ['a decimal', 1767225600.25, []],
    [
      'a numeric string',
      '1767225600',
      [{ reason: 'invalid', field: 'timestamp', message: 'timestamp must be a number of unix seconds, not a string.' }]
    ],
    [
      'null',
      null,
      [{ reason: 'invalid', field: 'timestamp', message: 'timestamp must be a number of unix seconds, not null.' }]
    ],
    [
      'NaN',
      Number.NaN,
      [{ reason: 'invalid', field: 'timestamp', message: 'timestamp must be a number of unix seconds, not NaN.' }]
    ]
  ])('checks %s', (_name, value, expected) => {
    expect(validateTimestamp(value, 'timestamp')).toEqual(expected)
  })
})

describe('validateEventData', () => {
  it.each<[string, unknown, TrackApiError[]]>([
    ['absent data', undefined, []],
    ['data of 100,000 bytes', { blob: repeatX(100_000 - '{"blob":""}'.length) }, []],
    [
      'data over 100,000 bytes',
      { blob: repeatX(100_000) },
      [
        {
          reason: 'too_large',
          field: 'attributes',
          message: 'attributes is 100011 bytes as JSON; event data can be at most 100000 bytes.'
        }
      ]
    ],
    [
      'data that is not an object',
      'total=42',
      [{ reason: 'invalid', field: 'attributes', message: 'attributes must be an object.' }]
    ]
  ])('checks %s', (_name, data, expected) => {
    expect(validateEventData(data, 'attributes')).toEqual(expected)
  })
})

describe('validateMetrics', () => {
  it.each<[string, unknown, string[]]>([
    ['a valid metric', { delivery_id: 'd-1', metric: 'opened', timestamp: 1767225600, href: 'https://x.test' }, []],
    ['a metric without a timestamp', { delivery_id: 'd-1', metric: 'bounced', reason: 'mailbox full' }, []],
    ['a body that is not an object', [], ['The body must be a JSON object.']],
    [
      'a missing delivery_id and metric',
      {},
      [
        'delivery_id is required and must be a non-empty string.',
        'metric is required: one of delivered, opened, clicked, converted, spammed, bounced, dropped, deferred.'
      ]
    ],
    [
      'an unknown metric',
      { delivery_id: 'd-1', metric: 'read' },
      ['metric must be one of delivered, opened, clicked, converted, spammed, bounced, dropped, deferred.']
    ],
    [
      'a decimal timestamp',
      { delivery_id: 'd-1', metric: 'opened', timestamp: 1.5 },
      ['timestamp must be an integer of unix seconds.']
    ],
    ['a numeric recipient', { delivery_id: 'd-1', metric: 'opened', recipient: 5 }, ['recipient must be a string.']]
  ])('checks %s', (_name, body, expected) => {
    expect(validateMetrics(body)).toEqual(expected)
  })
})
