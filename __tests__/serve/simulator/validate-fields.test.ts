import type { TrackApiError } from '../../../src/track-api/types'
import { validateEventData } from '../../../src/serve/simulator/validate-fields'
import { validateMetrics } from '../../../src/serve/simulator/validate-metrics'

const repeatX = (bytes: number): string => 'x'.repeat(bytes)

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

describe('validateMetrics: the body under the OpenAPI document', () => {
  const NONE = 'body matches none of the forms the spec allows'
  it.each<[string, unknown, string[]]>([
    ['a valid metric', { delivery_id: 'd-1', metric: 'opened', timestamp: 1767225600, href: 'https://x.test' }, []],
    ['a metric without a timestamp', { delivery_id: 'd-1', metric: 'bounced', reason: 'mailbox full' }, []],
    // The document's SMS form types recipient as an integer, and its push form has no recipient at all.
    ['a numeric recipient', { delivery_id: 'd-1', metric: 'opened', recipient: 5 }, []],
    ['a body that is not an object', [], [`${NONE}: must be object, not an array.`]],
    ['a missing delivery_id and metric', {}, [`${NONE}: delivery_id is required; metric is required.`]],
    [
      'an unknown metric',
      { delivery_id: 'd-1', metric: 'read' },
      [
        `${NONE}: metric must be one of bounced, clicked, converted, deferred, delivered, dropped, opened, spammed, not "read".`
      ]
    ],
    [
      'a decimal timestamp',
      { delivery_id: 'd-1', metric: 'opened', timestamp: 1.5 },
      [`${NONE}: timestamp must be integer, not 1.5.`]
    ]
  ])('checks %s', (_name, body, expected) => {
    expect(validateMetrics(body)).toEqual(expected)
  })
})
