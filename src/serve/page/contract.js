// @ts-check
// The JSON the deliveries page reads from the local server (GET /_deliveries, GET /_events), as types only. The server
// decides every state and limit; the page shows them and classifies nothing itself.
export {}

/**
 * @typedef {'delivered' | 'failed' | 'retried'} EventState
 *
 * @typedef {{ truncated: true, bytes: number, preview: string }} Truncated
 *
 * @typedef {object} Outcome
 * @property {number} index
 * @property {number} status
 * @property {EventState} state what the platform does with the event
 * @property {string} [errortype]
 * @property {string} [errormessage]
 * @property {string} [errorreporter]
 * @property {unknown} [body] the mapped payload
 * @property {unknown} [sent] the item sent
 * @property {unknown} [event] the event as given, for one refused before sending
 * @property {'outside'} [campaignWindow] 'outside': delivered more than 72 hours after its timestamp, so Customer.io
 *   stores it but it cannot trigger campaigns
 *
 * @typedef {{ status?: number, message: string, retryable: boolean }} Thrown
 *
 * @typedef {object} Exchange
 * @property {{ method: string, url: string, headers?: Record<string, string>, body: unknown }} request
 * @property {{ statusCode: number, statusMessage?: string, headers?: Record<string, string>, body: unknown }} response
 *
 * @typedef {object} DeliveryRecord
 * @property {number} id
 * @property {string} at
 * @property {string} action
 * @property {string} kind
 * @property {number} events
 * @property {number} succeeded
 * @property {number} failed
 * @property {number} retried
 * @property {Outcome[]} outcomes
 * @property {Thrown} [thrown]
 * @property {Exchange[]} exchanges
 *
 * @typedef {object} HistoryPage
 * @property {DeliveryRecord[]} deliveries newest first
 * @property {number | null} next the `before` of the next older page; null at the end
 * @property {number} kept how many deliveries the server keeps now
 * @property {number} maxKept how many it keeps at most
 *
 * @typedef {object} SimCounters
 * @property {number} requests
 * @property {number} itemsAccepted
 * @property {number} itemsRejected
 * @property {number} updatesSkipped identifies with `_update: true` that matched no person
 * @property {number} duplicatesIgnored events whose ULID id an event already stored had
 *
 * @typedef {object} SimIgnored
 * @property {'no_person_matched' | 'duplicate_event_id'} reason
 * @property {string} action
 * @property {Record<string, unknown>} identifiers
 * @property {string} [id]
 *
 * @typedef {object} SimEvent
 * @property {string} action
 * @property {Record<string, unknown>} identifiers
 * @property {string} [name]
 * @property {string} [id]
 * @property {number} [timestamp]
 * @property {{ triggersCampaigns: false, reason: string }} [campaigns] set when it would not trigger campaigns
 *
 * @typedef {object} SimState GET /_sim/state: the counters and the newest entries of each kind, newest first
 * @property {string} accountRegion the account's region, as GET /api/v1/accounts/region answers it
 * @property {SimCounters} counters
 * @property {SimEvent[]} events
 * @property {SimIgnored[]} ignored
 */
