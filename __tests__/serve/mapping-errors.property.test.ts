// Generated mappings the mapping engine refuses (unknown directives, directives with values of the wrong type,
// several directives in one object, refused directives nested in others, beside odd JSONPaths; or refused only when
// read on the event: @case with an operator it does not know), sent to a running
// ./bin/run serve on the batch and the single path: every answer is a JSON 4xx with neither a stack nor a path of
// this machine, nothing reaches the simulator, and a normal batch is still delivered after.
import path from 'node:path'
import fc from 'fast-check'
import { useRunningServer } from './__helpers__/running-server'

const running = useRunningServer({ resetBeforeEach: true })

const ROOT = path.resolve(__dirname, '..', '..')
const EVENT = { type: 'track', event: 'Order Completed', userId: 'user-1', timestamp: '2026-11-27T09:30:00Z' }
const DIRECTIVES = ['@if', '@case', '@replace', '@arrayPath', '@path', '@json', '@flatten', '@merge', '@template']
const KNOWN = new Set([...DIRECTIVES, '@literal', '@transform', '@excludeWhenNull', '@liquid'])

const scalar = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 8 }))
const notAString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }))
const oddPath = fc.oneof(
  fc.constantFrom('$', '$.', '$..', '$[', '$.[[[', '$.a[?(@.b)]', '$["a', '..', '$.a.*.*', '$.__proto__'),
  fc.string({ maxLength: 12 }).map((text) => `$.${text}`)
)

/** A mapping value the engine's validation refuses, by construction. */
const refused: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .stringMatching(/^@[a-zA-Z]{1,8}$/)
      .filter((key) => !KNOWN.has(key))
      .chain((key) => scalar.map((value) => ({ [key]: value }))),
    fc.tuple(fc.constantFrom('@template', '@path', '@liquid'), notAString).map(([key, value]) => ({ [key]: value })),
    fc.tuple(fc.constantFrom('@if', '@json', '@replace', '@flatten', '@merge'), scalar).map(([key, value]) => ({
      [key]: value
    })),
    fc
      .tuple(fc.constantFrom(...DIRECTIVES), fc.constantFrom(...DIRECTIVES))
      .map(([a, b]): unknown => (a === b ? { [a]: 1, other: 2 } : { [a]: '$.a', [b]: '$.b' })),
    tie('value').map((inner) => ({ '@if': { exists: inner, then: 'x' } })),
    fc.tuple(oddPath, tie('value')).map(([at, inner]) => ({ '@arrayPath': [at, { item: inner }] })),
    tie('value').map((inner) => ({ nested: { deeper: inner } })),
    tie('value').map((inner) => ({ '@merge': { objects: [{ a: 1 }, inner] } }))
  )
})).value

/** A mapping the engine's validation passes and its reading of the event refuses: @case meets a string. */
const refusedOnData = fc
  .string({ maxLength: 8 })
  .filter((operator) => operator !== 'lower' && operator !== 'upper')
  .map((operator) => ({ '@case': { operator, value: { '@path': '$.event' } } }))

const mapping = fc.record({
  name: fc.oneof(refused, refusedOnData),
  event_id: fc.option(
    oddPath.map((at) => ({ '@path': at })),
    { nil: undefined }
  )
})

describe('mappings the mapping engine refuses, generated', () => {
  it('are each answered with a JSON 4xx without a stack or a path, and a normal batch is delivered after', async () => {
    await fc.assert(
      fc.asyncProperty(mapping, fc.boolean(), async (generated, single) => {
        const payload = single ? EVENT : [EVENT]
        const answer = await running.post('/trackEvent', { payload, mapping: generated })
        expect(answer.status).toBeGreaterThanOrEqual(400)
        expect(answer.status).toBeLessThan(500)
        expect(answer.headers['content-type']).toBe('application/json; charset=utf-8')
        expect(typeof (answer.json as { error?: unknown }).error).toBe('string')
        expect(answer.body).not.toMatch(/\n|\bat [\w.<]+ \(|node_modules/)
        expect(answer.body).not.toContain(ROOT)
      }),
      { numRuns: 150, seed: 19 }
    )
    expect(running.serving.simulator?.requests).toEqual([])
    const after = await running.post('/trackEvent', { payload: [EVENT] })
    expect((after.json as { multistatus: { status: number }[] }).multistatus.map((node) => node.status)).toEqual([200])
  })
})
