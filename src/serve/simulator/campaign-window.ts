// Customer.io's campaign window in the simulator: an event received more than 72 hours after its timestamp is stored
// like any other, and marked as one that cannot trigger campaigns (the rule itself: track-api/campaign-window.ts).
import { CAMPAIGN_WINDOW_HOURS, isOutsideCampaignWindow } from '../../track-api/campaign-window'
import type { BatchItem } from '../../track-api/types'

/** The simulator's clock, in milliseconds since the epoch; tests pass their own. */
export type SimulatorClock = () => number

/** What a stored event says when it would not trigger campaigns. */
export interface CampaignWindowMark {
  triggersCampaigns: false
  reason: string
}

export const OUTSIDE_CAMPAIGN_WINDOW: CampaignWindowMark = Object.freeze({
  triggersCampaigns: false,
  reason:
    `Received more than ${CAMPAIGN_WINDOW_HOURS} hours after its timestamp: Customer.io stores the event, ` +
    'but it cannot trigger campaigns.'
})

/** `{ campaigns: mark }` to spread into a stored event received outside the window at `now()`; `{}` otherwise. */
export function campaignWindowMark(item: BatchItem, now: SimulatorClock): { campaigns?: CampaignWindowMark } {
  return isOutsideCampaignWindow(item, now()) ? { campaigns: { ...OUTSIDE_CAMPAIGN_WINDOW } } : {}
}
