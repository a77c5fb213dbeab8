import {
  CAMPAIGN_WINDOW_SECONDS,
  campaignWindowWarning,
  isOutsideCampaignWindow
} from '../../src/track-api/campaign-window'

/** The time of sending: 2026-12-03T10:00:00.750Z. Its fraction of a second does not count. */
const SENT_AT_MS = Date.UTC(2026, 11, 3, 10, 0, 0, 750)
const SENT_AT_SECONDS = Date.UTC(2026, 11, 3, 10) / 1000
/** 2026-11-30T10:00:00Z: exactly 72 hours before the time of sending. */
const EXACTLY_72_HOURS_OLD = SENT_AT_SECONDS - 72 * 3_600

const event = (timestamp?: number) => ({ type: 'person', action: 'event', identifiers: { id: 'u-1' }, timestamp })

describe('isOutsideCampaignWindow', () => {
  it('counts 72 hours in whole seconds: exactly 72 hours old is inside, 72 hours and 1 second is outside', () => {
    expect(CAMPAIGN_WINDOW_SECONDS).toBe(259_200)
    expect(isOutsideCampaignWindow(event(EXACTLY_72_HOURS_OLD), SENT_AT_MS)).toBe(false)
    expect(isOutsideCampaignWindow(event(EXACTLY_72_HOURS_OLD - 1), SENT_AT_MS)).toBe(true)
    // One second later the same event is 72 hours and 1 second old.
    expect(isOutsideCampaignWindow(event(EXACTLY_72_HOURS_OLD), SENT_AT_MS + 250)).toBe(true)
  })

  it.each(['event', 'page', 'screen', 'viewed_content', 'clicked_content'])(
    'an old person %s is outside the window',
    (action) => {
      expect(isOutsideCampaignWindow({ type: 'person', action, timestamp: 1_700_000_000 }, SENT_AT_MS)).toBe(true)
    }
  )

  it.each([
    ['an event without a timestamp (Customer.io stamps it on arrival)', event()],
    ['an event dated after the time of sending', event(SENT_AT_SECONDS + 3_600)],
    ['an event a minute old', event(SENT_AT_SECONDS - 60)],
    ['an old identify', { type: 'person', action: 'identify', timestamp: 1_700_000_000 }],
    ['an old add_device', { type: 'person', action: 'add_device', timestamp: 1_700_000_000 }],
    ['an old delivery event', { type: 'delivery', action: 'event', timestamp: 1_700_000_000 }],
    ['an old object identify', { type: 'object', action: 'identify', timestamp: 1_700_000_000 }],
    ['a timestamp that is not a number', { type: 'person', action: 'event', timestamp: '1700000000' }],
    ['no item', undefined],
    ['a truncated value', '{"type":"person","action":"event","timestamp":1700000000'],
    ['null', null]
  ])('%s is not outside the window', (_name, item) => {
    expect(isOutsideCampaignWindow(item, SENT_AT_MS)).toBe(false)
  })
})

describe('campaignWindowWarning', () => {
  it('names how many, of how many, and the oldest timestamp', () => {
    const oldest = Date.UTC(2026, 10, 20, 10) / 1000
    expect(campaignWindowWarning([oldest + 86_400, oldest, oldest + 3_600], 50)).toBe(
      '[actions-customerio] 3 of 50 events were delivered more than 72 hours after their timestamps ' +
        '(the oldest: 2026-11-20T10:00:00Z): Customer.io stores them, but they cannot trigger campaigns.'
    )
  })

  it('speaks of one event in the singular', () => {
    expect(campaignWindowWarning([EXACTLY_72_HOURS_OLD - 1], 1)).toBe(
      '[actions-customerio] 1 of 1 event was delivered more than 72 hours after its timestamp ' +
        '(2026-11-30T09:59:59Z): Customer.io stores it, but it cannot trigger campaigns.'
    )
    expect(campaignWindowWarning([EXACTLY_72_HOURS_OLD - 1], 2)).toMatch(/^\[actions-customerio\] 1 of 2 events was /)
  })

  it('is undefined when no event is outside the window', () => {
    expect(campaignWindowWarning([], 50)).toBeUndefined()
  })

  it('stays short whatever the batch, and writes a timestamp beyond the dates JavaScript can write as the number', () => {
    const warning = campaignWindowWarning([9e15, 8e15], Number.MAX_SAFE_INTEGER) as string
    expect(warning).toBe(
      '[actions-customerio] 2 of 9007199254740991 events were delivered more than 72 hours after their timestamps ' +
        '(the oldest: 8000000000000000): Customer.io stores them, but they cannot trigger campaigns.'
    )
    expect(warning.length).toBeLessThan(200)
    const many = campaignWindowWarning(
      Array.from({ length: 100_000 }, (_, index) => 1_700_000_000 + index),
      100_000
    ) as string
    expect(many).toContain('100000 of 100000 events were delivered')
    expect(many).toContain('(the oldest: 2023-11-14T22:13:20Z)')
  })
})
