import type { SegmentEvent } from '@segment/actions-core'

// The trackEvent events of the fault tests: small ones for a batch sent as one request, and 40 big ones that a batch
// splits into three requests under the 500,000-byte limit.

export function namedEvent(name: string, properties: Record<string, string> = {}): SegmentEvent {
  return {
    type: 'track',
    event: name,
    userId: `user-${name}`,
    messageId: `msg-${name}`,
    timestamp: '2026-11-27T09:30:00Z',
    properties
  }
}

/** About 27,500 bytes each: 30 attributes of 900 characters, within every per-attribute limit. */
function bigEvent(index: number): SegmentEvent {
  const properties: Record<string, string> = {}
  for (let i = 0; i < 30; i++) properties[`attribute_${i}`] = String(index).padEnd(900, 'x')
  return namedEvent(`Big ${index}`, properties)
}

export const BIG_EVENTS = Array.from({ length: 40 }, (_, index) => bigEvent(index))

export const BIG_NAMES = BIG_EVENTS.map((big) => big.event as string)

/** The failure of the events of one failed request. */
export interface PartFailure {
  status: number
  errortype: string
  errormessage: string
}

/**
 * Each of BIG_EVENTS' outcomes: delivered with its item sent, except the events named in `failed`, which fail with
 * `failure` (their item sent, their payload kept, reported by the destination).
 */
export function expectOnlyFailed(result: unknown[], failed: Set<string>, failure: PartFailure): void {
  expect(result).toHaveLength(BIG_NAMES.length)
  result.forEach((node, index) => {
    const name = BIG_NAMES[index]
    if (!failed.has(name)) return expect(node).toMatchObject({ status: 200, sent: expect.objectContaining({ name }) })
    expect(node).toEqual({
      ...failure,
      sent: expect.objectContaining({ name }),
      body: expect.objectContaining({ name }),
      errorreporter: 'DESTINATION'
    })
  })
}
