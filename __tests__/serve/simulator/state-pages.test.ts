import { applyItem } from '../../../src/serve/simulator/apply-item'
import { createSimulatorState, type SimulatorState } from '../../../src/serve/simulator/state'
import {
  MAX_STATE_ENTRY_BYTES,
  MAX_STATE_PAGE_BYTES,
  pageOf,
  stateAnswer
} from '../../../src/serve/simulator/state-pages'
import { MAX_KEPT_DEPTH } from '../../../src/serve/truncated-value'

function stateWith(people: number): SimulatorState {
  const state = createSimulatorState()
  for (let i = 1; i <= people; i++) {
    applyItem(state, { type: 'person', action: 'identify', identifiers: { id: `u-${i}` }, attributes: { i } })
    applyItem(state, { type: 'person', action: 'event', identifiers: { id: `u-${i}` }, name: `E${i}` })
  }
  return state
}

const query = (text: string) => new URLSearchParams(text)
const chain = (depth: number): unknown => (depth === 0 ? 1 : [chain(depth - 1)])

describe('GET /_sim/state, in pages', () => {
  it('answers the counters and the newest 20 of each kind, newest first, with what comes next', () => {
    const state = stateWith(25)
    const answer = stateAnswer(state, query(''), 'eu')
    if (!answer.ok) throw new Error(answer.message)
    const body = answer.body as { people: Record<string, unknown>; events: { name: string }[] }
    expect(Object.keys(body.people)).toEqual(Array.from({ length: 20 }, (_, index) => `id:u-${25 - index}`))
    expect(body.people['id:u-25']).toEqual(state.people['id:u-25'])
    expect(body.events.map((event) => event.name)).toEqual(Array.from({ length: 20 }, (_, index) => `E${25 - index}`))
    expect(answer.body).toMatchObject({
      accountRegion: 'eu',
      counters: state.counters,
      objects: {},
      deliveries: [],
      next: { people: 20, objects: null, events: 20, deliveries: null },
      kept: { people: 25, objects: 0, events: 25, deliveries: 0 },
      maxKept: { people: 1_000, objects: 1_000, events: 1_000, deliveries: 1_000 }
    })
  })

  it('pages one kind with `skip`, the last page naming no next one', () => {
    const state = stateWith(25)
    expect(stateAnswer(state, query('kind=events&skip=20&limit=10'), 'us')).toEqual({
      ok: true,
      body: {
        events: [...state.events].slice(0, 5).reverse(),
        next: null,
        kept: 25,
        maxKept: 1_000
      }
    })
    const people = stateAnswer(state, query('kind=people&skip=3&limit=2'), 'us')
    expect(people.ok && Object.keys(people.body.people as object)).toEqual(['id:u-22', 'id:u-21'])
    expect(people.ok && people.body.next).toBe(5)
    const many = stateAnswer(stateWith(120), query('kind=people&limit=500'), 'us')
    expect(many.ok && [Object.keys(many.body.people as object).length, many.body.next]).toEqual([100, 100])
  })

  it.each([
    ['limit=0', 'limit', '"limit" must be a whole number from 1 to 100.'],
    ['limit=x', 'limit', '"limit" must be a whole number from 1 to 100.'],
    ['skip=-1', 'skip', '"skip" must be a whole number, as "next" gives it.'],
    ['kind=requests', 'kind', '"kind" must be one of people, objects, events, deliveries, ignored.'],
    ['kind=__proto__', 'kind', '"kind" must be one of people, objects, events, deliveries, ignored.']
  ])('refuses %s', (text, field, message) => {
    expect(stateAnswer(stateWith(1), query(text), 'us')).toEqual({ ok: false, field, message })
  })

  it('serves an entry that is too large or too deep as its size and beginning', () => {
    const state = stateWith(2)
    state.people['id:u-1'].attributes.deep = chain(MAX_KEPT_DEPTH) as never
    state.people['id:u-2'].attributes.big = 'x'.repeat(MAX_STATE_ENTRY_BYTES) as never
    const { entries } = pageOf(state, 'people', 0, 10)
    const people = entries as Record<string, unknown>
    for (const key of ['id:u-1', 'id:u-2']) {
      expect(people[key]).toEqual({ truncated: true, bytes: expect.any(Number), preview: expect.any(String) })
      expect((people[key] as { preview: string }).preview).toMatch(/^\{"attributes":\{"i":/)
    }
  })

  it('stays within its bytes however deep and many the entries, with one entry at least', () => {
    const state = createSimulatorState()
    const attributes = Object.fromEntries(Array.from({ length: 70 }, (_, index) => [`k${index}`, chain(12)]))
    for (let i = 0; i < 1_000; i++) {
      state.people[`id:u-${i}`] = { attributes: attributes as never, devices: {}, relationships: {}, suppressed: false }
      state.events.push({
        action: 'event',
        identifiers: { id: `u-${i}` },
        name: 'Deep',
        attributes: attributes as never
      })
    }
    const answer = stateAnswer(state, query('limit=100'), 'us')
    const text = JSON.stringify(answer.ok && answer.body, null, 2)
    expect(Buffer.byteLength(text)).toBeLessThan(4 * MAX_STATE_PAGE_BYTES + 1_000)
    expect(pageOf(state, 'events', 0, 100, 1).entries).toHaveLength(1)
  })
})
