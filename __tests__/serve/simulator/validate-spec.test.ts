import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  adjustSpecDocument,
  componentSchemas,
  findPackageRoot,
  requestSchema,
  SPEC_FILE,
  type SpecNode
} from '../../../src/serve/simulator/spec-document'
import {
  INT64_LIMIT,
  isWithinInt64,
  OPERATION_SCHEMAS,
  validateSpecItem,
  validateSpecRequest
} from '../../../src/serve/simulator/validate-spec'

const ROOT = join(__dirname, '..', '..', '..')
const SHARED_SPEC = join(ROOT, '..', 'shared', 'customerio-track-openapi.json')
const COMMITTED_SPEC = join(ROOT, SPEC_FILE)
const original = JSON.parse(readFileSync(COMMITTED_SPEC, 'utf8')) as SpecNode

describe('the OpenAPI document', () => {
  ;(existsSync(SHARED_SPEC) ? it : it.skip)('is the same file as the shared copy beside the clone', () => {
    expect(readFileSync(COMMITTED_SPEC, 'utf8')).toBe(readFileSync(SHARED_SPEC, 'utf8'))
  })

  it('is found from src/ and from any folder below the package root, such as dist/', () => {
    expect(findPackageRoot(join(ROOT, 'src', 'serve', 'simulator'))).toBe(ROOT)
    expect(findPackageRoot(join(ROOT, 'dist', 'serve', 'simulator'))).toBe(ROOT)
    expect(() => findPackageRoot(mkdtempSync(join(tmpdir(), 'no-spec-')))).toThrow(`${SPEC_FILE} was not found`)
  })

  it('has a schema for every form of a /api/v2/batch element, and nothing else', () => {
    const forms = (
      ((requestSchema(original, '/api/v2/batch').properties as SpecNode).batch as SpecNode).items as SpecNode
    ).anyOf as SpecNode[]
    const referenced = forms.flatMap((form) =>
      ((form.anyOf as SpecNode[] | undefined) ?? [form]).map((ref) => String(ref.$ref).split('/').pop())
    )
    const mapped = Object.values(OPERATION_SCHEMAS).flatMap((byAction) => Object.values(byAction))
    expect(new Set(mapped)).toEqual(new Set([...referenced, 'person_content_event']))
  })

  it('is adjusted without changing the original: oneOf → anyOf, anonymous identifiers, content events', () => {
    const text = JSON.stringify(original)
    const adjusted = adjustSpecDocument(original)
    expect(JSON.stringify(original)).toBe(text)
    expect(JSON.stringify(adjusted)).not.toContain('"oneOf"')
    const schemas = componentSchemas(adjusted)
    expect(JSON.stringify(schemas.person_common)).toContain('"required":["anonymous_id"]')
    expect(schemas.person_content_event).toBeDefined()
  })
})

describe('validateSpecItem', () => {
  const person = { type: 'person', identifiers: { id: 'u-1' } }

  it.each<[string, unknown]>([
    [
      'an anonymous event (identifiers the document lacks)',
      { ...person, identifiers: { anonymous_id: 'a' }, action: 'event', name: 'x' }
    ],
    [
      'an object related to a person by id (overlapping oneOf forms)',
      {
        type: 'object',
        action: 'identify',
        identifiers: { object_type_id: '1', object_id: 'acme' },
        cio_relationships: [{ identifiers: { id: 'u-1' } }]
      }
    ],
    ['a content event (an action the document lacks)', { ...person, action: 'viewed_content', name: 'viewed_content' }],
    ['an event whose id is not a ULID', { ...person, action: 'event', name: 'x', id: 'msg-0001', timestamp: 1 }]
  ])('accepts %s', (_name, item) => {
    expect(validateSpecItem(item)).toEqual([])
  })

  it.each<[string, unknown, string[]]>([
    [
      'a timestamp sent as a string, as this package sent numeric timestamps before',
      { ...person, action: 'event', name: 'x', timestamp: '1712345678' },
      ['timestamp must be integer, not a string.']
    ],
    [
      'a decimal timestamp',
      { ...person, action: 'page', name: 'x', timestamp: 1712345678.5 },
      ['timestamp must be integer, not 1712345678.5.']
    ],
    [
      'a device of another platform, with a number and a boolean among its attributes and no last_used',
      {
        ...person,
        action: 'add_device',
        device: { token: 't', platform: 'iOS', attributes: { build: 321, bg: false } }
      },
      [
        'device.platform must be one of ios, android, not "iOS".',
        'device.attributes.build must be string, not 321.',
        'device.attributes.bg must be string, not a boolean.'
      ]
    ],
    [
      'push_enabled that is not "true" or "false"',
      { ...person, action: 'add_device', device: { token: 't', platform: 'ios', attributes: { push_enabled: 'yes' } } },
      ['device.attributes.push_enabled must be one of true, false, not "yes".']
    ],
    ['an event without a name', { ...person, action: 'event' }, ['name is required.']],
    [
      'identifiers of no known form',
      { type: 'person', action: 'delete', identifiers: { user: 'u-1' } },
      [
        'identifiers matches none of the forms the spec allows: id is required; email is required; phone is required; cio_id is required; anonymous_id is required.'
      ]
    ],
    [
      'an unknown action',
      { ...person, action: 'hug' },
      [
        'action must be one of identify, delete, event, screen, page, add_relationships, delete_relationships, add_device, delete_device, merge, suppress, unsuppress, viewed_content, clicked_content for person operations.'
      ]
    ],
    ['an unknown type', { type: 'company', action: 'identify' }, ['type must be person, object or delivery.']]
  ])('refuses %s, saying why', (_name, item, messages) => {
    expect(validateSpecItem(item).map((error) => error.message)).toEqual(messages)
  })

  it('names the field and the reason of each error', () => {
    expect(validateSpecItem({ ...person, action: 'add_device', device: { platform: 'ios' } })).toEqual([
      { reason: 'required', field: 'device.token', message: 'device.token is required.' }
    ])
  })
})

describe('validateSpecRequest', () => {
  it('accepts a batch mixing people, objects and content events, and a metrics body the channels overlap on', () => {
    const batch = [
      { type: 'person', action: 'event', identifiers: { anonymous_id: 'a' }, name: 'x', timestamp: 1 },
      { type: 'object', action: 'delete', identifiers: { object_type_id: '1', object_id: 'acme' } },
      { type: 'person', action: 'clicked_content', identifiers: { id: 'u' }, name: 'clicked_content' }
    ]
    expect(validateSpecRequest('/api/v2/batch', { batch })).toEqual([])
    expect(validateSpecRequest('/api/v1/metrics', { delivery_id: 'd', metric: 'opened', timestamp: 1 })).toEqual([])
  })

  it('refuses a metrics body with a decimal timestamp', () => {
    const [error] = validateSpecRequest('/api/v1/metrics', { delivery_id: 'd', metric: 'opened', timestamp: 1.5 })
    expect(error.message).toContain('timestamp must be integer, not 1.5')
  })
})

describe('timestamps as Customer.io reads them: 64-bit integers', () => {
  // The document types every timestamp as `integer` and bounds none; Customer.io reads an integer as 64 bits. A
  // number is read as JavaScript reads it, so the JSON text of 2^63 − 1 is the number 2^63.
  const LARGEST = 'the largest number a 64-bit integer reads as (2^63 − 1 and 2^63 alike)'
  const accepted: Array<[string, string]> = [
    [LARGEST, '9223372036854775807'],
    ['the smallest 64-bit integer, −2^63', '-9223372036854775808'],
    ['a value past the last date, which is still a 64-bit integer', '8640000000001'],
    ['zero', '0']
  ]
  const refused: Array<[string, string, string]> = [
    [
      'the next number above 2^63',
      '9223372036854777856',
      'a 64-bit integer, from -2^63 to 2^63 - 1, not 9223372036854778000'
    ],
    [
      'the next number below −2^63',
      '-9223372036854777856',
      'a 64-bit integer, from -2^63 to 2^63 - 1, not -9223372036854778000'
    ],
    ['twenty digits', '100000000000000000000', 'a 64-bit integer, from -2^63 to 2^63 - 1, not 100000000000000000000'],
    ['1e308', '1e308', 'a 64-bit integer, from -2^63 to 2^63 - 1, not 1e+308'],
    ['a fraction', '1.5', 'integer, not 1.5'],
    ['a string of digits', '"1767225600"', 'integer, not a string'],
    ['null', 'null', 'integer, not null']
  ]
  const withTimestamp =
    (action: string, fields: object = {}) =>
    (timestamp: unknown) => ({ type: 'person', action, identifiers: { id: 'u' }, ...fields, timestamp })
  const forms: Array<[string, (value: unknown) => unknown, string]> = [
    ['an event', withTimestamp('event', { name: 'x' }), 'timestamp'],
    ['an identify', withTimestamp('identify'), 'timestamp'],
    ['a page view', withTimestamp('page', { name: '/' }), 'timestamp'],
    ['a screen view', withTimestamp('screen', { name: 's' }), 'timestamp'],
    ['a content event', withTimestamp('viewed_content'), 'timestamp'],
    [
      'a device',
      (last_used) => ({
        ...withTimestamp('add_device')(undefined),
        device: { token: 't', platform: 'ios', last_used }
      }),
      'device.last_used'
    ]
  ]

  const cases = <T extends unknown[]>(values: T[]) =>
    forms.flatMap(([form, build, field]) => values.map((value) => [form, ...value, build, field] as const))

  it.each(cases(accepted))('takes in %s %s (%s)', (_form, _name, text, build) => {
    expect(validateSpecItem(build(JSON.parse(text)))).toEqual([])
  })

  it.each(cases(refused))('refuses in %s %s (%s)', (_form, _name, text, wants, build, field) => {
    expect(validateSpecItem(build(JSON.parse(text)))).toEqual([
      { reason: 'invalid', field, message: `${field} must be ${wants}.` }
    ])
  })

  it.each(accepted)('takes as the metrics timestamp %s (%s)', (_name, text) => {
    expect(
      validateSpecRequest('/api/v1/metrics', JSON.parse(`{"delivery_id":"d","metric":"opened","timestamp":${text}}`))
    ).toEqual([])
  })

  it.each(refused)('refuses as the metrics timestamp %s (%s)', (_name, text, wants) => {
    expect(
      validateSpecRequest('/api/v1/metrics', JSON.parse(`{"delivery_id":"d","metric":"opened","timestamp":${text}}`))
    ).toEqual([
      {
        reason: 'invalid',
        field: 'body',
        message: `body matches none of the forms the spec allows: timestamp must be ${wants}.`
      }
    ])
  })

  it('takes numbers from −2^63 to 2^63 and refuses the next ones out', () => {
    expect(isWithinInt64(INT64_LIMIT)).toBe(true)
    expect(isWithinInt64(-INT64_LIMIT)).toBe(true)
    expect(isWithinInt64(INT64_LIMIT + 2048)).toBe(false)
    expect(isWithinInt64(-INT64_LIMIT - 2048)).toBe(false)
    expect(INT64_LIMIT).toBe(9223372036854775808)
  })
})
