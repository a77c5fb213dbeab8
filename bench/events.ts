// Realistic Segment events for the benchmark, generated from a seed so every run (and both destinations in a run)
// sends exactly the same data: 20–40 properties or traits each, nested objects, arrays, and ISO-8601 date-times with
// 3 to 9 fractional digits, with Z or an offset.
import type { JSONObject, JSONValue, SegmentEvent } from '@segment/actions-core'

/** mulberry32: a small, fast, seedable generator; quality is ample for test data. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

class Generator {
  constructor(readonly random: () => number) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1))
  }

  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.random() * values.length)]
  }

  chance(probability: number): boolean {
    return this.random() < probability
  }

  word(): string {
    return this.pick(WORDS)
  }

  words(count: number): string {
    return Array.from({ length: count }, () => this.word()).join(' ')
  }

  hex(length: number): string {
    let text = ''
    for (let i = 0; i < length; i++) text += HEX[this.int(0, 15)]
    return text
  }

  uuid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-a${this.hex(3)}-${this.hex(12)}`
  }

  /** An ISO-8601 date-time in 2023–2025 with 3 to 9 fractional digits, in UTC or with an offset. */
  isoDate(): string {
    const pad = (value: number, width = 2) => String(value).padStart(width, '0')
    const date = `${this.int(2023, 2025)}-${pad(this.int(1, 12))}-${pad(this.int(1, 28))}`
    const time = `${pad(this.int(0, 23))}:${pad(this.int(0, 59))}:${pad(this.int(0, 59))}`
    let fraction = ''
    for (let digits = this.int(3, 9); digits > 0; digits--) fraction += String(this.int(0, 9))
    const zone = this.chance(0.8) ? 'Z' : `${this.pick(['+', '-'])}${pad(this.int(0, 11))}:${this.pick(['00', '30'])}`
    return `${date}T${time}.${fraction}${zone}`
  }

  price(): number {
    return Math.round(this.random() * 50000) / 100
  }

  product(): JSONObject {
    return {
      product_id: `prod_${this.hex(10)}`,
      sku: `${this.word().toUpperCase()}-${this.int(1000, 9999)}`,
      name: this.words(3),
      category: this.pick(CATEGORIES),
      brand: this.word(),
      variant: this.pick(['red', 'blue', 'green', 'black', 'XL', 'M', 'S']),
      price: this.price(),
      quantity: this.int(1, 5),
      coupon: this.chance(0.2) ? `SAVE${this.int(5, 50)}` : null,
      position: this.int(1, 40),
      url: `https://shop.example.com/p/${this.hex(8)}`,
      image_url: `https://cdn.example.com/img/${this.hex(12)}.jpg`,
      added_at: this.isoDate()
    }
  }

  /**
   * Extra flat properties, to bring an event to its 20–40 top-level keys. Like a tracking plan, the keys come from a
   * fixed list (from `offset` on, one in seven skipped) and each key always holds the same kind of value.
   */
  filler(target: JSONObject, count: number, offset: number): void {
    for (let i = 0; Object.keys(target).length < count; i++) {
      const position = (offset + i) % EXTRA_KEYS.length
      if (i < EXTRA_KEYS.length && this.chance(1 / 7)) continue
      const key = EXTRA_KEYS[position]
      const kind = position % 8
      let value: JSONValue
      if (kind === 0) value = this.isoDate()
      else if (kind === 1) value = this.int(0, 100000)
      else if (kind === 2) value = this.chance(0.5)
      else if (kind === 3) value = this.words(this.int(2, 8))
      else if (kind === 4) value = [this.word(), this.word(), this.word()]
      else if (kind === 5) value = { source: this.word(), count: this.int(0, 50), seen_at: this.isoDate() }
      else if (kind === 6) value = String(this.int(1, 99999))
      else value = this.price()
      target[key] = value
    }
  }
}

const HEX = '0123456789abcdef'
const WORDS = (
  'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo ' +
  'sierra tango uniform victor whiskey xray yankee zulu ember harbor meadow summit canyon glacier prairie lagoon tundra delta'
).split(' ')
/** The custom properties and traits a workspace tracks beyond the standard ones. */
const EXTRA_KEYS = Array.from(
  { length: 48 },
  (_, i) => `${WORDS[i % WORDS.length]}_${WORDS[(i * 7 + 3) % WORDS.length]}`
)
const CATEGORIES = ['Apparel', 'Books', 'Electronics', 'Garden', 'Home', 'Outdoors', 'Sports', 'Toys']
const EVENTS = ['Order Completed', 'Product Viewed', 'Checkout Started', 'Cart Viewed', 'Signed Up', 'Plan Upgraded']
const PLANS = ['free', 'starter', 'pro', 'enterprise']

/** Context as analytics.js sends it: the same on both kinds of events. */
function context(g: Generator): JSONObject {
  return {
    library: { name: 'analytics.js', version: `5.${g.int(0, 9)}.${g.int(0, 20)}` },
    ip: `${g.int(1, 223)}.${g.int(0, 255)}.${g.int(0, 255)}.${g.int(1, 254)}`,
    locale: g.pick(['en-US', 'de-DE', 'fr-FR', 'pt-BR']),
    timezone: g.pick(['America/New_York', 'Europe/Berlin', 'Asia/Tokyo']),
    userAgent: `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${g.int(100, 130)}.0`,
    page: {
      path: `/${g.word()}/${g.word()}`,
      referrer: `https://www.${g.word()}.com/`,
      title: g.words(4),
      url: `https://shop.example.com/${g.word()}`
    },
    campaign: { name: g.word(), source: g.pick(['google', 'newsletter', 'twitter']), medium: 'cpc' }
  }
}

/** Who the event is about: mostly a user id, some email-shaped, some cio_ ids, some anonymous visitors only. */
function userId(g: Generator, index: number): string | undefined {
  const roll = g.random()
  if (roll < 0.6) return `user-${index}-${g.hex(6)}`
  if (roll < 0.75) return `${g.word()}.${g.hex(4)}@example.com`
  if (roll < 0.85) return `cio_${g.hex(12)}`
  return undefined
}

function common(g: Generator, index: number): SegmentEvent {
  const event: SegmentEvent = {
    type: 'track',
    messageId: g.uuid(),
    anonymousId: g.uuid(),
    timestamp: g.isoDate(),
    receivedAt: g.isoDate(),
    sentAt: g.isoDate(),
    context: context(g),
    integrations: {}
  }
  const id = userId(g, index)
  if (id !== undefined) event.userId = id
  return event
}

/** A track call with 20–40 properties: an order with products, nested objects, arrays and dates. */
export function trackEvents(count: number, seed = 1): SegmentEvent[] {
  const g = new Generator(randomSource(seed))
  const events = Array.from({ length: count }, (_, index): SegmentEvent => {
    const products = Array.from({ length: g.int(1, 4) }, () => g.product())
    const properties: JSONObject = {
      order_id: `ord_${g.hex(12)}`,
      checkout_id: g.uuid(),
      affiliation: g.word(),
      total: g.price(),
      subtotal: g.price(),
      revenue: g.price(),
      shipping: g.price(),
      tax: g.price(),
      discount: g.price(),
      currency: g.pick(['USD', 'EUR', 'BRL']),
      products,
      tags: [g.word(), g.word(), g.word(), g.word()],
      scores: [g.int(0, 100), g.int(0, 100), g.int(0, 100)],
      shipping_address: {
        street: `${g.int(1, 999)} ${g.word()} street`,
        city: g.word(),
        postal_code: String(g.int(10000, 99999)),
        country: g.pick(['US', 'DE', 'FR', 'BR']),
        geo: { lat: g.random() * 180 - 90, lng: g.random() * 360 - 180 }
      },
      ordered_at: g.isoDate(),
      shipped_at: g.isoDate(),
      delivery_window: { from: g.isoDate(), to: g.isoDate() },
      first_order: g.chance(0.3),
      note: g.words(g.int(3, 12))
    }
    const event = g.pick(EVENTS)
    g.filler(properties, g.int(20, 40), EVENTS.indexOf(event) * 5)
    return { ...common(g, index), type: 'track', event, properties }
  })
  return asDelivered(events)
}

/** An identify call with 20–40 traits, createdAt among them; some relate the person to an object. */
export function identifyEvents(count: number, seed = 2): SegmentEvent[] {
  const g = new Generator(randomSource(seed))
  const events = Array.from({ length: count }, (_, index): SegmentEvent => {
    const first = g.word()
    const traits: JSONObject = {
      email: `${first}.${g.hex(6)}@example.com`,
      createdAt: g.isoDate(),
      first_name: first,
      last_name: g.word(),
      name: `${first} ${g.word()}`,
      phone: `+1555${g.int(1000000, 9999999)}`,
      plan: g.pick(PLANS),
      company: { name: g.words(2), industry: g.pick(CATEGORIES), employees: g.int(1, 5000) },
      address: { street: `${g.int(1, 999)} ${g.word()} road`, city: g.word(), country: g.pick(['US', 'DE', 'FR']) },
      tags: [g.word(), g.word(), g.word()],
      last_login_at: g.isoDate(),
      trial_ends_at: g.isoDate(),
      logins: g.int(0, 500),
      lifetime_value: g.price(),
      newsletter: g.chance(0.5),
      preferences: { channels: ['email', 'push'], language: g.pick(['en', 'de', 'fr']), updated_at: g.isoDate() }
    }
    if (g.chance(0.3)) {
      traits.objectId = `acct_${g.hex(8)}`
      traits.relationshipAttributes = { role: g.pick(['admin', 'member', 'owner']), joined_at: g.isoDate() }
    }
    g.filler(traits, g.int(20, 40), 0)
    return { ...common(g, index), type: 'identify', traits }
  })
  return asDelivered(events)
}

/** Events reach a destination parsed from JSON, so they have the objects JSON.parse makes. */
function asDelivered(events: SegmentEvent[]): SegmentEvent[] {
  return JSON.parse(JSON.stringify(events)) as SegmentEvent[]
}
