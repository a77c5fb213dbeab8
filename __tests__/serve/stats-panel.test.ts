// The deliveries page's metrics panel in a real browser (a system Chromium, or the one npm ci brings).
import type { Browser } from 'playwright-core'
import { useRunningServer } from './__helpers__/running-server'
import type { StatsSummary } from '../../src/serve/stats-collector'
import { launchBrowser } from './__helpers__/browser'

jest.setTimeout(60_000)

describe('the page’s metrics panel, in Chromium', () => {
  const running = useRunningServer({ options: { port: '0' } })
  let browser: Browser | undefined

  beforeAll(async () => {
    browser = (await launchBrowser()).browser
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('shows the totals and follows new deliveries', async () => {
    if (!browser) throw new Error('The browser did not start.')
    const page = await browser.newPage()
    page.setDefaultTimeout(10_000)
    await page.goto(`${running.url}/`)
    const panel = page.locator('#stats-panel')
    await expect(panel.locator('h2').textContent()).resolves.toBe('Metrics the platform would see')
    await page.locator('#stats-requests', { hasText: '0' }).waitFor()
    await running.serving.server.runBatch('trackEvent', [
      { type: 'track', event: 'One', userId: 'user-1' },
      { type: 'track', event: 'Two', userId: 'user-2', timestamp: 'next tuesday' }
    ])
    await page.locator('#stats-requests', { hasText: '1' }).waitFor()
    expect(await page.locator('#stats-delivered').textContent()).toBe('1')
    expect(await page.locator('#stats-refused').textContent()).toBe('1')
    expect(await page.locator('#stats-p50').textContent()).toMatch(/^[\d,]+ ms$/)
  })

  it('writes every count the same way, with thousands separators', async () => {
    if (!browser) throw new Error('The browser did not start.')
    const page = await browser.newPage()
    page.setDefaultTimeout(10_000)
    const summary: StatsSummary = {
      events: { delivered: 19_972, rejected: 1_204, retried: 3, refused: 12_000 },
      requests: 4_096,
      bytes: 3_856_317,
      answerTimeMs: { count: 4_096, p50: 12, p95: 1_520 },
      warnings: { count: 1_002, recent: ['the last warning'] },
      series: []
    }
    await page.route('**/_stats', (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify(summary) })
    )
    await page.goto(`${running.url}/`)
    await page.locator('#stats-bytes', { hasText: '3,856,317' }).waitFor()
    const cells = await page.locator('.stats-cell dd').allTextContents()
    expect(cells).toEqual(['19,972', '1,204', '3', '12,000', '4,096', '3,856,317', '12 ms', '1,520 ms'])
    expect(await page.locator('#stats-warnings').textContent()).toBe(
      '1,002 warning(s) through the logger; the last: the last warning'
    )
    await page.close()
  })
})
