import type { ItemSpec } from '../../src/track-api/build-item'
import { MAX_ITEM_BYTES, serializeItem } from '../../src/track-api/limits'
import { prepareBatch, prepareItem } from '../../src/track-api/prepare-items'

interface Event {
  user?: string
  blob?: string
}

const toItem = ({ user, blob = '' }: Event): ItemSpec => {
  if (user === undefined) throw new Error('no user')
  return { type: 'person', action: 'event', person: { person_id: user }, name: 'E', attributes: { blob } }
}

const ITEM = { type: 'person', action: 'event', identifiers: { id: 'u-1' }, name: 'E', attributes: { blob: 'x' } }

describe('prepareItem', () => {
  it('builds the item and serializes it once', () => {
    expect(prepareItem({ user: 'u-1', blob: 'x' }, toItem)).toEqual({
      ok: true,
      item: ITEM,
      serialized: serializeItem(ITEM)
    })
  })

  it('refuses an event whose mapping throws, with what it threw', () => {
    expect(prepareItem({}, toItem)).toEqual({ ok: false, message: 'no user' })
  })

  it('refuses an item over the item limit, with its size', () => {
    const blob = 'x'.repeat(MAX_ITEM_BYTES)
    const bytes = serializeItem({ ...ITEM, attributes: { blob } }).bytes
    expect(bytes).toBeGreaterThan(MAX_ITEM_BYTES)
    expect(prepareItem({ user: 'u-1', blob }, toItem)).toEqual({
      ok: false,
      message: `The item is ${bytes} bytes as JSON; Customer.io accepts at most 32000 bytes per item.`
    })
  })
})

describe('prepareBatch', () => {
  it('keeps the ready items in order with their indices, and each refusal at its own index only', () => {
    const { ready, refused } = prepareBatch([{ user: 'u-0' }, {}, { user: 'u-2' }, {}], toItem)
    expect(ready.map((entry) => [entry.index, entry.item.identifiers])).toEqual([
      [0, { id: 'u-0' }],
      [2, { id: 'u-2' }]
    ])
    expect(Object.keys(refused)).toEqual(['1', '3'])
    expect(refused[1]).toEqual({
      ok: false,
      status: 400,
      errortype: 'PAYLOAD_VALIDATION_FAILED',
      errormessage: 'no user'
    })
  })
})
