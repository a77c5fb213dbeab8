// ./bin/run serve | demo: the local server (with the Track API simulator by default) and the demo of batch outcomes.
// The destination, the server and the simulator load only when a command needs them, so that --help answers at once.
import { parseArgs } from 'node:util'
import type { Settings } from '../generated-types'
import { AccountRegion } from '../track-api/endpoints'
import type { RunningServer, ServerOptions } from './local-server'
import type { SimulatedRegion, Simulator } from './simulator'
import { exposureWarning, reachableUrl, UsageError, usageErrorOf } from './cli-messages'
import { FAULT_MODES, type FaultMode } from './simulator/faults'

export { UsageError }

const HELP = `Usage: ./bin/run <command> [options]

Commands:
  serve    Start a local server for the Customer.io destination, with the routes of Segment's
           actions CLI (GET /manifest, POST /authenticate, POST /delete, POST /<action>). A batch
           call (an array "payload") answers with every event's outcome beside the HTTP exchanges.
           By default it also starts a Customer.io Track API simulator on 127.0.0.1 and sends to it.
           Its page (GET /) shows every delivery as it arrives, and runs the demo scenarios.
  demo     Send batches that show every kind of outcome through the real pipeline to the simulator,
           print a table per batch, and exit (non-zero if any outcome is not the expected one).

Options (serve):
  --port <n>          Port of the destination server (default 3000; 0 picks a free one)
  --host <addr>       Address to listen on (default 127.0.0.1)
  --sim-port <n>      Port of the simulator (default 0: a free one)
  --timeout-ms <n>    Timeout of each call to the Track API, for the answer and its body (default 10000)
  --fault <mode>      Make the simulator answer every Track request with a fault:
                      ${FAULT_MODES.join(', ')}
  --max-request-bytes <n>
                      The largest /api/v2/batch body the simulator accepts (default 500000); a lower
                      one makes it answer 413, and the destination halve and resend
  --account-region <us|eu>
                      The region of the simulated account, which GET /api/v1/accounts/region answers
                      (default us); with eu, POST /authenticate with the default (US) settings fails
  --live              Send to Customer.io for real instead of the simulator. Needs credentials:
  --site-id <id>        Site ID (or the CUSTOMERIO_SITE_ID environment variable)
  --api-key <key>       Track API key (or CUSTOMERIO_API_KEY)
  --region <US|EU>      Account region (default US)
  -h, --help          Show this help

Options (demo):
  --sim-port <n>      Port of the simulator (default 0: a free one)

Credentials are never printed: they are redacted from every response and log line.`

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'sim-port': { type: 'string' },
  fault: { type: 'string' },
  'timeout-ms': { type: 'string' },
  'max-request-bytes': { type: 'string' },
  'account-region': { type: 'string' },
  live: { type: 'boolean' },
  'site-id': { type: 'string' },
  'api-key': { type: 'string' },
  region: { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const

/** The simulator's own credentials: the destination authenticates with them, as it would with a real account. */
const SIMULATOR_SETTINGS: Settings = { siteId: 'sim-site-id', apiKey: 'sim-api-key', accountRegion: AccountRegion.US }

export async function main(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const { values, positionals } = parseArguments(argv)
  const command = positionals[0]
  if (values.help || !command) {
    out(HELP)
    return command || values.help ? 0 : 2
  }
  if (command === 'serve') {
    const running = await serve(values, out)
    await waitForSignal()
    await running.close()
    return 0
  }
  if (command === 'demo') return demo(values, out)
  throw new UsageError(`Unknown command "${command}". Run ./bin/run --help.`)
}

function parseArguments(
  argv: string[]
): ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>> {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    throw usageErrorOf(error)
  }
}

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string }

function portOf(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--${name} must be a port number, not "${text}".`)
  return port
}

function timeoutOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const ms = Number(text)
  if (!Number.isInteger(ms) || ms < 1)
    throw new UsageError(`--timeout-ms must be a whole number of milliseconds, not "${text}".`)
  return ms
}

function maxRequestBytesOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const bytes = Number(text)
  if (!Number.isInteger(bytes) || bytes < 1)
    throw new UsageError(`--max-request-bytes must be a whole number of bytes, not "${text}".`)
  return bytes
}

function accountRegionOf(text: string | undefined): SimulatedRegion | undefined {
  if (text === undefined) return undefined
  const region = text.toLowerCase()
  if (region !== 'us' && region !== 'eu') throw new UsageError(`--account-region must be us or eu, not "${text}".`)
  return region
}

function faultOf(text: string | undefined): FaultMode | undefined {
  if (text === undefined) return undefined
  if (!(FAULT_MODES as readonly string[]).includes(text)) {
    throw new UsageError(`--fault must be one of ${FAULT_MODES.join(', ')}, not "${text}".`)
  }
  return text as FaultMode
}

function liveSettings(values: Values): Settings {
  const siteId = values['site-id'] ?? process.env.CUSTOMERIO_SITE_ID
  const apiKey = values['api-key'] ?? process.env.CUSTOMERIO_API_KEY
  if (!siteId || !apiKey)
    throw new UsageError('--live needs --site-id and --api-key (or CUSTOMERIO_SITE_ID and CUSTOMERIO_API_KEY).')
  const region = (values.region ?? 'US').toUpperCase()
  if (region !== 'US' && region !== 'EU') throw new UsageError(`--region must be US or EU, not "${values.region}".`)
  return { siteId, apiKey, accountRegion: AccountRegion[region] }
}

/** An address that cannot be had is the user's to change: one line naming the option to change, not a stack. */
function listenFailure(error: unknown, option: 'port' | 'sim-port', host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (code === 'EADDRINUSE')
    return new UsageError(
      `Port ${port} on ${host} is in use: choose another with --${option} <n> (0 picks a free one).`
    )
  if (code === 'EACCES')
    return new UsageError(
      `Port ${port} on ${host} needs privileges: choose another with --${option} <n> (0 picks a free one).`
    )
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return new UsageError(`${host} is not an address of this machine: choose another with --host <addr>.`)
  return error
}

export interface Serving {
  server: RunningServer
  simulator?: Simulator
  close(): Promise<void>
}

/** What a caller of serve() may set beyond the command line: the limits on reading a request's body. */
export interface ServeTuning {
  bodyLimits?: ServerOptions['bodyLimits']
}

export async function serve(values: Values, out: (line: string) => void, tuning: ServeTuning = {}): Promise<Serving> {
  const port = portOf(values.port, 3000, 'port')
  const host = values.host ?? '127.0.0.1'
  const fault = faultOf(values.fault)
  const simPort = portOf(values['sim-port'], 0, 'sim-port')
  const requestTimeoutMs = timeoutOf(values['timeout-ms'])
  const maxRequestBytes = maxRequestBytesOf(values['max-request-bytes'])
  const accountRegion = accountRegionOf(values['account-region'])
  const settings = values.live ? liveSettings(values) : SIMULATOR_SETTINGS
  const [
    { createDestination },
    { startServer },
    { startSimulator },
    { definitionForRequest, linkSimulator },
    { simulatorControlRoutes }
  ] = await Promise.all([
    import('../index'),
    import('./local-server'),
    import('./simulator'),
    import('./simulator-link'),
    import('./simulator-control')
  ])
  const simulator = values.live
    ? undefined
    : await startSimulator({
        ...SIMULATOR_SETTINGS,
        port: simPort,
        fault: fault ? { mode: fault } : undefined,
        maxRequestBytes,
        accountRegion
      }).catch((error: unknown) => {
        throw listenFailure(error, 'sim-port', '127.0.0.1', simPort)
      })
  const hosts = simulator ? { US: simulator.url, EU: simulator.url } : undefined
  const link = simulator ? linkSimulator(simulator, requestTimeoutMs) : undefined
  let server: RunningServer
  try {
    server = await startServer({
      definition: createDestination({ hosts, requestTimeoutMs }),
      defaultSettings: settings,
      port,
      host,
      bodyLimits: tuning.bodyLimits,
      log: (line) => out(`  ${line}`),
      routes: simulatorControlRoutes(link),
      definitionFor: (request) => definitionForRequest(link, request)
    })
  } catch (error) {
    await simulator?.close()
    throw listenFailure(error, 'port', host, port)
  }
  out(startupText(server.url, simulator?.url, Boolean(values.live), host))
  return { server, simulator, close: () => closeBoth(server, simulator) }
}

async function closeBoth(server: RunningServer, simulator: Simulator | undefined): Promise<void> {
  await server.close()
  await simulator?.close()
}

export function startupText(listening: string, simulatorUrl: string | undefined, live: boolean, host: string): string {
  const url = reachableUrl(listening)
  const example = JSON.stringify({
    payload: [
      {
        type: 'track',
        event: 'Order Completed',
        userId: 'user-1',
        properties: { total: 42.5, placed_at: '2026-11-27T09:29:58.5Z' }
      },
      { type: 'track', event: 'x'.repeat(120), userId: 'user-2' },
      { type: 'track', event: 'Signed Up', anonymousId: 'anon-7' }
    ]
  })
  const head = [
    'customerio-actions: the Customer.io destination for Segment Actions',
    `  destination  ${url}  (GET /manifest, POST /authenticate, POST /delete, POST /<action>, GET /_deliveries)`,
    `  page         ${url}/  (every delivery and each event's outcome, live)`,
    ...exposureWarning(host, listening)
  ]
  if (live) {
    // No sample here: it would create test people in the real workspace.
    return [
      ...head,
      '  sending to   Customer.io, for real (--live)',
      '',
      'Every call reaches the real workspace: people and events are created, deleted, suppressed or merged there.',
      '',
      'Stop with Ctrl-C.'
    ].join('\n')
  }
  return [
    ...head,
    `  simulator    ${simulatorUrl}  (the Track API stand-in; what it accepted: ${url}/_sim/state)`,
    '',
    'Send a batch of three events, one of them invalid, and see every outcome:',
    `  curl -s -X POST ${url}/trackEvent -H 'content-type: application/json' -d '${example}'`,
    '',
    'Stop with Ctrl-C.'
  ].join('\n')
}

async function demo(values: Values, out: (line: string) => void): Promise<number> {
  const serving = await serve({ port: '0', 'sim-port': values['sim-port'] }, () => undefined)
  const simulator = serving.simulator as Simulator
  const [{ formatResult, runDemo }, { linkSimulator }, { demoTargetOf }, { formatStatsSummary }] = await Promise.all([
    import('./demo'),
    import('./simulator-link'),
    import('./simulator-control'),
    import('./stats-format')
  ])
  try {
    const results = await runDemo(demoTargetOf(serving.server, linkSimulator(simulator)))
    const batches = results.reduce((sum, result) => sum + (result.retry ? 2 : 1), 0)
    const through = `through Destination.executeBatch to the simulator at ${simulator.url}`
    out(`Demo: ${results.length} scenarios, ${batches} batches ${through}\n`)
    for (const result of results) out(`${formatResult(result, process.stdout.columns || 110)}\n`)
    const failed = results.filter((result) => !result.asExpected).length
    out(
      failed === 0 ? 'Every event got the expected outcome.' : `${failed} batch(es) did not get the expected outcomes.`
    )
    out(`\n${formatStatsSummary(serving.server.stats.summary())}`)
    return failed === 0 ? 0 : 1
  } finally {
    await serving.close()
  }
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof UsageError || error instanceof TypeError ? error.message : error)
      process.exit(2)
    }
  )
}
