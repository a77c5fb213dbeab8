// The simulated account's region, over real sockets: the simulator answers it, and POST /authenticate on the local
// server refuses settings that name the other region in the destination's own words.
import { serve, UsageError } from '../../src/serve/cli'
import { startSimulator, type Simulator } from '../../src/serve/simulator'
import { useRunningServer } from './__helpers__/running-server'
import { API_KEY, SITE_ID, callSimulator } from './__helpers__/simulator-client'

describe('the simulator’s account region', () => {
  let sim: Simulator | undefined

  afterEach(() => sim?.close())

  it('answers us by default on GET /api/v1/accounts/region', async () => {
    sim = await startSimulator({ siteId: SITE_ID, apiKey: API_KEY })
    const answer = await callSimulator(sim, 'GET', '/api/v1/accounts/region')
    expect({ status: answer.status, json: answer.json }).toEqual({
      status: 200,
      json: { url: sim.url, region: 'us', environment_id: 1 }
    })
  })

  it('answers the region it was started with', async () => {
    sim = await startSimulator({ siteId: SITE_ID, apiKey: API_KEY, accountRegion: 'eu' })
    const answer = await callSimulator(sim, 'GET', '/api/v1/accounts/region')
    expect(answer.json).toEqual({ url: sim.url, region: 'eu', environment_id: 1 })
    expect((await callSimulator(sim, 'GET', '/api/v1/accounts/region', { auth: null })).status).toBe(401)
  })
})

describe('./bin/run serve --account-region eu', () => {
  const running = useRunningServer({ options: { port: '0', 'account-region': 'eu' } })

  async function authenticate(settings: unknown): Promise<{ text: string; json: unknown }> {
    const answer = await running.post('/authenticate', settings)
    return { text: answer.body, json: answer.json }
  }

  it('POST /authenticate with the default US settings fails, naming the setting to choose', async () => {
    const answer = await authenticate({})
    expect(answer.json).toEqual({
      ok: false,
      error: 'The Customer.io account is in the EU region, but the accountRegion setting is US: choose "EU 🇪🇺".'
    })
    expect(answer.text).not.toContain('sim-api-key')
    expect(running.serving.simulator?.requests.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
      { method: 'GET', path: '/api/v1/accounts/region', status: 200 }
    ])
  })

  it('POST /authenticate with accountRegion EU passes', async () => {
    expect((await authenticate({ accountRegion: 'EU 🇪🇺' })).json).toEqual({ ok: true })
    expect((await authenticate({ accountRegion: 'eu' })).json).toEqual({ ok: true })
  })

  it('POST /authenticate with wrong credentials still says they are invalid', async () => {
    const answer = await authenticate({ accountRegion: 'EU', apiKey: 'not-the-key' })
    expect(answer.json).toEqual({ ok: false, error: 'Credentials are invalid: 401 Unauthorized' })
  })
})

describe('--account-region', () => {
  it('refuses a region other than us or eu', async () => {
    await expect(serve({ port: '0', 'account-region': 'ap' }, () => undefined)).rejects.toThrow(
      new UsageError('--account-region must be us or eu, not "ap".')
    )
  })
})
