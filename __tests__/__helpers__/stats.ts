import type { Logger, StatsContext } from '@segment/actions-core'

/** One call the destination made to the statsClient. */
export interface StatsCall {
  type: 'incr' | 'histogram' | 'set'
  name: string
  value: number | undefined
  tags: string[] | undefined
}

/** This destination's metrics; actions-core reports a few of its own (`destination.multistatus_discard`). */
function ours(name: string): boolean {
  return name.startsWith('actions-customerio.')
}

/**
 * A statsContext that records every call to a metric of this destination, with the platform's tags, and a logger
 * that records warnings.
 */
export function recordingPlatform(tags: string[] = ['workspace:ws-1']) {
  const calls: StatsCall[] = []
  const warnings: string[] = []
  const statsContext: StatsContext = {
    tags,
    statsClient: {
      incr: (name, value, callTags) => ours(name) && calls.push({ type: 'incr', name, value, tags: callTags }),
      histogram: (name, value, callTags) =>
        ours(name) && calls.push({ type: 'histogram', name, value, tags: callTags }),
      set: (name, value, callTags) => ours(name) && calls.push({ type: 'set', name, value, tags: callTags }),
      observe: () => undefined,
      _name: (name) => name,
      _tags: (callTags = []) => callTags
    }
  }
  const logger = silentLogger({ warn: (...message: string[]) => warnings.push(message.join(' ')) })
  return { statsContext, logger, calls, warnings }
}

/**
 * A statsClient that throws on every metric of this destination (actions-core's own calls, such as
 * `destination.multistatus_discard`, are not ours to guard), and a logger that throws too.
 */
export function throwingPlatform() {
  const fail = () => {
    throw new Error('the stats pipe is broken')
  }
  const failOurs = (name: string) => {
    if (name.startsWith('actions-customerio.')) fail()
  }
  const statsContext: StatsContext = {
    tags: ['workspace:ws-1'],
    statsClient: { incr: failOurs, histogram: failOurs, set: failOurs, observe: fail, _name: fail, _tags: fail }
  }
  return { statsContext, logger: silentLogger({ warn: fail, error: fail }) }
}

function silentLogger(overrides: Partial<Logger>): Logger {
  const none = () => undefined
  return {
    level: 'warn',
    name: 'test',
    debug: none,
    info: none,
    warn: none,
    error: none,
    crit: none,
    log: none,
    withTags: none,
    ...overrides
  }
}
