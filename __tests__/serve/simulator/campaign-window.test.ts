import { startSimulator } from '../../../src/serve/simulator'
import { applyItem } from '../../../src/serve/simulator/apply-item'
import { OUTSIDE_CAMPAIGN_WINDOW, campaignWindowMark } from '../../../src/serve/simulator/campaign-window'
import { createSimulatorState } from '../../../src/serve/simulator/state'
import type { BatchItem } from '../../../src/track-api/types'
import { API_KEY, SITE_ID, callSimulator, postBatch } from '../__helpers__/simulator-client'

/** The simulator's clock in these tests: it receives every item at 2026-12-03T10:00:00.900Z. */
const RECEIVED_AT_MS = Date.UTC(2026, 11, 3, 10, 0, 0, 900)
const clock = () => RECEIVED_AT_MS
/** 2026-11-30T10:00:00Z, exactly 72 hours before (whole seconds: the fraction of the clock's second is dropped). */
const EXACTLY_72_HOURS_OLD = Date.UTC(2026, 10, 30, 10) / 1000

const person = { type: 'person', identifiers: { id: 'u-1' } } as const
const event = (name: string, timestamp?: number): BatchItem => ({ ...person, action: 'event', name, timestamp })

describe('events the simulator receives more than 72 hours after their timestamp', () => {
  it('are stored like any other, marked as not triggering campaigns; exactly 72 hours old is not marked', () => {
    const state = createSimulatorState()
    for (const item of [
      event('Exactly 72 hours', EXACTLY_72_HOURS_OLD),
      event('72 hours and 1 second', EXACTLY_72_HOURS_OLD - 1),
      event('No timestamp')
    ]) {
      applyItem(state, item, clock)
    }
    expect(state.events).toEqual([
      {
        action: 'event',
        identifiers: { id: 'u-1' },
        name: 'Exactly 72 hours',
        timestamp: EXACTLY_72_HOURS_OLD,
        attributes: {}
      },
      {
        action: 'event',
        identifiers: { id: 'u-1' },
        name: '72 hours and 1 second',
        timestamp: EXACTLY_72_HOURS_OLD - 1,
        attributes: {},
        campaigns: {
          triggersCampaigns: false,
          reason:
            'Received more than 72 hours after its timestamp: Customer.io stores the event, but it cannot trigger campaigns.'
        }
      },
      { action: 'event', identifiers: { id: 'u-1' }, name: 'No timestamp', attributes: {} }
    ])
    expect(Object.keys(state.events[0])).not.toContain('campaigns')
  })

  it.each(['page', 'screen', 'viewed_content', 'clicked_content'] as const)('marks an old %s', (action) => {
    const state = createSimulatorState()
    applyItem(state, { ...person, action, name: 'x', timestamp: 1_700_000_000 }, clock)
    expect(state.events).toEqual([
      {
        action,
        identifiers: { id: 'u-1' },
        name: 'x',
        timestamp: 1_700_000_000,
        attributes: {},
        campaigns: OUTSIDE_CAMPAIGN_WINDOW
      }
    ])
  })

  it('marks nothing but events: an old identify only updates the person', () => {
    const state = createSimulatorState()
    applyItem(state, { ...person, action: 'identify', timestamp: 1_700_000_000, attributes: { plan: 'pro' } }, clock)
    expect(state.events).toEqual([])
    expect(state.people['id:u-1'].attributes).toEqual({ plan: 'pro' })
    expect(campaignWindowMark({ ...person, action: 'identify', timestamp: 1 }, clock)).toEqual({})
  })

  it('gives each stored event its own mark', () => {
    const state = createSimulatorState()
    applyItem(state, event('A', 1), clock)
    applyItem(state, event('B', 2), clock)
    expect(state.events[0].campaigns).not.toBe(state.events[1].campaigns)
    expect(state.events[0].campaigns).not.toBe(OUTSIDE_CAMPAIGN_WINDOW)
  })

  it('over a socket: answers 200 {}, stores both, and GET /_sim/state shows which would not trigger campaigns', async () => {
    const sim = await startSimulator({ siteId: SITE_ID, apiKey: API_KEY })
    try {
      const nowSeconds = Math.floor(Date.now() / 1000)
      const answer = await postBatch(sim, [
        event('Backfilled', nowSeconds - 10 * 86_400),
        event('Live', nowSeconds - 60)
      ])
      expect(answer.status).toBe(200)
      expect(answer.json).toEqual({})
      const state = await callSimulator(sim, 'GET', '/_sim/state')
      // Newest first, as GET /_sim/state pages every kind.
      expect((state.json as { events: unknown[] }).events).toEqual([
        { action: 'event', identifiers: { id: 'u-1' }, name: 'Live', timestamp: nowSeconds - 60, attributes: {} },
        {
          action: 'event',
          identifiers: { id: 'u-1' },
          name: 'Backfilled',
          timestamp: nowSeconds - 10 * 86_400,
          attributes: {},
          campaigns: OUTSIDE_CAMPAIGN_WINDOW
        }
      ])
      expect(sim.state.counters).toEqual({
        requests: 1,
        itemsAccepted: 2,
        itemsRejected: 0,
        updatesSkipped: 0,
        duplicatesIgnored: 0
      })
    } finally {
      await sim.close()
    }
  })

  it('over a socket with the clock of SimulatorOptions.now: the window is measured from that clock, on both routes', async () => {
    const sim = await startSimulator({ siteId: SITE_ID, apiKey: API_KEY, now: clock })
    try {
      expect((await postBatch(sim, [event('Batch, 72 h', EXACTLY_72_HOURS_OLD)])).status).toBe(200)
      const entity = await callSimulator(sim, 'POST', '/api/v2/entity', {
        body: event('Entity, 72 h 1 s', EXACTLY_72_HOURS_OLD - 1)
      })
      expect([entity.status, entity.json]).toEqual([200, {}])
      expect(sim.state.events.map(({ name, campaigns }) => [name, campaigns])).toEqual([
        ['Batch, 72 h', undefined],
        ['Entity, 72 h 1 s', OUTSIDE_CAMPAIGN_WINDOW]
      ])
    } finally {
      await sim.close()
    }
  })
})
