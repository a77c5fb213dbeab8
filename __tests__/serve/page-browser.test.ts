// Which browser the page tests use: a system one when present, else the one @sparticuz/chromium ships (no browser
// test runs here; this checks the choice, and that the bundled one is unpacked outside the temp folder).
import path from 'node:path'
import { chooseBrowser } from './__helpers__/browser'

const NOT_THERE = path.join(__dirname, 'no-such-browser')

describe('chooseBrowser', () => {
  it('prefers a system browser when one is present', async () => {
    await expect(chooseBrowser({}, [NOT_THERE, process.execPath])).resolves.toEqual({
      executablePath: process.execPath,
      source: 'system'
    })
  })

  it('takes the browser CHROMIUM_PATH names, and refuses one that is not there', async () => {
    await expect(chooseBrowser({ CHROMIUM_PATH: process.execPath }, [])).resolves.toEqual({
      executablePath: process.execPath,
      source: 'CHROMIUM_PATH'
    })
    await expect(chooseBrowser({ CHROMIUM_PATH: NOT_THERE }, [])).rejects.toThrow(
      `CHROMIUM_PATH names no file: ${NOT_THERE}`
    )
  })

  if (process.platform === 'linux') {
    it('falls back on the npm package, unpacked into node_modules/.cache, when there is none or when asked', async () => {
      const cache = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'customerio-actions-chromium')
      for (const [environment, candidates] of [
        [{}, [NOT_THERE]],
        [{ CHROMIUM_PATH: 'bundled' }, [process.execPath]]
      ] as const) {
        const choice = await chooseBrowser(environment, candidates)
        expect(choice.source).toBe('bundled')
        expect(path.dirname(path.dirname(choice.executablePath))).toBe(cache)
        expect(choice.env).toEqual({ FONTCONFIG_PATH: path.join(path.dirname(choice.executablePath), 'fonts-config') })
      }
    })
  }
})
