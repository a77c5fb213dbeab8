// @ts-check
// The demo panel: a button per scenario of POST /_demo (from /_page/scenarios.json) and one that runs them all.
import { $, el, plural } from './dom.js'

let busy = false

/** @param {boolean} value */
function setBusy(value) {
  busy = value
  for (const button of $('demo-buttons').querySelectorAll('button')) {
    // aria-disabled rather than disabled, so that the focused button keeps the focus.
    button.setAttribute('aria-disabled', String(value))
  }
}

/**
 * What a run did, in one line; for one retry scenario, its first try and what the simulator did with the retry.
 * @param {{ scenario: string, delivery: number, asExpected: boolean, firstTry?: number, retry?: { summary: string } }[]} results
 */
function resultText(results) {
  const unexpected = results.filter((result) => !result.asExpected)
  const [only] = results
  const ran =
    results.length !== 1
      ? `Ran ${results.length} scenarios`
      : only.retry
        ? `${only.scenario} sent as delivery #${only.firstTry}, retried as #${only.delivery} (${only.retry.summary})`
        : `${only.scenario} sent as delivery #${only.delivery}`
  return unexpected.length
    ? `${ran}; not as expected: ${unexpected.map((result) => result.scenario).join(', ')}.`
    : `${ran}; every outcome as expected.`
}

/**
 * Runs one scenario, or all of them.
 * @param {string | undefined} key
 * @param {() => Promise<void>} afterRun
 */
async function runDemo(key, afterRun) {
  if (busy) return
  setBusy(true)
  const status = $('demo-status')
  status.textContent = key ? `Running ${key}…` : 'Running every scenario…'
  try {
    // JSON, as the server's guard requires of every POST (a page of another site cannot send it unasked).
    const response = await fetch(key ? `/_demo?scenario=${encodeURIComponent(key)}` : '/_demo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}'
    })
    const body = await response.json()
    if (!response.ok) throw new Error(body.error || `POST /_demo answered ${response.status}`)
    status.textContent = resultText(body)
    await afterRun()
  } catch (error) {
    status.textContent = `The demo did not run: ${/** @type {Error} */ (error).message}`
  } finally {
    setBusy(false)
  }
}

/**
 * @param {{ key: string, title: string, action: string, events: number }} scenario
 * @param {() => Promise<void>} afterRun
 */
function scenarioButton(scenario, afterRun) {
  const descriptionId = `scenario-${scenario.key}-description`
  const button = el(
    'button',
    {
      type: 'button',
      class: 'scenario',
      'data-scenario': scenario.key,
      title: scenario.title,
      'aria-describedby': descriptionId
    },
    scenario.key
  )
  button.addEventListener('click', () => runDemo(scenario.key, afterRun))
  const description = el(
    'span',
    { id: descriptionId, class: 'visually-hidden' },
    `${scenario.title}. ${plural(scenario.events, 'event')} to ${scenario.action}.`
  )
  return { button, description }
}

/**
 * Fills the panel.
 * @param {() => Promise<void>} afterRun called after a run (to catch up when the live stream is down)
 */
export async function setUpDemo(afterRun) {
  const row = $('demo-buttons')
  const runAll = $('run-all')
  runAll.addEventListener('click', () => runDemo(undefined, afterRun))
  try {
    const scenarios = await (await fetch('/_page/scenarios.json')).json()
    for (const scenario of scenarios) {
      const { button, description } = scenarioButton(scenario, afterRun)
      row.insertBefore(button, runAll)
      row.append(description)
    }
  } catch {
    $('demo-status').textContent = 'Could not load the demo scenarios.'
  }
}
