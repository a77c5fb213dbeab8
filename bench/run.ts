// npm run bench [-- --events 10000 --rounds 15 --batch-size 50 --turn-batches 4 --out bench/results/latest.json]
//
// The destination's own cost per event against a floor, in one run and on the same events (bench/floor.ts). For each
// action and sink mode, every event goes through each side's Destination.executeBatch, one batch at a time, against a
// local sink in a child process, so that the sink's CPU stays out of this process's process.cpuUsage(). Within a round
// the sides take turns of a few batches (who goes first alternating), so that both share every slow spell of the
// machine; after a warm-up round, each round gives ours/floor of CPU per event, and the median of those ratios is
// reported. npm run bench compiles bench/ with tsc first (bench/tsconfig.json, into
// node_modules/.cache/customerio-actions-bench) so that no TypeScript compiler sits in the measured heap.
//
// One side, one action or one mode: --only ours|floor, --actions trackEvent,createUpdatePerson, --modes 200,207;
// --no-micro and --no-memory skip those parts. --floor-as-ours runs the floor on both sides: its ratio is the method's
// own error, which should be 1.00 within a few hundredths. To profile, after one npm run bench:
//   B=node_modules/.cache/customerio-actions-bench/bench
//   node --expose-gc --cpu-prof --cpu-prof-dir=bench/results $B/run.js --only ours --no-micro --no-memory
//   node $B/profile-top.js bench/results/<file>.cpuprofile [--top 30] [--filter src/]
import { fork, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PerformanceObserver, performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { Destination, defaultValues, type JSONObject, type SegmentEvent } from '@segment/actions-core'
import { createDestination } from '../src'
import type { Settings } from '../src/generated-types'
import { AccountRegion } from '../src/track-api/endpoints'
import type { Payload as TrackPayload } from '../src/trackEvent/generated-types'
import type { Payload as PersonPayload } from '../src/createUpdatePerson/generated-types'
import { identifyEvents, trackEvents } from './events'
import { floorDefinition } from './floor'
import { mappedPayloads, median, runMicro, type MicroResults } from './micro'
import type { SinkMessage } from './sink'

const ACTIONS = ['trackEvent', 'createUpdatePerson'] as const
type ActionKey = (typeof ACTIONS)[number]
/** The sink's answers: 200 {} for every batch, or 207 naming every 10th item as invalid. */
const MODES = ['200', '207'] as const
type Mode = (typeof MODES)[number]
const MODE_PATH: Record<Mode, string> = { '200': 'ok', '207': 'm207' }
const IMPLS = ['ours', 'floor'] as const
type Impl = (typeof IMPLS)[number]

const SETTINGS: Settings = { siteId: 'bench-site', apiKey: 'bench-key', accountRegion: AccountRegion.US }

/** One side's totals over its turns of one round. */
interface RoundResult {
  events: number
  wallMs: number
  cpuUs: number
  /** Of cpuUs, the part the kernel spent (sockets). */
  systemUs: number
  /** Main-thread GC pauses that began during the side's turns, in milliseconds (perf_hooks 'gc' entries). */
  gcMs: number
  eventsPerSecond: number
  cpuUsPerEvent: number
  /** The highest RSS sampled after any of the side's turns in the round, in bytes. */
  peakRss: number
  /** How many events got each status, to check that both sides delivered what they should. */
  statuses: Record<string, number>
}

interface ConfigSummary {
  action: ActionKey
  mode: Mode
  impl: Impl
  rounds: number
  eventsPerSecond: number
  cpuUsPerEvent: number
  peakRssMb: number
  statuses: Record<string, number>
  all: RoundResult[]
}

/** node --expose-gc: a full collection without options, a scavenge of the young generation with `{ type: 'minor' }`. */
const gc = (globalThis as { gc?: (options?: { type: 'major' | 'minor' }) => void }).gc

/** Main-thread GC pauses not yet given to a side: when each began (performance.now()) and how long it lasted. */
const gcPauses: { start: number; durationMs: number }[] = []
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauses.push({ start: entry.startTime, durationMs: entry.duration })
}).observe({ entryTypes: ['gc'] })

function parseOptions() {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '10000' },
      rounds: { type: 'string', default: '15' },
      'batch-size': { type: 'string', default: '50' },
      'turn-batches': { type: 'string', default: '4' },
      out: { type: 'string', default: path.join('bench', 'results', 'latest.json') },
      only: { type: 'string' },
      actions: { type: 'string', default: ACTIONS.join(',') },
      modes: { type: 'string', default: MODES.join(',') },
      'no-micro': { type: 'boolean', default: false },
      'no-memory': { type: 'boolean', default: false },
      'floor-as-ours': { type: 'boolean', default: false }
    }
  })
  const events = positiveInteger(values.events, '--events')
  const rounds = positiveInteger(values.rounds, '--rounds')
  const batchSize = positiveInteger(values['batch-size'], '--batch-size')
  const turnBatches = positiveInteger(values['turn-batches'], '--turn-batches')
  const impls = values.only === undefined ? [...IMPLS] : IMPLS.filter((impl) => impl === values.only)
  const actions = ACTIONS.filter((action) => values.actions.split(',').includes(action))
  const modes = MODES.filter((mode) => values.modes.split(',').includes(mode))
  if (impls.length === 0 || actions.length === 0 || modes.length === 0) throw new Error('Nothing to run.')
  return {
    events,
    rounds,
    batchSize,
    turnBatches,
    impls,
    actions,
    modes,
    out: values.out,
    micro: !values['no-micro'],
    memory: !values['no-memory'],
    floorAsOurs: values['floor-as-ours']
  }
}

function positiveInteger(text: string, name: string): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not ${text}`)
  return value
}

/** Starts the sink in a child process and resolves with its origin. */
async function startSink(): Promise<{ child: ChildProcess; origin: string }> {
  const typescript = __filename.endsWith('.ts')
  const child = fork(path.join(__dirname, typescript ? 'sink.ts' : 'sink.js'), [], {
    execArgv: typescript ? ['-r', 'ts-node/register/transpile-only'] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`The sink exited with code ${code}`)))
    child.on('message', (message: SinkMessage) => {
      if (message.type === 'listening') resolve(message.port)
    })
  })
  child.removeAllListeners('exit')
  return { child, origin: `http://127.0.0.1:${port}` }
}

function sinkStats(child: ChildProcess): Promise<Extract<SinkMessage, { type: 'stats' }>> {
  return new Promise((resolve) => {
    const listener = (message: SinkMessage) => {
      if (message.type !== 'stats') return
      child.off('message', listener)
      resolve(message)
    }
    child.on('message', listener)
    child.send({ type: 'stats' })
  })
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size))
  return chunks
}

/**
 * actions-core's Destination keeps every HTTP response (with its request) in `responses`, for test harnesses; a
 * server drains it (src/serve does). Drained after each batch, on both sides alike, or the heap grows by gigabytes.
 */
function forgetResponses(destination: Destination<Settings>): void {
  destination.responses.length = 0
}

/** Each side's destination for one sink mode, in the order of the first turn. */
type Sides = readonly { impl: Impl; destination: Destination<Settings> }[]

/** A side's running totals over its turns of one round. */
interface SideTally {
  events: number
  wallMs: number
  cpuUs: number
  systemUs: number
  peakRss: number
  statuses: Record<string, number>
  /** When each of its turns ran (performance.now()), to give it the GC pauses that began in them. */
  turns: { start: number; end: number }[]
}

/**
 * One round: every batch through each side's executeBatch, one batch at a time. The sides take turns of `turnBatches`
 * batches (the same batches for both, who goes first alternating from turn to turn), so that a slow spell of the
 * machine, which lasts longer than a turn, falls on both sides alike. A side's CPU, wall and GC pause times are the
 * sums over its own turns.
 */
async function runRound(
  sides: Sides,
  action: ActionKey,
  batches: SegmentEvent[][],
  mapping: JSONObject,
  turnBatches: number
): Promise<Partial<Record<Impl, RoundResult>>> {
  // Each round starts with an empty young generation, so no round pays for the previous one's short-lived garbage. Not
  // a full GC: that would also drop the hidden classes and caches that a long-running worker keeps, and make every
  // round pay to rebuild them (objects created by spreads pay most).
  gc?.({ type: 'minor' })
  const pausesBefore = gcPauses.length
  const tallies = sides.map((): SideTally => ({
    events: 0,
    wallMs: 0,
    cpuUs: 0,
    systemUs: 0,
    peakRss: 0,
    statuses: {},
    turns: []
  }))
  for (let first = 0, turn = 0; first < batches.length; first += turnBatches, turn++) {
    const turnOf = batches.slice(first, first + turnBatches)
    for (let k = 0; k < sides.length; k++) {
      const side = turn % 2 === 0 ? k : sides.length - 1 - k
      await runTurn(sides[side].destination, action, turnOf, mapping, tallies[side])
    }
  }
  // The GC entries of the round's last turns are delivered on a later tick.
  await new Promise((resolve) => setImmediate(resolve))
  const pauses = gcPauses.splice(pausesBefore)
  const results: Partial<Record<Impl, RoundResult>> = {}
  sides.forEach(({ impl }, side) => {
    const tally = tallies[side]
    const gcMs = pauses
      .filter((pause) => tally.turns.some((turn) => pause.start >= turn.start && pause.start < turn.end))
      .reduce((total, pause) => total + pause.durationMs, 0)
    results[impl] = {
      events: tally.events,
      wallMs: tally.wallMs,
      cpuUs: tally.cpuUs,
      systemUs: tally.systemUs,
      gcMs,
      eventsPerSecond: tally.events / (tally.wallMs / 1000),
      cpuUsPerEvent: tally.cpuUs / tally.events,
      peakRss: tally.peakRss,
      statuses: tally.statuses
    }
  })
  return results
}

/** One side's turn: its batches through executeBatch, one at a time, added to its tally. */
async function runTurn(
  destination: Destination<Settings>,
  action: ActionKey,
  batches: SegmentEvent[][],
  mapping: JSONObject,
  tally: SideTally
): Promise<void> {
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  for (const events of batches) {
    const results = await destination.executeBatch(action, { events, mapping, settings: SETTINGS })
    forgetResponses(destination)
    tally.events += events.length
    for (const result of results) {
      const key = String(result.status)
      tally.statuses[key] = (tally.statuses[key] ?? 0) + 1
    }
  }
  const ended = performance.now()
  const cpu = process.cpuUsage(cpuBefore)
  tally.wallMs += ended - started
  tally.cpuUs += cpu.user + cpu.system
  tally.systemUs += cpu.system
  tally.turns.push({ start: started, end: ended })
  tally.peakRss = Math.max(tally.peakRss, process.memoryUsage.rss())
}

/**
 * What each side must report, or the run measured something else: ours marks exactly the items the 207 names (every
 * 10th of each batch) as failed and the rest delivered; the floor (`readsAnswers` false) reports every event delivered.
 */
function checkStatuses(readsAnswers: boolean, mode: Mode, batches: SegmentEvent[][], round: RoundResult): void {
  const rejected = readsAnswers && mode === '207' ? batches.reduce((n, b) => n + Math.floor(b.length / 10), 0) : 0
  const expected: Record<string, number> = { '200': round.events - rejected }
  if (rejected > 0) expected['400'] = rejected
  if (JSON.stringify(round.statuses) !== JSON.stringify(expected)) {
    throw new Error(
      `${readsAnswers ? 'ours' : 'floor'} ${mode}: expected statuses ${JSON.stringify(expected)}, got ${JSON.stringify(round.statuses)}`
    )
  }
}

function summarise(action: ActionKey, mode: Mode, impl: Impl, rounds: RoundResult[]): ConfigSummary {
  return {
    action,
    mode,
    impl,
    rounds: rounds.length,
    eventsPerSecond: median(rounds.map((round) => round.eventsPerSecond)),
    cpuUsPerEvent: median(rounds.map((round) => round.cpuUsPerEvent)),
    peakRssMb: Math.max(...rounds.map((round) => round.peakRss)) / 2 ** 20,
    statuses: rounds[0].statuses,
    all: rounds
  }
}

/**
 * Memory as batches accumulate: ours, 2 × N events (the events cycled), heap and RSS after a GC before the first batch
 * and at each quarter.
 */
async function memoryGrowth(
  destination: Destination<Settings>,
  action: ActionKey,
  batches: SegmentEvent[][],
  mapping: JSONObject
) {
  const total = batches.length * 2
  const checkpoints = [1, 2, 3, 4].map((quarter) => Math.round((total * quarter) / 4))
  const samples: { batches: number; events: number; rssMb: number; heapUsedMb: number }[] = []
  const sample = (batchesSoFar: number, events: number) => {
    gc?.()
    const usage = process.memoryUsage()
    samples.push({ batches: batchesSoFar, events, rssMb: usage.rss / 2 ** 20, heapUsedMb: usage.heapUsed / 2 ** 20 })
  }
  sample(0, 0)
  let events = 0
  for (let b = 0; b < total; b++) {
    const batch = batches[b % batches.length]
    await destination.executeBatch(action, { events: batch, mapping, settings: SETTINGS })
    forgetResponses(destination)
    events += batch.length
    if (checkpoints.includes(b + 1)) sample(b + 1, events)
  }
  return { action, mode: '207' as Mode, impl: 'ours' as Impl, gcBeforeSample: gc !== undefined, samples }
}

function machine() {
  const cpus = os.cpus()
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    totalMemoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    date: new Date().toISOString()
  }
}

const fixed = (value: number, digits: number) => value.toFixed(digits)

function printTable(summaries: ConfigSummary[], ratios: RatioSummary[]): void {
  const header = ['action', 'sink', 'impl', 'events/s', 'CPU µs/event', 'peak RSS MB', 'CPU ours/floor']
  const rows = summaries.map((summary) => {
    const ratio = ratios.find((entry) => entry.action === summary.action && entry.mode === summary.mode)
    return [
      summary.action,
      summary.mode,
      summary.impl,
      fixed(summary.eventsPerSecond, 0),
      fixed(summary.cpuUsPerEvent, 1),
      fixed(summary.peakRssMb, 0),
      summary.impl === 'ours' && ratio
        ? `${fixed(ratio.ratio, 3)} (rounds ${fixed(Math.min(...ratio.pairRatios), 2)}–${fixed(Math.max(...ratio.pairRatios), 2)})`
        : ''
    ]
  })
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)))
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')
  console.log(line(header))
  console.log(widths.map((width) => '-'.repeat(width)).join('-+-'))
  for (const row of rows) console.log(line(row))
}

interface RatioSummary {
  action: ActionKey
  mode: Mode
  /**
   * The median of the rounds' ratios, ours CPU µs/event over the floor's in the same round. The two sides of a round
   * ran in the same stretch of time, so the machine's drift from round to round cancels in each ratio; a ratio of the
   * two sides' medians would mix rounds that ran at different times.
   */
  ratio: number
  /** The ratio of each round, for the spread. */
  pairRatios: number[]
  /** median(ours CPU µs/event) / median(floor CPU µs/event), for comparison. */
  ratioOfMedians: number
}

async function main(): Promise<void> {
  const options = parseOptions()
  const runStarted = performance.now()
  const { child, origin } = await startSink()
  const real = createDestination()
  const destinations = {} as Record<Impl, Record<Mode, Destination<Settings>>>
  for (const impl of IMPLS) {
    destinations[impl] = {} as Record<Mode, Destination<Settings>>
    for (const mode of MODES) {
      const modeOrigin = `${origin}/${MODE_PATH[mode]}`
      destinations[impl][mode] = new Destination<Settings>(
        impl === 'ours' && !options.floorAsOurs
          ? createDestination({ hosts: { US: modeOrigin, EU: modeOrigin } })
          : floorDefinition(real, modeOrigin)
      )
    }
  }
  /** Generated per action when needed, so only one action's events are in the heap at a time. */
  const eventsOf = (action: ActionKey, count = options.events): SegmentEvent[] =>
    action === 'trackEvent' ? trackEvents(count) : identifyEvents(count)
  const mappingOf = (action: ActionKey) => defaultValues(real.actions[action].fields) as JSONObject

  console.log(
    `${options.events} events per round, batches of ${options.batchSize}, turns of ${options.turnBatches} batches, ` +
      `${options.rounds} rounds after a warm-up; ` +
      `sink at ${origin} (child process)${gc ? '' : '; no --expose-gc, so no scavenge between rounds'}`
  )
  const summaries: ConfigSummary[] = []
  const ratios: RatioSummary[] = []
  for (const action of options.actions) {
    const batches = chunk(eventsOf(action), options.batchSize)
    const mapping = mappingOf(action)
    // The new events settle in the old generation now, not during the first measured rounds.
    gc?.()
    for (const mode of options.modes) {
      const results: Record<Impl, RoundResult[]> = { ours: [], floor: [] }
      const sides: Sides = options.impls.map((impl) => ({ impl, destination: destinations[impl][mode] }))
      const round = async (r: number) => {
        // Who opens the round alternates too, so neither side always takes the first turn after the scavenge.
        const order = r % 2 === 0 ? sides : [...sides].reverse()
        const result = await runRound(order, action, batches, mapping, options.turnBatches)
        for (const { impl } of sides) {
          const side = result[impl] as RoundResult
          checkStatuses(impl === 'ours' && !options.floorAsOurs, mode, batches, side)
          if (r >= 0) results[impl].push(side)
        }
      }
      // A warm-up round (-1), then the measured ones.
      for (let r = -1; r < options.rounds; r++) await round(r)
      for (const impl of options.impls) {
        const summary = summarise(action, mode, impl, results[impl])
        summaries.push(summary)
        console.log(
          `  ${action} ${mode} ${impl}: ${fixed(summary.cpuUsPerEvent, 1)} µs/event, ` +
            `${fixed(summary.eventsPerSecond, 0)} events/s, statuses ${JSON.stringify(summary.statuses)}`
        )
      }
      if (results.ours.length > 0 && results.floor.length > 0) {
        const ours = summaries[summaries.length - 2]
        const floor = summaries[summaries.length - 1]
        const pairRatios = results.ours.map((round, i) => round.cpuUsPerEvent / results.floor[i].cpuUsPerEvent)
        ratios.push({
          action,
          mode,
          ratio: median(pairRatios),
          pairRatios,
          ratioOfMedians: ours.cpuUsPerEvent / floor.cpuUsPerEvent
        })
      }
    }
  }

  let memory: Awaited<ReturnType<typeof memoryGrowth>> | undefined
  if (options.memory && options.impls.includes('ours') && !options.floorAsOurs) {
    const action = options.actions[0]
    memory = await memoryGrowth(
      destinations.ours['207'],
      action,
      chunk(eventsOf(action), options.batchSize),
      mappingOf(action)
    )
  }

  let micro: MicroResults | undefined
  if (options.micro) {
    const sample = Math.min(options.events, 2000)
    const trackPayloads = (await mappedPayloads(
      real,
      'trackEvent',
      eventsOf('trackEvent', sample),
      mappingOf('trackEvent'),
      SETTINGS,
      options.batchSize
    )) as unknown as TrackPayload[]
    const personPayloads = (await mappedPayloads(
      real,
      'createUpdatePerson',
      eventsOf('createUpdatePerson', sample),
      mappingOf('createUpdatePerson'),
      SETTINGS,
      options.batchSize
    )) as unknown as PersonPayload[]
    micro = runMicro(trackPayloads, personPayloads)
  }

  const sink = await sinkStats(child)
  child.disconnect()
  const durationSeconds = (performance.now() - runStarted) / 1000

  console.log('')
  printTable(summaries, ratios)
  if (ratios.length > 0) {
    const all = ratios.map((entry) => entry.ratio)
    console.log(
      `\nours/floor CPU per event: ${all.map((ratio) => fixed(ratio, 3)).join(', ')} (max ${fixed(Math.max(...all), 3)})`
    )
  }
  if (micro) {
    const p = micro.parseBatchResponse207
    console.log(
      `parseBatchResponse, 207 with 100 errors on 100 items: ${fixed(p.opsPerSecond, 0)} ops/s, ${fixed(p.usPerOp, 1)} µs/op`
    )
    for (const action of ACTIONS) {
      const build = micro.buildAndSerialize[action]
      const stringify = micro.stringifyPayloadOnly[action]
      const mapper = micro.mapperOnly[action]
      console.log(
        `buildBatchItem + serializeItem, ${action}: ${fixed(build.usPerOp, 2)} µs/item (${build.bytesPerItem} bytes; ` +
          `of which the action's mapper ${fixed(mapper.usPerOp, 2)} µs; ` +
          `JSON.stringify of the payload alone ${fixed(stringify.usPerOp, 2)} µs)`
      )
    }
  }
  if (memory) {
    const rss = memory.samples.map((sample) => `${fixed(sample.rssMb, 0)}`).join(' → ')
    const heap = memory.samples.map((sample) => `${fixed(sample.heapUsedMb, 1)}`).join(' → ')
    console.log(
      `memory, ours ${memory.action} 207, ${memory.samples.map((sample) => sample.events).join(' / ')} events: ` +
        `RSS ${rss} MB, heap used ${heap} MB${memory.gcBeforeSample ? ' (after GC)' : ''}`
    )
  }
  const expectedItems =
    summaries.reduce((total, summary) => total + summary.all.length + 1, 0) * options.events +
    (memory ? memory.samples[memory.samples.length - 1].events : 0)
  console.log(
    `sink: ${sink.requests} requests, ${sink.items} items (${sink.items === expectedItems ? 'all' : `expected ${expectedItems}`}), ` +
      `${sink.rejected} rejected by the 207 mode`
  )
  console.log(
    `run took ${fixed(durationSeconds, 1)} s; peak RSS of the process ${fixed(process.resourceUsage().maxRSS / 1024, 0)} MB`
  )

  const report = {
    machine: machine(),
    options: {
      events: options.events,
      rounds: options.rounds,
      batchSize: options.batchSize,
      turnBatches: options.turnBatches,
      scavengeBetweenRounds: gc !== undefined
    },
    durationSeconds,
    configurations: summaries,
    ratios,
    micro,
    memory,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    sink: { ...sink, expectedItems }
  }
  fs.mkdirSync(path.dirname(options.out), { recursive: true })
  fs.writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`)
  console.log(`wrote ${options.out}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
