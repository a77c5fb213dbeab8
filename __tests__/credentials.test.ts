// The site id, the API key and the Basic auth value built from them appear in no outcome, no thrown error, no log line
// and no metric of the destination, whatever Customer.io answers, on the batch and single paths (Customer.io played by
// nock). The local server's version (its answers, deliveries and printed exchanges): __tests__/serve/credentials.test.ts.
import nock from 'nock'
import { createTestIntegration } from '@segment/actions-core'
import type { Logger, SegmentEvent, StatsContext } from '@segment/actions-core'
import { createDestination } from '../src'
import type { Settings } from '../src/generated-types'
import { AUTH_HEADER, API_KEY, SITE_ID, US, textOf } from './__helpers__/destination'
import { mappingFor } from './__helpers__/runner'

const SECRETS = [SITE_ID, API_KEY, AUTH_HEADER.slice('Basic '.length)]

/** Short: a request left unanswered fails fast; what matters here is only what its failure says. */
const TIMEOUT_MS = 100

const events: SegmentEvent[] = [
  { type: 'track', event: 'Order Completed', userId: 'user-1', properties: { total: 1 } },
  { type: 'track', event: 'x'.repeat(120), userId: 'user-2' },
  { type: 'track', event: 'Bad Time', userId: 'user-3', timestamp: 'never' }
]

/** A platform whose logger and statsClient keep every line and every metric, as text. */
function recordingEverything() {
  const lines: string[] = []
  const keep = (...parts: unknown[]) => void lines.push(textOf(parts))
  const logger: Logger = {
    level: 'debug',
    name: 'test',
    debug: keep,
    info: keep,
    warn: keep,
    error: keep,
    crit: keep,
    log: keep,
    withTags: () => undefined
  }
  const statsContext: StatsContext = {
    tags: ['workspace:ws-1'],
    statsClient: {
      incr: keep,
      histogram: keep,
      set: keep,
      observe: keep,
      _name: (name) => name,
      _tags: (tags = []) => tags
    }
  }
  return { logger, statsContext, lines }
}

/** How Customer.io answers every request, on /api/v2/batch and /api/v2/entity alike. */
type Answer = (scope: nock.Interceptor) => nock.Scope

const itemErrors = { errors: [{ batch_index: 0, reason: 'invalid', field: 'name', message: 'name is too long' }] }
const refused = (message: string) => ({ errors: [{ reason: 'refused', message }] })

const ANSWERS: [string, Answer][] = [
  ['200', (i) => i.reply(200, {})],
  ['207 as text', (i) => i.reply(207, JSON.stringify(itemErrors), { 'content-type': 'text/plain' })],
  [
    '207 without batch_index',
    (i) => i.reply(207, { errors: [{ reason: 'internal_error', field: 'batch', message: 'could not be processed' }] })
  ],
  ['401', (i) => i.reply(401, { meta: { errors: ['Unauthorized request'] } })],
  ['429', (i) => i.reply(429, refused('Too many requests'), { 'retry-after': '7' })],
  ['500', (i) => i.reply(500, refused('Internal server error'))],
  ['503', (i) => i.reply(503, refused('Service unavailable'))],
  ['a connection reset', (i) => i.replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })],
  ['no answer', (i) => i.reply(() => new Promise<never>(() => undefined))]
]

const destination = createTestIntegration<Settings>(createDestination({ requestTimeoutMs: TIMEOUT_MS }))

describe('credentials', () => {
  it.each(ANSWERS)('never appear with %s, on the batch and single paths', async (_name, answer) => {
    answer(
      nock(US.host)
        .persist()
        .post(/^\/api\/v2\/(batch|entity)$/)
    )
    const platform = recordingEverything()
    const input = { settings: US.settings, mapping: mappingFor('trackEvent'), ...platform }
    // The single path's result is the test harness's record of the exchange (with the request's options): only what
    // it throws reaches the platform.
    const single = (event: SegmentEvent) =>
      destination.testAction('trackEvent', { event, ...input }).then(
        () => 'delivered',
        (thrown: unknown) => thrown
      )
    const results = [
      await destination.executeBatch('trackEvent', { events, ...input }).catch((thrown: unknown) => thrown),
      await single(events[0]),
      await single(events[1])
    ]
    const text = [textOf(results), ...platform.lines].join('\n')
    expect(text.length).toBeGreaterThan(500)
    for (const secret of SECRETS) expect(text).not.toContain(secret)
  })

  it('never appear when the credentials are wrong, are checked, or a person is deleted', async () => {
    const wrong = { ...US.settings, apiKey: 'wrong-key-77' }
    nock(US.host)
      .get('/api/v1/accounts/region')
      .reply(401, { meta: { error: 'Unauthorized request' } })
    nock(US.host).delete('/api/v1/customers/user-1').reply(500, refused('Internal server error'))
    const failures = [
      await destination.testAuthentication(wrong).catch((thrown: unknown) => thrown),
      await destination.testAuthentication({} as Settings).catch((thrown: unknown) => thrown),
      await destination
        .onDelete?.({ type: 'track', userId: 'user-1' }, { ...US.settings })
        .catch((thrown: unknown) => thrown)
    ]
    const text = textOf(failures)
    expect(text).toContain('Credentials are invalid: 401 Unauthorized')
    for (const secret of [...SECRETS, 'wrong-key-77']) expect(text).not.toContain(secret)
  })
})
