// What every route's handler of the local server is given besides its call: the destination, the history, the stats.
import type http from 'node:http'
import type { DestinationDefinition, JSONObject, SegmentEvent } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import type { DeliveryLog, DeliveryRecord } from './delivery-log'
import type { DestinationCalls } from './destination-calls'
import type { StatsCollector } from './stats-collector'

export interface ServerContext {
  definition: DestinationDefinition<Settings>
  calls: DestinationCalls
  deliveries: DeliveryLog
  /** What the destination reported through its statsContext and logger (GET /_stats). */
  stats: StatsCollector
  /** Settings for calls that bring none (the simulator's credentials, or those given with --live). */
  defaultSettings?: Settings
  /** The definition for one action call, chosen by its request (the `x-sim-fault` header); undefined: the default. */
  definitionFor?: (request: http.IncomingMessage) => DestinationDefinition<Settings> | undefined
  /**
   * Runs one batch through the pipeline as POST /<action> would, with the default settings and mapping overrides,
   * through `via` when given (a definition pointed at a simulator fault, say).
   */
  runBatch(
    action: string,
    events: SegmentEvent[],
    mapping?: JSONObject,
    via?: DestinationDefinition<Settings>
  ): Promise<DeliveryRecord>
}
