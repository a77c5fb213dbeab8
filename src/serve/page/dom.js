// @ts-check
// DOM and text helpers of the deliveries page. Every value from a delivery goes into the page as text, never as HTML.
/** @typedef {import('./contract.js').Truncated} Truncated */

/**
 * The element with this id (the page's HTML has every id the modules ask for).
 * @param {string} id
 * @returns {HTMLElement}
 */
export function $(id) {
  const node = document.getElementById(id)
  if (!node) throw new Error(`The page has no #${id}.`)
  return node
}

/**
 * The input or select with this id.
 * @param {string} id
 * @returns {HTMLInputElement & HTMLSelectElement}
 */
export function field(id) {
  return /** @type {HTMLInputElement & HTMLSelectElement} */ ($(id))
}

/** @typedef {Node | string | number | null | undefined | false} Child */

/**
 * Builds an element: attributes (class, hidden, data-*, aria-*, ...) and children (nodes or text).
 * @param {string} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attributes]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElement}
 */
export function el(tag, attributes, ...children) {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue
    if (name === 'class') node.className = String(value)
    else if (value === true) node.setAttribute(name, '')
    else node.setAttribute(name, String(value))
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue
    node.append(child instanceof Node ? child : document.createTextNode(String(child)))
  }
  return node
}

/**
 * A count as every part of the page writes it: 3,856,317.
 * @param {number} count
 */
export function formatCount(count) {
  return count.toLocaleString('en-US')
}

/**
 * @param {number} count
 * @param {string} word
 * @param {string} [words] the plural, when it is not word + s
 */
export function plural(count, word, words) {
  return `${formatCount(count)} ${count === 1 ? word : words || `${word}s`}`
}

/**
 * The text as a sentence: a full stop added unless it ends with one already (or with ? or !).
 * @param {string} text
 */
export function sentence(text) {
  return /[.!?…]$/.test(text) ? text : `${text}.`
}

/** @param {unknown} value */
export function formatJson(value) {
  if (value === undefined) return ''
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2)
    } catch {
      return value
    }
  }
  return JSON.stringify(value, null, 2)
}

/** @param {string} iso */
export function formatTime(iso) {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })
}

/**
 * The server keeps large values as { truncated: true, bytes, preview }.
 * @param {unknown} value
 * @returns {value is Truncated}
 */
export function isTruncated(value) {
  if (value === null || typeof value !== 'object') return false
  const candidate = /** @type {Record<string, unknown>} */ (value)
  return candidate.truncated === true && typeof candidate.bytes === 'number' && typeof candidate.preview === 'string'
}

/**
 * A scrollable block of JSON; focusable so that keyboard users can scroll it.
 * @param {unknown} value
 * @param {string} label
 */
export function jsonBlock(value, label) {
  if (!isTruncated(value)) return el('pre', { class: 'json', tabindex: 0, 'aria-label': label }, formatJson(value))
  return el(
    'div',
    { class: 'truncated' },
    el(
      'p',
      { class: 'truncated-note' },
      `Truncated: ${formatCount(value.bytes)} bytes in all; the first ${formatCount(value.preview.length)} characters:`
    ),
    el('pre', { class: 'json', tabindex: 0, 'aria-label': label }, `${value.preview}…`)
  )
}

/**
 * A disclosure whose content is built when it first opens.
 * @param {Record<string, string>} attributes
 * @param {HTMLElement} summary
 * @param {() => HTMLElement} build
 */
export function lazyDetails(attributes, summary, build) {
  const details = /** @type {HTMLDetailsElement} */ (el('details', attributes, summary))
  details.addEventListener('toggle', function fill() {
    if (!details.open) return
    details.removeEventListener('toggle', fill)
    details.append(build())
  })
  return details
}

/** @param {Record<string, string> | undefined} headers */
export function headersText(headers) {
  const lines = Object.entries(headers || {}).map(([name, value]) => `${name}: ${value}`)
  return lines.length ? lines.join('\n') : '(none)'
}
