// The simulator's only I/O: checks each request (loopback.ts, as the local server does), reads its body (with the
// local server's time limit: http-json.ts), routes it, and writes the answer or the fault (fault-behaviours.ts).
import type { IncomingMessage, RequestListener, ServerResponse } from 'http'
import type { Socket } from 'net'
import { MAX_REQUEST_BYTES } from '../../track-api/limits'
import { BadRequest, receiveBody } from '../http-json'
import { allowedHostsOf, loopbackRefusal } from '../loopback'
import { handleControlRoute } from './control-handlers'
import { FAULT_BEHAVIOURS, reshapeBatchResponse } from './fault-behaviours'
import { chooseFault, DEFAULT_DELAY_MS, readFaultScope, type FaultChoice, type FaultSpec } from './faults'
import { parseRequestBody, type RequestBody } from './request-body'
import { buildErrorResponse, buildJsonResponse, buildNotFoundResponse, type SimResponse } from './responses'
import { matchRoute, readPath, type TrackRoute } from './match-route'
import { recordRequest, type RequestLogEntry, type SimulatorRuntime } from './runtime'
import { handleTrackRoute } from './track-handlers'

/** Bodies beyond this are counted but not kept: the size limits answer 413 long before. */
const MAX_KEPT_BODY_BYTES = 4 * MAX_REQUEST_BYTES
/** How many bytes a `truncated` answer promises in content-length beyond the whole body. */
const TRUNCATED_MISSING_BYTES = 64

export function createRequestListener(runtime: SimulatorRuntime): RequestListener {
  return (req, res) => {
    serveRequest(runtime, req, res).catch(() => abortResponse(res))
  }
}

async function serveRequest(runtime: SimulatorRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET'
  const refusal = foreignRequestRefusal(runtime, req)
  if (refusal !== undefined) return sendResponse(res, refusal)
  const { scope, path } = readFaultScope(readPath(req.url))
  const body = await readRequestBody(req, runtime.bodyTimeoutMs)
  if (body instanceof BadRequest)
    return sendResponse(res, buildErrorResponse(body.status, 'timeout', 'body', body.message))
  const route = matchRoute(method, path)
  const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '')
  if (route.kind === 'control') return sendResponse(res, handleControlRoute(route, body, runtime, query))
  const entry: RequestLogEntry = {
    method,
    path,
    status: null,
    body: body.json.ok ? body.json.value : undefined,
    bytes: body.bytes
  }
  recordRequest(runtime, entry)
  if (route.kind === 'not_found') return answerRequest(res, entry, buildNotFoundResponse(method, path))
  runtime.state.counters.requests += 1
  const choice: FaultChoice =
    scope === undefined ? chooseFault(req.headers, runtime.schedule) : { fault: scope ?? undefined }
  if ('error' in choice) {
    return answerRequest(res, entry, buildErrorResponse(400, 'invalid', choice.field, choice.error))
  }
  if (choice.fault !== undefined) entry.fault = choice.fault.mode
  await serveTrackRequest(runtime, route, req, res, body, entry, choice.fault)
}

/**
 * Like the local server, the simulator answers only requests that name it on the loopback (Host) and come from no
 * web page or its own (Origin): a page open in the browser can neither read its state nor set its faults.
 */
function foreignRequestRefusal(runtime: SimulatorRuntime, req: IncomingMessage): SimResponse | undefined {
  const { hostname, port } = new URL(runtime.url)
  const refusal = loopbackRefusal(req.headers, allowedHostsOf(Number(port), hostname.replace(/^\[|\]$/g, '')))
  return refusal && buildErrorResponse(403, 'forbidden', 'host', refusal.message)
}

/** A Track route, with its fault: some replace the answer, `slow` delays it, others reshape or break it. */
async function serveTrackRequest(
  runtime: SimulatorRuntime,
  route: TrackRoute,
  req: IncomingMessage,
  res: ServerResponse,
  body: RequestBody,
  entry: RequestLogEntry,
  fault: FaultSpec | undefined
): Promise<void> {
  const behaviour = fault === undefined ? undefined : FAULT_BEHAVIOURS[fault.mode]
  if (behaviour?.kind === 'reset') return destroySocket(req.socket)
  if (fault !== undefined && behaviour?.kind === 'answer') return answerRequest(res, entry, behaviour.answer(fault))
  if (behaviour?.kind === 'delay') {
    const abandoned = new AbortController()
    const onClose = () => abandoned.abort()
    res.once('close', onClose)
    const finished = await runtime.delays.wait(fault?.delayMs ?? DEFAULT_DELAY_MS, abandoned.signal)
    res.off('close', onClose)
    // A client that gave up waiting (its timeout) gets nothing applied: it was told nothing was accepted.
    if (!finished || req.socket.destroyed) return destroySocket(req.socket)
  }
  const handled = handleTrackRoute(route, req.headers.authorization, body, runtime)
  const response = route.name === 'batch' ? reshapeBatchResponse(fault, handled) : handled
  if (behaviour?.kind === 'truncate') return sendTruncatedResponse(res, req.socket, entry, response)
  if (behaviour?.kind === 'lose') return destroySocket(req.socket)
  answerRequest(res, entry, response)
}

/** The body, counted whole and kept up to MAX_KEPT_BODY_BYTES; a 408 when it does not arrive in time. */
async function readRequestBody(req: IncomingMessage, timeoutMs: number): Promise<RequestBody | BadRequest> {
  const chunks: Buffer[] = []
  let bytes = 0
  try {
    await receiveBody(req, timeoutMs, (chunk) => {
      bytes += chunk.length
      if (bytes <= MAX_KEPT_BODY_BYTES) chunks.push(chunk)
      return undefined
    })
  } catch (error) {
    if (error instanceof BadRequest) return error
    throw error
  }
  return parseRequestBody(Buffer.concat(chunks).toString('utf8'), bytes)
}

function answerRequest(res: ServerResponse, entry: RequestLogEntry, response: SimResponse): void {
  entry.status = response.status
  sendResponse(res, response)
}

function sendResponse(res: ServerResponse, response: SimResponse): void {
  if (res.destroyed || res.writableEnded) return
  const length = Buffer.byteLength(response.body, 'utf8')
  // A request whose body was not read to the end (a 408) closes the connection after the answer.
  const close = res.req.complete ? {} : { connection: 'close' }
  res.writeHead(response.status, { ...response.headers, ...close, 'content-length': String(length) })
  res.end(response.body)
}

/** Headers promising more bytes than follow, half the body, then the socket ends: the client fails reading the body. */
function sendTruncatedResponse(
  res: ServerResponse,
  socket: Socket,
  entry: RequestLogEntry,
  response: SimResponse
): void {
  entry.status = response.status
  if (res.destroyed) return
  const bytes = Buffer.from(response.body, 'utf8')
  const declared = bytes.length + TRUNCATED_MISSING_BYTES
  res.writeHead(response.status, { ...response.headers, 'content-length': String(declared) })
  res.write(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))), () => destroySocket(socket))
}

/** The `reset` and `lost-answer` faults, and a `slow` answer cut short by close: no answer at all. */
function destroySocket(socket: Socket): void {
  socket.destroy()
}

function abortResponse(res: ServerResponse): void {
  if (res.headersSent || res.destroyed) {
    res.destroy()
    return
  }
  sendResponse(
    res,
    buildJsonResponse(500, { errors: [{ reason: 'internal_error', message: 'The simulator failed.' }] })
  )
}
