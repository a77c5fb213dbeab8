import { refusedOutcome, sentOutcome, thrownMessage, toMultiStatus } from '../../src/track-api/event-outcomes'
import type { EventOutcome } from '../../src/track-api/event-outcomes'
import { cancelledOutcome } from '../../src/track-api/request-outcome'

const SENT = { type: 'person', action: 'event', identifiers: { id: 'u-1' }, name: 'Paid' }
const BODY = { person_id: 'u-1', name: 'Paid' }
const REJECTED = {
  ok: false as const,
  status: 400,
  errortype: 'PAYLOAD_VALIDATION_FAILED' as const,
  message: 'name is too long',
  retryable: false
}

/** Each entry's value as the platform serializes it: the keys, their order and their values. */
const serialized = (outcomes: EventOutcome[]) =>
  toMultiStatus(outcomes)
    .getAllResponses()
    .map((response) => JSON.stringify(response.value()))

describe('the outcome of each event', () => {
  it('of a delivered item: 200, what was sent and the payload', () => {
    expect(sentOutcome({ ok: true }, SENT, BODY)).toStrictEqual({ ok: true, status: 200, sent: SENT, body: BODY })
  })

  it('of a rejected item: its status, error type and message, with what was sent and the payload', () => {
    expect(sentOutcome(REJECTED, SENT, BODY)).toStrictEqual({
      ok: false,
      status: 400,
      errortype: 'PAYLOAD_VALIDATION_FAILED',
      errormessage: 'name is too long',
      sent: SENT,
      body: BODY
    })
  })

  it('of an item never sent (its batch was cancelled first): no `sent` at all', () => {
    expect(sentOutcome(cancelledOutcome(false), SENT, BODY)).toStrictEqual({
      ok: false,
      status: 408,
      errortype: 'CANCELLED',
      errormessage: 'The batch was cancelled before this event was sent; it will be retried.',
      body: BODY
    })
  })

  it('of an event refused before sending: 400 PAYLOAD_VALIDATION_FAILED with the reason, and nothing else', () => {
    expect(refusedOutcome('no identifier')).toStrictEqual({
      ok: false,
      status: 400,
      errortype: 'PAYLOAD_VALIDATION_FAILED',
      errormessage: 'no identifier'
    })
  })

  it('names what a mapper threw: an Error by its message, anything else as text', () => {
    expect(thrownMessage(new RangeError('out of range'))).toBe('out of range')
    expect(thrownMessage('no person')).toBe('no person')
    expect(thrownMessage(undefined)).toBe('undefined')
  })
})

describe('toMultiStatus', () => {
  it('gives each event its entry at its index, with exactly the keys the platform receives, in order', () => {
    expect(
      serialized([
        sentOutcome({ ok: true }, SENT, BODY),
        refusedOutcome('no identifier'),
        sentOutcome(REJECTED, SENT, BODY),
        sentOutcome(cancelledOutcome(false), SENT, BODY)
      ])
    ).toEqual([
      JSON.stringify({ status: 200, sent: SENT, body: BODY }),
      JSON.stringify({ status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED', errormessage: 'no identifier' }),
      JSON.stringify({
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: 'name is too long',
        sent: SENT,
        body: BODY
      }),
      JSON.stringify({
        status: 408,
        errortype: 'CANCELLED',
        errormessage: 'The batch was cancelled before this event was sent; it will be retried.',
        body: BODY
      })
    ])
  })

  it('gives an event refused or cancelled before sending no `sent` key at all, and a refused one no `body` key', () => {
    const [refused, cancelled] = toMultiStatus([
      refusedOutcome('no identifier'),
      sentOutcome(cancelledOutcome(false), SENT, BODY)
    ])
      .getAllResponses()
      .map((response) => response.value())
    expect(Object.keys(refused)).toEqual(['status', 'errortype', 'errormessage'])
    expect(Object.keys(cancelled)).toEqual(['status', 'errortype', 'errormessage', 'body'])
  })

  it('keeps the item and the payload themselves, not copies', () => {
    const [delivered, rejected] = toMultiStatus([
      sentOutcome({ ok: true }, SENT, BODY),
      sentOutcome(REJECTED, SENT, BODY)
    ])
      .getAllResponses()
      .map((response) => response.value())
    expect(delivered.sent).toBe(SENT)
    expect(delivered.body).toBe(BODY)
    expect(rejected.sent).toBe(SENT)
    expect(rejected.body).toBe(BODY)
  })

  it('of no events is empty', () => {
    expect(toMultiStatus([]).length()).toBe(0)
  })
})
