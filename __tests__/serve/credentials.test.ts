// The site id, the API key and the Basic auth value built from them appear in no outcome, no log line, no error
// message and no printed exchange, whatever Customer.io answers.
import type { FaultSpec } from '../../src/serve/simulator'
import { useRunningServer } from './__helpers__/running-server'

const SECRETS = ['sim-site-id', 'sim-api-key', Buffer.from('sim-site-id:sim-api-key').toString('base64')]

const running = useRunningServer()
const post = async (path: string, body: unknown): Promise<string> => (await running.post(path, body)).body

const events = [
  { type: 'track', event: 'Order Completed', userId: 'user-1', properties: { total: 1 } },
  { type: 'track', event: 'x'.repeat(120), userId: 'user-2' },
  { type: 'track', event: 'Bad Time', userId: 'user-3', timestamp: 'never' }
]

describe('credentials', () => {
  const faults: (FaultSpec | undefined)[] = [
    undefined,
    { mode: 'text-207' },
    { mode: 'unindexed' },
    { mode: '429' },
    { mode: '500' },
    { mode: '503' },
    { mode: 'reset' },
    { mode: 'truncated' },
    { mode: 'lost-answer' }
  ]

  it.each(faults.map((fault) => [fault?.mode ?? 'no fault', fault]))(
    'never appear with %s, on the batch and single paths',
    async (_name, fault) => {
      const answers: string[] = []
      for (const payload of [events, events[0], events[1]]) {
        running.serving.simulator?.setFault(fault, 1)
        answers.push(await post('/trackEvent', { payload }))
      }
      const text = [
        ...answers,
        JSON.stringify(running.serving.server.deliveries.list()),
        // What the destination reported through its statsContext (tags) and logger (warnings).
        JSON.stringify(running.serving.server.stats.summary()),
        running.printed.join('\n')
      ].join('\n')
      expect(text.length).toBeGreaterThan(500)
      for (const secret of SECRETS) expect(text).not.toContain(secret)
    }
  )

  it('never appear when the credentials are wrong, are checked, or a person is deleted', async () => {
    const answers = [
      await post('/trackEvent', { payload: events, settings: { siteId: 'sim-site-id', apiKey: 'wrong-key-77' } }),
      await post('/authenticate', { siteId: 'sim-site-id', apiKey: 'wrong-key-77' }),
      await post('/authenticate', {}),
      await post('/delete', { payload: { userId: 'user-1' } })
    ]
    const text = [
      ...answers,
      JSON.stringify(running.serving.server.deliveries.list()),
      running.printed.join('\n')
    ].join('\n')
    expect(text).toContain('Credentials are invalid: 401 Unauthorized')
    for (const secret of [...SECRETS, 'wrong-key-77']) expect(text).not.toContain(secret)
  })

  it('a short credential is hidden where it stands alone, and words that contain its text are left whole', async () => {
    running.printed.length = 0
    running.serving.server.deliveries.clear()
    const settings = { siteId: 'eve', apiKey: 'k3y' }
    const token = Buffer.from('eve:k3y').toString('base64')
    const answers = [
      await post('/trackEvent', { payload: events.slice(0, 1), settings }),
      await post('/trackEvent', { payload: events[0], settings }),
      await post('/authenticate', settings)
    ]
    const history = JSON.stringify(running.serving.server.deliveries.list())
    const text = [...answers, history, running.printed.join('\n')].join('\n')
    expect(history).toContain('"events":1')
    expect(history).toContain('"action":"event"')
    expect(text).not.toContain('<redacted>nt')
    expect(text).not.toMatch(/(^|[^\p{L}\p{N}])(eve|k3y)($|[^\p{L}\p{N}])/u)
    expect(text).not.toContain(token)
  })
})
