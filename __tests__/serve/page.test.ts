// The deliveries page of ./bin/run serve, end to end in a real Chromium (driven by playwright-core, which downloads no
// browser: see __tests__/serve/__helpers__/browser.ts): the empty state, a live update, the counts and messages of a partial
// failure, the filters, the details and the simulator's state. `npm run screenshot` rewrites
// docs/deliveries-page.png; otherwise the screenshot is taken in memory only, so a run leaves no file behind.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { useRunningServer } from './__helpers__/running-server'
import { launchBrowser } from './__helpers__/browser'

jest.setTimeout(60_000)

const DOCS_SCREENSHOT = path.join(__dirname, '..', '..', 'docs', 'deliveries-page.png')

// Declared before the browser's hooks, so the server closes first, while the page still holds its event stream open:
// close() must end it, or this would hang.
const running = useRunningServer({ options: { port: '0' } })
let browser: Browser | undefined
let page: Page

beforeAll(async () => {
  browser = (await launchBrowser()).browser
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  page.setDefaultTimeout(10_000)
})

afterAll(async () => {
  await browser?.close()
})

function url(route: string): string {
  return `${running.url}${route}`
}

/** The article of delivery #id. */
function delivery(id: number): Locator {
  return page.locator(`li.delivery-item[data-id="${id}"] article`)
}

const TOO_LONG = 'x'.repeat(101)
const BATCH = {
  payload: [
    { type: 'track', event: 'Order Completed', userId: 'user-1', properties: { total: 42.5 } },
    { type: 'track', event: TOO_LONG, userId: 'user-2' },
    { type: 'track', event: 'Signed Up', anonymousId: 'anon-7' }
  ]
}

describe('the deliveries page', () => {
  it('shows the empty state, then each delivery live, with its counts, messages, details and filters', async () => {
    const navigations: string[] = []
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url())
    })
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })

    await page.goto(url('/'))
    await expect(page.title()).resolves.toBe('Deliveries · Customer.io destination')

    // The empty state, with a curl command for this very server.
    const empty = page.locator('#empty')
    await empty.waitFor({ state: 'visible' })
    expect(await empty.innerText()).toContain('No deliveries yet — run a demo scenario or send a batch:')
    expect(await page.locator('#curl-example').innerText()).toContain(`curl -s -X POST ${url('/trackEvent')}`)
    await page.locator('#connection[data-mode="live"]').waitFor()

    // A batch from outside the page arrives over the event stream, without a reload.
    await page.evaluate(() => {
      ;(window as unknown as { notReloaded: boolean }).notReloaded = true
    })
    const response = await fetch(url('/trackEvent'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(BATCH)
    })
    expect(response.status).toBe(200)
    const first = delivery(1)
    await first.waitFor()
    await expect(empty.isHidden()).resolves.toBe(true)
    const firstText = await first.innerText()
    expect(firstText).toContain('trackEvent')
    expect(firstText).toContain('3 events')
    expect(firstText).toContain('2 succeeded')
    expect(firstText).toContain('1 failed')
    expect(firstText).toContain('0 will be retried')
    expect(firstText).toContain('Partly failed')
    expect(firstText).toContain('name is 101 bytes; event names can be at most 100 bytes.')
    expect(firstText).toContain('PAYLOAD_VALIDATION_FAILED')
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true)
    // Announced in the polite live region too.
    await page
      .locator('#announcer', { hasText: 'New delivery #1 trackEvent: 3 events, 2 succeeded, 1 failed' })
      .waitFor()

    // Every demo scenario, then the partial failure again, so that it is on top.
    await page.getByRole('button', { name: 'Run all' }).click()
    await page.locator('#demo-status', { hasText: 'Ran 9 scenarios; every outcome as expected.' }).waitFor()
    await page.getByRole('button', { name: 'some-fail-json', exact: true }).click()
    await page.locator('#demo-status', { hasText: 'some-fail-json sent as delivery #13' }).waitFor()
    const partial = delivery(13)
    await partial.waitFor()
    const ids = await page
      .locator('li.delivery-item')
      .evaluateAll((items) => items.map((item) => Number((item as HTMLElement).dataset.id)))
    // The first page of the history: the newest ten.
    expect(ids).toEqual([13, 12, 11, 10, 9, 8, 7, 6, 5, 4])
    const partialText = await partial.innerText()
    expect(partialText).toContain('4 events')
    expect(partialText).toContain('2 succeeded')
    expect(partialText).toContain('2 failed')
    expect(partialText).toContain('name is 121 bytes; event names can be at most 100 bytes.')
    expect(partialText).toContain('The timestamp "next tuesday"')
    // The thrown 503: every event will be retried.
    const unavailable = await delivery(7).innerText()
    expect(unavailable).toContain('2 will be retried')
    expect(unavailable).toContain('HTTP 503: Service Unavailable')
    expect(unavailable).toContain('Retryable: the platform retries all 2 events.')

    // An event's details: the original payload and the exact JSON sent.
    const details = partial.locator('details.event-details').nth(1)
    const sent = details.locator('pre[aria-label^="JSON sent for event 1"]')
    await expect(sent.isVisible()).resolves.toBe(false)
    await details.locator('summary').click()
    await sent.waitFor({ state: 'visible' })
    const sentJson = JSON.parse(await sent.innerText()) as Record<string, unknown>
    expect(sentJson).toMatchObject({ type: 'person', action: 'event', identifiers: { id: 'user-2' } })
    expect(sentJson.name).toMatch(/^Checkout Step Viewed x+$/)
    // The HTTP exchange, credentials redacted.
    const exchange = partial.locator('details.exchange')
    await exchange.locator('summary').click()
    // The disclosure builds its content on the toggle event, after the click: wait for it (read at once, it was flaky).
    await exchange.locator('pre[aria-label="Request headers"]').waitFor({ state: 'visible' })
    const exchangeText = await exchange.innerText()
    expect(exchangeText).toContain('207 Multi-Status')
    expect(exchangeText).toContain('authorization: <redacted>')
    expect(exchangeText).not.toContain(Buffer.from('sim-site-id:sim-api-key').toString('base64'))

    // "Failed only": the backfill (every event delivered) disappears, and the partial failure shows its failed events
    // only.
    const allSucceed = page.locator('li.delivery-item[data-id="8"]')
    await expect(allSucceed.isVisible()).resolves.toBe(true)
    await page.getByLabel('Failed only').check()
    await expect(allSucceed.isVisible()).resolves.toBe(false)
    await expect(partial.locator('tr.event-row:visible').count()).resolves.toBe(2)
    expect(await partial.locator('tr.event-row:visible .chip').allInnerTexts()).toEqual([
      expect.stringContaining('400 failed'),
      expect.stringContaining('400 failed')
    ])
    expect(await partial.locator('.filtered-note').innerText()).toBe('2 delivered events hidden by “Failed only”.')
    expect(await page.locator('#filter-summary').innerText()).toBe('Showing 9 of 13 deliveries.')
    await page.getByLabel('Failed only').uncheck()
    await expect(allSucceed.isVisible()).resolves.toBe(true)
    await expect(partial.locator('tr.event-row:visible').count()).resolves.toBe(4)

    // The action filter, filled from the manifest.
    await page.getByLabel('Action', { exact: true }).selectOption('createUpdatePerson')
    expect(await page.locator('li.delivery-item:visible').evaluateAll((items) => items.length)).toBe(1)
    expect(await page.locator('li.delivery-item:visible').innerText()).toContain('3 failed')
    await page.getByLabel('Action', { exact: true }).selectOption('')
    expect(await page.locator('li.delivery-item:visible').evaluateAll((items) => items.length)).toBe(10)

    // The simulator's stored state, in a panel.
    await page.getByRole('button', { name: 'Show stored state' }).click()
    const state = page.locator('#sim-state')
    await state.filter({ hasText: '"events"' }).waitFor()
    expect(JSON.parse(await state.innerText())).toMatchObject({
      events: expect.arrayContaining([expect.objectContaining({ name: 'Order Completed' })])
    })
    await page.getByRole('button', { name: 'Hide stored state' }).click()

    // Still the one page load, and nothing went wrong in it.
    expect(navigations).toHaveLength(1)
    expect(problems).toEqual([])

    // The screenshot in docs/deliveries-page.md: several batches, the partial failure on top, nothing expanded or highlighted.
    await exchange.locator('summary').click()
    await details.locator('summary').click()
    await page.evaluate(() =>
      document.querySelectorAll('.is-fresh').forEach((item) => item.classList.remove('is-fresh'))
    )
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    const screenshot = await page.screenshot()
    expect(screenshot.length).toBeGreaterThan(10_000)
    if (process.env.UPDATE_SCREENSHOT) writeFileSync(DOCS_SCREENSHOT, screenshot)
  })

  it('is operable from the keyboard', async () => {
    await page.locator('#failed-only').focus()
    await page.keyboard.press('Space')
    await expect(page.locator('#failed-only').isChecked()).resolves.toBe(true)
    await page.keyboard.press('Space')
    await expect(page.locator('#failed-only').isChecked()).resolves.toBe(false)
    // A focused disclosure opens with Enter, and shows a visible focus outline.
    // Tab from the last control before the list reaches the first disclosure of the newest delivery.
    const summary = delivery(13).locator('details.event-details summary').first()
    await page.getByRole('link', { name: /in a new tab/ }).focus()
    await page.keyboard.press('Tab')
    await expect(summary.evaluate((element) => element === document.activeElement)).resolves.toBe(true)
    const outline = await summary.evaluate((element) => getComputedStyle(element).outlineStyle)
    expect(outline).toBe('solid')
    await page.keyboard.press('Enter')
    await expect(summary.evaluate((element) => (element.parentElement as HTMLDetailsElement).open)).resolves.toBe(true)
  })
})
