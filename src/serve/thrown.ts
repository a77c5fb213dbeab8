// What an error thrown by the destination means for the local server: the status, message and retry the platform
// would see, and whether it is a network failure (no answer at all) rather than an answer.
import { isRetryableStatus } from '../track-api/error-types'
import { messageFromErrorBody } from '../track-api/parse-response'
import type { DeliveryRecord } from './delivery-log'
import type { Exchange } from './exchanges'

export type Thrown = NonNullable<DeliveryRecord['thrown']>

/** What an error thrown by the destination tells the platform: its status, its message, whether to retry. */
export function describeThrown(error: unknown): Thrown {
  const record = error as { name?: unknown; status?: unknown; response?: { status?: unknown }; code?: unknown }
  const message = error instanceof Error ? error.message : String(error)
  // Field validation (ajv) carries no status; it is the event's own fault, as in the batch path's 400.
  if (record?.name === 'AggregateAjvError') return { status: 400, message, retryable: false }
  const status =
    typeof record?.response?.status === 'number'
      ? record.response.status
      : typeof record?.status === 'number'
        ? record.status
        : undefined
  const network = status === undefined && typeof record?.code === 'string'
  return {
    status,
    message: record?.response ? `HTTP ${status}: ${message}` : message,
    retryable: network || (status !== undefined && isRetryableStatus(status))
  }
}

/** A message for an error that got no answer at all (refused, unreachable, timed out); undefined for others. */
export function networkFailure(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined
  const candidate = error as Error & { response?: unknown; code?: unknown }
  const noAnswer =
    candidate.response === undefined && (typeof candidate.code === 'string' || /timeout/i.test(error.name))
  if (!noAnswer) return undefined
  return `The network failed, so the credentials were not checked: ${error.message}`
}

/** An HTTP error says only its status text; Customer.io's reason is in the body of the answer it carries. */
export function withAnswerReason(thrown: Thrown, exchanges: Exchange[]): Thrown {
  const answer = exchanges[exchanges.length - 1]?.response
  if (thrown.status === undefined || answer?.statusCode !== thrown.status) return thrown
  const reason = messageFromErrorBody(answer.body)
  return reason ? { ...thrown, message: `${thrown.message}: ${reason}` } : thrown
}
