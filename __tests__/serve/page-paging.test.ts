// The deliveries page against the server's history: it loads one page and older ones on demand, says "Live" once its
// stream is open (not once the history has arrived), and shows the states, counts and limit the server gives, never
// its own classification of a status. A failed load says why in one sentence.
import type { Browser, Page, Route } from 'playwright-core'
import { useRunningServer } from './__helpers__/running-server'
import type { DeliveryRecord } from '../../src/serve/delivery-log'
import { launchBrowser } from './__helpers__/browser'

jest.setTimeout(60_000)

const running = useRunningServer({ options: { port: '0' } })
let browser: Browser | undefined
const pages: Page[] = []

beforeAll(async () => {
  browser = (await launchBrowser()).browser
})

afterAll(async () => {
  await browser?.close()
})

afterEach(async () => {
  for (const page of pages.splice(0)) await page.close()
  running.serving.server.deliveries.clear()
})

function url(route: string): string {
  return `${running.url}${route}`
}

async function newPage(): Promise<Page> {
  if (!browser) throw new Error('The browser did not start.')
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  page.setDefaultTimeout(10_000)
  pages.push(page)
  return page
}

async function postEvent(name: string): Promise<void> {
  const response = await fetch(url('/trackEvent'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ payload: [{ type: 'track', event: name, userId: 'user-1' }] })
  })
  expect(response.status).toBe(200)
  await response.text()
}

/** The ids of the listed deliveries, in the list's order. */
function listedIds(page: Page): Promise<number[]> {
  return page
    .locator('li.delivery-item')
    .evaluateAll((items) => items.map((item) => Number((item as HTMLElement).dataset.id)))
}

/** The requests the page sends for the history, as paths with their query. */
function historyRequests(page: Page): string[] {
  const requests: string[] = []
  page.on('request', (request) => {
    const address = new URL(request.url())
    if (address.pathname.startsWith('/_deliveries')) requests.push(`${address.pathname}${address.search}`)
  })
  return requests
}

const isHistory = (address: URL): boolean => address.pathname === '/_deliveries'

describe('the deliveries page and the server’s history', () => {
  it('loads the latest page only, and older deliveries when asked', async () => {
    for (let i = 1; i <= 25; i++) await postEvent(`Event ${i}`)
    const ids = running.serving.server.deliveries.list().map((record) => record.id)
    const page = await newPage()
    const requests = historyRequests(page)
    await page.goto(url('/'))
    await page.locator('li.delivery-item').nth(9).waitFor()
    expect(await listedIds(page)).toEqual(ids.slice(0, 10))
    expect(requests).toEqual(['/_deliveries?limit=10'])
    expect(await page.locator('#filter-summary').innerText()).toBe(
      'Showing all 25 deliveries. The latest 10 are listed.'
    )

    await page.getByRole('button', { name: 'Show 10 older (15 not listed)' }).click()
    await page.locator('li.delivery-item').nth(19).waitFor()
    expect(await listedIds(page)).toEqual(ids.slice(0, 20))
    expect(requests).toEqual(['/_deliveries?limit=10', `/_deliveries?limit=10&before=${ids[9]}`])

    await page.getByRole('button', { name: 'Show 5 older (5 not listed)' }).click()
    await page.locator('li.delivery-item').nth(24).waitFor()
    expect(await listedIds(page)).toEqual(ids)
    expect(requests.slice(2)).toEqual([`/_deliveries?limit=10&before=${ids[19]}`])
    await page.locator('#show-more').waitFor({ state: 'hidden' })
    expect(await page.locator('#filter-summary').innerText()).toBe('Showing all 25 deliveries.')
  })

  it('says "Live" as soon as its stream is open, while the history is still on its way', async () => {
    await postEvent('Before the page')
    const page = await newPage()
    let held: Route | undefined
    const arrived = new Promise<void>((resolve) =>
      page.route(isHistory, (route) => {
        held = route
        resolve()
      })
    )
    await page.goto(url('/'))
    await arrived
    await page.locator('#connection[data-mode="live"]').waitFor()
    expect(await page.locator('#connection-text').innerText()).toBe('Live: new deliveries appear as they arrive')
    // Not "No deliveries yet" while the history has not answered.
    await expect(page.locator('#empty').isHidden()).resolves.toBe(true)
    expect(await page.locator('li.delivery-item').count()).toBe(0)
    await (held as Route).continue()
    await page.locator('li.delivery-item').first().waitFor()
    expect(await page.locator('li.delivery-item article').innerText()).toContain('Before the page')
  })

  it('shows the state the server gives each event and call, and keeps as many deliveries as the server does', async () => {
    const log = running.serving.server.deliveries
    // Two deliveries the page is told of below, so that the next real one follows them.
    const base = { action: 'trackEvent', kind: 'batch' as const, exchanges: [] }
    const first = log.add({ ...base, events: 0, outcomes: [] })
    const second = log.add({ ...base, events: 0, outcomes: [] })
    const at = new Date().toISOString()
    // States no status rule would give: a 503 the server says failed, a 400 it says will be retried.
    const told: DeliveryRecord[] = [
      {
        ...base,
        id: second.id,
        at,
        events: 3,
        succeeded: 1,
        failed: 1,
        retried: 1,
        outcomes: [
          { index: 0, status: 503, state: 'failed', errormessage: 'Given up' },
          { index: 1, status: 400, state: 'retried', errormessage: 'Tried again' },
          { index: 2, status: 200, state: 'delivered' }
        ]
      },
      {
        ...base,
        id: first.id,
        at,
        events: 2,
        succeeded: 0,
        failed: 2,
        retried: 0,
        outcomes: [],
        thrown: { status: 503, message: 'HTTP 503: Service Unavailable', retryable: false }
      }
    ]
    const page = await newPage()
    await page.route(isHistory, (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ deliveries: told, next: null, kept: 2, maxKept: 2 })
      })
    )
    await page.goto(url('/'))
    const partial = page.locator(`li.delivery-item[data-id="${second.id}"] article`)
    await partial.waitFor()
    expect(await partial.locator('tr.event-row .chip').allInnerTexts()).toEqual([
      expect.stringContaining('503 failed'),
      expect.stringContaining('400 will be retried'),
      expect.stringContaining('200 delivered')
    ])
    expect(await partial.locator('tr.event-row').evaluateAll((rows) => rows.map((row) => row.className))).toEqual([
      'event-row state-failed',
      'event-row state-retry',
      'event-row state-ok'
    ])
    const thrown = await page.locator(`li.delivery-item[data-id="${first.id}"] article`).innerText()
    expect(thrown).toContain('Thrown: failed')
    expect(thrown).toContain('Not retryable: all 2 events failed.')

    // The server keeps two: a new delivery pushes the oldest out of the page too.
    await page.locator('#connection[data-mode="live"]').waitFor()
    await postEvent('Third')
    const third = second.id + 1
    await page.locator(`li.delivery-item[data-id="${third}"]`).waitFor()
    await page.locator(`li.delivery-item[data-id="${first.id}"]`).waitFor({ state: 'detached' })
    expect(await listedIds(page)).toEqual([third, second.id])
    expect(await page.locator('#filter-summary').innerText()).toBe('Showing all 2 deliveries.')
  })

  it('says why the list could not be loaded in one sentence, then that it retries', async () => {
    const page = await newPage()
    await page.route(isHistory, (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'The server failed on this call; its log says why.' })
      })
    )
    await page.goto(url('/'))
    const banner = page.locator('#load-error')
    await banner.waitFor({ state: 'visible' })
    expect(await banner.innerText()).toBe(
      'The deliveries could not be loaded: GET /_deliveries answered 500: The server failed on this call; ' +
        'its log says why. Retrying every 3 s…'
    )
  })
})
