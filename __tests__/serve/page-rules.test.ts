// The deliveries page shows what Customer.io will do with each event beyond its 200: the mark of an event delivered
// outside the 72-hour campaign window, and in the simulator's panel the account's region, the updates skipped, the
// duplicates ignored and the events that would not trigger campaigns; the demo's retry scenario says what its retry did.
import type { Browser, Page } from 'playwright-core'
import { launchBrowser } from './__helpers__/browser'
import { useRunningServer } from './__helpers__/running-server'

jest.setTimeout(120_000)

const DAY_MS = 86_400_000
const MARK = 'stored; cannot trigger campaigns (over 72 h old)'

const running = useRunningServer()
let browser: Browser | undefined
let page: Page

const url = (route: string): string => `${running.url}${route}`

async function post(route: string, body: unknown): Promise<void> {
  expect((await running.post(route, body)).status).toBe(200)
}

function track(event: string, ageMs: number): Record<string, unknown> {
  return { type: 'track', event, userId: 'user-1', timestamp: new Date(Date.now() - ageMs).toISOString() }
}

beforeAll(async () => {
  browser = (await launchBrowser()).browser
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  page.setDefaultTimeout(20_000)
})

afterAll(async () => {
  await browser?.close()
})

describe('the page shows each rule', () => {
  it('marks the delivered event over 72 hours old, and no other event', async () => {
    await post('/trackEvent', { payload: [track('Backfilled', 10 * DAY_MS), track('Fresh', 3_600_000)] })
    await page.goto(url('/'))
    const rows = page.locator('li.delivery-item[data-id="1"] tr.event-row')
    await rows.first().waitFor()
    expect(await rows.nth(0).locator('.col-message').innerText()).toBe(`Delivered${MARK}`)
    expect(await rows.nth(0).locator('.campaign-window').innerText()).toBe(MARK)
    expect(await rows.nth(1).locator('.col-message').innerText()).toBe('Delivered')
    expect(await rows.nth(1).locator('.campaign-window').count()).toBe(0)
  })

  it('says in the simulator panel what was skipped, ignored and would not trigger campaigns', async () => {
    // An update-only identify for no one, and the demo's retry with ULID ids.
    await post('/createUpdatePerson', {
      payload: [{ type: 'identify', userId: 'nobody', traits: { plan: 'pro' } }],
      mapping: { update_only: true }
    })
    await page.goto(url('/'))
    await page.getByRole('button', { name: 'retry-ulid', exact: true }).click()
    const status = page.locator('#demo-status')
    await status.filter({ hasText: 'retry-ulid sent as delivery' }).waitFor()
    expect(await status.innerText()).toBe(
      'retry-ulid sent as delivery #3, retried as #4 (first try: the answer was lost after Customer.io stored 3 ' +
        'events; retry: 3 duplicates ignored, 0 stored twice); every outcome as expected.'
    )
    await page.getByRole('button', { name: 'Show stored state' }).click()
    const summary = page.locator('#sim-summary')
    await summary.locator('li.ignored-item').first().waitFor()
    expect(await summary.locator('[data-count="account-region"]').innerText()).toBe(
      'account region: US (POST /authenticate refuses another accountRegion, naming this one)'
    )
    expect(await summary.locator('[data-count="updates-skipped"]').innerText()).toBe(
      '1 update skipped (no person matched)'
    )
    expect(await summary.locator('[data-count="duplicates-ignored"]').innerText()).toBe(
      '3 duplicate events ignored (same ULID id)'
    )
    expect(await summary.locator('[data-count="outside-campaign-window"]').innerText()).toBe(
      '1 of the latest 5 events stored but cannot trigger campaigns (over 72 h old) · Backfilled'
    )
    const ignored = await summary.locator('li.ignored-item').allInnerTexts()
    expect(ignored).toHaveLength(4)
    const duplicate = /^duplicate ignored: an event with this ULID id was stored: event [0-9A-Z]{26} \(id user-7\)$/
    for (const line of ignored.slice(0, 3)) expect(line).toMatch(duplicate)
    expect(new Set(ignored.slice(0, 3)).size).toBe(3)
    expect(ignored[3]).toBe('update skipped: no person matched: identify (id nobody)')
  })
})
