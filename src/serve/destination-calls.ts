// The local server's calls into the destination, one at a time (so each call's HTTP exchanges are its own), each
// recorded in the delivery history with credentials redacted. The batch path is Destination.executeBatch: see
// runBatch. Every call comes checked (call-checks.ts); an event its check refused is refused alone, at its index.
import { Destination, defaultValues } from '@segment/actions-core'
import type {
  DestinationDefinition,
  JSONObject,
  Logger,
  ModifiedResponse,
  SegmentEvent,
  StatsContext
} from '@segment/actions-core'
import type { Settings } from '../generated-types'
import { isOutsideCampaignWindow } from '../track-api/campaign-window'
import { InvalidSettingsError } from '../track-api/settings'
import { stateOf, type DeliveryLog, type DeliveryRecord, type EventOutcome } from './delivery-log'
import { summarizeExchange, summarizeResponse, type Exchange } from './exchanges'
import { BadRequest } from './http-json'
import { redactSecrets, secretsOf } from './redact'
import { describeThrown, networkFailure, withAnswerReason } from './thrown'

export interface CallsOptions {
  definition: DestinationDefinition<Settings>
  deliveries: DeliveryLog
  /** Settings for calls that bring none; their credentials are redacted from every record. */
  defaultSettings?: Settings
  log: (line: string) => void
  /** What the platform hands every call: where the destination reports its metrics and warnings. */
  platform?: { statsContext: StatsContext; logger: Logger }
}

export class DestinationCalls {
  private readonly destinations = new WeakMap<DestinationDefinition<Settings>, Destination<Settings>>()
  private readonly destination: Destination<Settings>
  private readonly defaultSecrets: string[]
  private queue: Promise<unknown> = Promise.resolve()
  /** The error testAuthentication threw, before actions-core rewords every one as "Credentials are invalid". */
  private authError: unknown

  constructor(private readonly options: CallsOptions) {
    this.destination = new Destination<Settings>(this.capturingAuthErrors(options.definition))
    this.defaultSecrets = options.defaultSettings ? secretsOf(options.defaultSettings) : []
  }

  /** The action's own key only: `constructor` or `toString` are no actions. */
  hasAction(slug: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.destination.actions, slug)
  }

  actionNames(): string[] {
    return Object.keys(this.destination.actions)
  }

  /** The mapping of a call: each field's default, then the call's own keys. */
  mappingOf(slug: string, mapping: JSONObject = {}): JSONObject {
    return { ...defaultValues(this.destination.actions[slug].definition.fields), ...mapping }
  }

  /** The batch path, through `via` when given (a definition pointed elsewhere, such as a simulator fault). */
  runBatch(
    slug: string,
    events: JSONObject[],
    settings: Settings,
    mapping: JSONObject,
    via?: DestinationDefinition<Settings>,
    refusals: ReadonlyArray<string | undefined> = []
  ): Promise<DeliveryRecord> {
    const destination = this.destinationFor(via)
    const secrets = this.secretsOf(settings)
    const base = { action: slug, kind: 'batch' as const, events: events.length }
    const refused: EventOutcome[] = []
    const accepted: number[] = []
    events.forEach((_event, index) => {
      const message = refusals[index]
      if (message === undefined) accepted.push(index)
      else refused.push({ index, status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED', errormessage: message })
    })
    return this.serialized(async () => {
      let record: DeliveryRecord
      try {
        const sent = accepted.map((index) => events[index])
        const startedAtMs = Date.now()
        // The server's one call of Destination.executeBatch.
        const nodes =
          sent.length === 0
            ? []
            : await destination.executeBatch(slug, {
                events: asEvents(sent),
                settings,
                mapping,
                ...this.options.platform
              })
        // An event the destination refused before sending has no payload in its node: the event it was given is kept.
        const outcomes = [
          ...refused,
          ...nodes.map((node, at): EventOutcome =>
            markCampaignWindow(
              { index: accepted[at], ...node, ...(node.body === undefined && { event: sent[at] }) },
              startedAtMs
            )
          )
        ]
        outcomes.sort((a, b) => a.index - b.index)
        record = this.record({ ...base, outcomes, exchanges: takeExchanges(destination) }, secrets)
      } catch (error) {
        const thrown = describeThrown(error)
        record = this.record({ ...base, outcomes: refused, thrown, exchanges: takeExchanges(destination) }, secrets)
      }
      this.options.log(summaryLine(record))
      return record
    })
  }

  /** The single path: the exchanges, as the stock CLI answers, or the error the platform would see. */
  runSingle(
    slug: string,
    payload: JSONObject,
    settings: Settings,
    mapping: JSONObject,
    via?: DestinationDefinition<Settings>
  ): Promise<unknown> {
    const destination = this.destinationFor(via)
    const secrets = this.secretsOf(settings)
    const base = { action: slug, kind: 'single' as const, events: 1 }
    return this.serialized(async () => {
      try {
        const startedAtMs = Date.now()
        await destination.actions[slug].execute({
          data: payload,
          settings,
          mapping,
          auth: undefined,
          ...this.options.platform
        })
        const exchanges = takeExchanges(destination)
        const last = exchanges[exchanges.length - 1]
        const status = last?.response.statusCode ?? 200
        const outcomes = [markCampaignWindow({ index: 0, status, body: payload, sent: parseSent(last) }, startedAtMs)]
        const record = this.record({ ...base, outcomes, exchanges }, secrets)
        this.options.log(summaryLine(record))
        return record.exchanges
      } catch (error) {
        const exchanges = takeExchanges(destination)
        const thrown = withAnswerReason(describeThrown(error), exchanges)
        const record = this.record({ ...base, outcomes: [], thrown, exchanges }, secrets)
        this.options.log(summaryLine(record))
        return [{ statusCode: record.thrown?.status ?? 500, message: record.thrown?.message, requestError: true }]
      }
    })
  }

  /** `{ok: true}`, or why not: a network failure says so instead of blaming the credentials. */
  authenticate(settings: Settings): Promise<{ ok: boolean; error?: string }> {
    const secrets = this.secretsOf(settings)
    return this.serialized(async () => {
      this.authError = undefined
      try {
        await this.destination.testAuthentication(settings)
        this.options.deliveries.add({
          action: 'authenticate',
          kind: 'authenticate',
          events: 0,
          outcomes: [],
          exchanges: []
        })
        this.options.log('POST /authenticate: ok')
        return { ok: true }
      } catch (error) {
        // A refused setting (the other region than the account's) is not invalid credentials: its own words.
        const refused = this.authError instanceof InvalidSettingsError ? this.authError.message : undefined
        const network = networkFailure(this.authError)
        const thrown = error instanceof Error ? error.message : String(error)
        const message = redactSecrets(refused ?? network ?? thrown, secrets)
        this.options.log(`POST /authenticate: ${message}`)
        return { ok: false, error: message }
      }
    })
  }

  /** Segment's deletion of a person: the exchange, or the error the platform would see. */
  deletePerson(payload: JSONObject, settings: Settings): Promise<unknown> {
    const secrets = this.secretsOf(settings)
    const base = { action: 'delete', kind: 'delete' as const, events: 1 }
    return this.serialized(async () => {
      const onDelete = this.destination.onDelete
      if (!onDelete) throw new BadRequest('This destination does not support deletion.', 404)
      try {
        const result = await onDelete.call(this.destination, asEvents([payload])[0], settings as unknown as JSONObject)
        const exchanges = isResponse(result) ? [summarizeResponse(result, 'DELETE')] : []
        const status = exchanges[0]?.response.statusCode ?? 200
        const record = this.record({ ...base, outcomes: [{ index: 0, status, body: payload }], exchanges }, secrets)
        this.options.log(summaryLine(record))
        return record.exchanges
      } catch (error) {
        const thrown = redactSecrets(describeThrown(error), secrets)
        this.options.deliveries.add({ ...base, outcomes: [], thrown, exchanges: [] })
        this.options.log(`POST /delete: ${thrown.message}`)
        return [{ statusCode: thrown.status ?? 500, message: thrown.message, requestError: true }]
      }
    })
  }

  /** A message with every credential this server knows of replaced. */
  redact(text: string): string {
    return redactSecrets(text, this.defaultSecrets)
  }

  private record(delivery: Parameters<DeliveryLog['add']>[0], secrets: string[]): DeliveryRecord {
    return this.options.deliveries.add(redactSecrets(delivery, secrets))
  }

  private secretsOf(settings: Settings): string[] {
    return [...this.defaultSecrets, ...secretsOf(settings)]
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => undefined)
    return run
  }

  private destinationFor(via: DestinationDefinition<Settings> | undefined): Destination<Settings> {
    if (via === undefined) return this.destination
    let destination = this.destinations.get(via)
    if (destination === undefined) {
      destination = new Destination<Settings>(via)
      this.destinations.set(via, destination)
    }
    return destination
  }

  private capturingAuthErrors(definition: DestinationDefinition<Settings>): DestinationDefinition<Settings> {
    const authentication = definition.authentication
    const test = authentication?.testAuthentication
    if (!authentication || !test) return definition
    return {
      ...definition,
      authentication: {
        ...authentication,
        testAuthentication: async (request, data) => {
          try {
            return await test(request, data)
          } catch (error) {
            this.authError = error
            throw error
          }
        }
      }
    }
  }
}

/** The definition as JSON: functions dropped, as the stock CLI's /manifest does. */
export function manifestOf(definition: DestinationDefinition<Settings>): unknown {
  return { ...JSON.parse(JSON.stringify(definition)), directoryName: 'customerio' }
}

function summaryLine(record: DeliveryRecord): string {
  const what = record.thrown
    ? `threw ${record.thrown.message}${record.thrown.retryable ? ' (the platform retries it)' : ''}`
    : `${record.succeeded} ok, ${record.failed} failed, ${record.retried} to retry`
  return `${record.kind} ${record.action}: ${record.events} event(s), ${what}`
}

/**
 * The outcome marked when its event was delivered outside Customer.io's campaign window at `startedAtMs` (just before
 * the destination was called): read from the item sent before the history truncates it.
 */
function markCampaignWindow(outcome: EventOutcome, startedAtMs: number): EventOutcome {
  const outside = stateOf(outcome.status) === 'delivered' && isOutsideCampaignWindow(outcome.sent, startedAtMs)
  return outside ? { ...outcome, campaignWindow: 'outside' } : outcome
}

function takeExchanges(destination: Destination<Settings>): Exchange[] {
  return destination.responses.splice(0).map(summarizeExchange)
}

function parseSent(exchange: Exchange | undefined): unknown {
  if (!exchange?.request.body) return undefined
  try {
    return JSON.parse(exchange.request.body)
  } catch {
    return exchange.request.body
  }
}

/** Payloads are used as they come, as the stock CLI does: the mapping reads what it needs of each event. */
function asEvents(payloads: JSONObject[]): SegmentEvent[] {
  return payloads as unknown as SegmentEvent[]
}

function isResponse(value: unknown): value is ModifiedResponse {
  const candidate = value as { status?: unknown; url?: unknown } | null
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.status === 'number' &&
    typeof candidate.url === 'string'
  )
}
