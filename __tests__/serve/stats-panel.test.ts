// The deliveries page's metrics panel in a real browser (a system Chromium, or the one npm ci brings).
import type { Browser } from 'playwright-core'
import { serve, type Serving } from '../../src/serve/cli'
import { launchBrowser } from '../helpers/browser'

jest.setTimeout(60_000)

describe('the page’s metrics panel, in Chromium', () => {
  let serving: Serving | undefined
  let browser: Browser | undefined

  afterAll(async () => {
    await serving?.close()
    await browser?.close()
  })

  it('shows the totals and follows new deliveries', async () => {
    serving = await serve({ port: '0' }, () => undefined)
    browser = (await launchBrowser()).browser
    const page = await browser.newPage()
    page.setDefaultTimeout(10_000)
    await page.goto(`${serving.server.url}/`)
    const panel = page.locator('#stats-panel')
    await expect(panel.locator('h2').textContent()).resolves.toBe('Metrics the platform would see')
    await page.locator('#stats-requests', { hasText: '0' }).waitFor()
    await serving.server.runBatch('trackEvent', [
      { type: 'track', event: 'One', userId: 'user-1' },
      { type: 'track', event: 'Two', userId: 'user-2', timestamp: 'next tuesday' }
    ])
    await page.locator('#stats-requests', { hasText: '1' }).waitFor()
    expect(await page.locator('#stats-delivered').textContent()).toBe('1')
    expect(await page.locator('#stats-refused').textContent()).toBe('1')
    expect(await page.locator('#stats-p50').textContent()).toMatch(/^\d+ ms$/)
  })
})
