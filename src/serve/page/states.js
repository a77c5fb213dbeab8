// @ts-check
// How the page shows the states the server decides: the words, the icon and the colour's class of each.
/** @typedef {import('./contract.js').EventState} EventState */

/** @type {Record<EventState, { text: string, icon: string, css: string }>} */
export const STATE_LOOK = {
  delivered: { text: 'delivered', icon: '✓', css: 'ok' },
  failed: { text: 'failed', icon: '✗', css: 'failed' },
  retried: { text: 'will be retried', icon: '↻', css: 'retry' }
}
