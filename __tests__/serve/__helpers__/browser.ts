// The browser for the page tests. A system Chromium or Chrome when there is one; otherwise the Chromium that the
// @sparticuz/chromium dev dependency ships inside its npm package (Linux, x64 or arm64), so `npm ci && npm test`
// needs nothing else. That one is unpacked once into node_modules/.cache, never into the temp folder.
// CHROMIUM_PATH chooses: a path to a browser, or `bundled` to use the npm package's even when a system one exists.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { chromium, type Browser } from 'playwright-core'

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium'
]

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..', '..')
const CACHE = path.join(PACKAGE_ROOT, 'node_modules', '.cache', 'customerio-actions-chromium')

export interface BrowserChoice {
  executablePath: string
  source: 'CHROMIUM_PATH' | 'system' | 'bundled'
  /** Extra environment for the browser (the bundled one's fonts). */
  env?: Record<string, string>
}

/** Which browser the page tests use, unpacking the bundled one if needed. */
export async function chooseBrowser(
  environment: NodeJS.ProcessEnv = process.env,
  systemBrowsers: readonly string[] = SYSTEM_BROWSERS
): Promise<BrowserChoice> {
  const wanted = environment.CHROMIUM_PATH
  if (wanted && wanted !== 'bundled') {
    if (!existsSync(wanted)) throw new Error(`CHROMIUM_PATH names no file: ${wanted}`)
    return { executablePath: wanted, source: 'CHROMIUM_PATH' }
  }
  const system = wanted === 'bundled' ? undefined : systemBrowsers.find((candidate) => existsSync(candidate))
  if (system) return { executablePath: system, source: 'system' }
  return bundledBrowser()
}

export async function launchBrowser(): Promise<{ browser: Browser; choice: BrowserChoice }> {
  const choice = await chooseBrowser()
  const browser = await chromium.launch({
    executablePath: choice.executablePath,
    headless: true,
    env: choice.env ? { ...process.env, ...choice.env } : undefined,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  })
  return { browser, choice }
}

/** The npm package's Chromium: unpacked beside a fonts configuration of its own, once per version. */
async function bundledBrowser(): Promise<BrowserChoice> {
  if (process.platform !== 'linux') {
    throw new Error(
      'The page tests need Chrome or Chromium: install one, or set CHROMIUM_PATH to it ' +
        `(the bundled Chromium runs on Linux only; this is ${process.platform}).`
    )
  }
  const manifest = path.join(PACKAGE_ROOT, 'node_modules', '@sparticuz', 'chromium', 'package.json')
  const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version: string }
  const directory = path.join(CACHE, version)
  const executablePath = path.join(directory, 'chromium')
  if (!existsSync(executablePath)) await unpack(directory)
  return { executablePath, source: 'bundled', env: { FONTCONFIG_PATH: path.join(directory, 'fonts-config') } }
}

/**
 * The package unpacks into os.tmpdir(): a private folder beside the cache stands in for it, and then takes the
 * cache's name in one rename, so that test files starting at once never see half a browser.
 */
async function unpack(directory: string): Promise<void> {
  const staging = `${directory}.unpacking-${process.pid}`
  await rm(staging, { recursive: true, force: true })
  await mkdir(staging, { recursive: true })
  // In a child process: os.tmpdir() reads the real environment, which a test's process.env is not.
  const unpacked = spawnSync(
    process.execPath,
    ['-e', "require('@sparticuz/chromium').executablePath().then((file) => console.log(file))"],
    { cwd: PACKAGE_ROOT, env: { ...process.env, TMPDIR: staging }, encoding: 'utf8' }
  )
  if (unpacked.status !== 0 || !existsSync(path.join(staging, 'chromium'))) {
    await rm(staging, { recursive: true, force: true })
    throw new Error(`Could not unpack @sparticuz/chromium: ${unpacked.stderr || unpacked.stdout}`)
  }
  // Its own fonts.conf names /tmp; this one adds the unpacked fonts to the system's and keeps their cache out of /tmp.
  await mkdir(path.join(staging, 'fonts-config'))
  await writeFile(
    path.join(staging, 'fonts-config', 'fonts.conf'),
    [
      '<?xml version="1.0"?>',
      '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
      '<fontconfig>',
      '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
      `  <dir>${path.join(directory, 'fonts')}</dir>`,
      `  <cachedir>${path.join(directory, 'fonts-cache')}</cachedir>`,
      '</fontconfig>',
      ''
    ].join('\n')
  )
  try {
    await rename(staging, directory)
  } catch (error) {
    // Another test file unpacked it first.
    await rm(staging, { recursive: true, force: true })
    if (!existsSync(path.join(directory, 'chromium'))) throw error
  }
}
