import { applyItem, deleteCustomer, recordMetric } from '../../../src/serve/simulator/apply-item'
import {
  createSimulatorState,
  MAX_STORED_ATTRIBUTES,
  MAX_STORED_DEVICES_PER_PERSON,
  type SimulatorState
} from '../../../src/serve/simulator/state'
import type { BatchItem } from '../../../src/track-api/types'
import { OUTSIDE_CAMPAIGN_WINDOW } from '../../../src/serve/simulator/campaign-window'

function applyAll(items: BatchItem[]): SimulatorState {
  const state = createSimulatorState()
  for (const item of items) applyItem(state, item)
  return state
}

const acme = { object_type_id: '1', object_id: 'acme' }

describe('applyItem', () => {
  it('upserts person attributes, removing those set to null or an empty string', () => {
    const state = applyAll([
      { type: 'person', action: 'identify', identifiers: { id: 'u-1' }, attributes: { plan: 'pro', a: 1, b: 2 } },
      { type: 'person', action: 'identify', identifiers: { id: 'u-1' }, attributes: { plan: 'team', a: null, b: '' } }
    ])
    expect(state.people).toEqual({
      'id:u-1': { attributes: { plan: 'team' }, devices: {}, relationships: {}, suppressed: false }
    })
  })

  it('keeps relationships on both the person and the object', () => {
    const state = applyAll([
      {
        type: 'person',
        action: 'identify',
        identifiers: { id: 'u-1' },
        cio_relationships: [{ identifiers: acme, relationship_attributes: { role: 'admin' } }]
      },
      { type: 'object', action: 'identify', identifiers: acme, attributes: { name: 'Acme' } },
      {
        type: 'object',
        action: 'add_relationships',
        identifiers: acme,
        cio_relationships: [{ identifiers: { id: 'u-2' } }]
      }
    ])
    expect(state.people['id:u-1'].relationships).toEqual({ '1:acme': { role: 'admin' } })
    expect(state.objects['1:acme']).toEqual({
      attributes: { name: 'Acme' },
      relationships: { 'id:u-1': { role: 'admin' }, 'id:u-2': {} }
    })
    applyItem(state, {
      type: 'person',
      action: 'delete_relationships',
      identifiers: { id: 'u-1' },
      cio_relationships: [{ identifiers: acme }]
    })
    expect(state.objects['1:acme'].relationships).toEqual({ 'id:u-2': {} })
    expect(state.people['id:u-1'].relationships).toEqual({})
  })

  it('adds and deletes devices by token, and flags suppression', () => {
    const state = applyAll([
      { type: 'person', action: 'add_device', identifiers: { id: 'u-1' }, device: { token: 't-1', platform: 'ios' } },
      {
        type: 'person',
        action: 'add_device',
        identifiers: { id: 'u-1' },
        device: { token: 't-2', platform: 'android', last_used: 1767225600, attributes: { app_version: '1' } }
      },
      { type: 'person', action: 'delete_device', identifiers: { id: 'u-1' }, device: { token: 't-1' } },
      { type: 'person', action: 'suppress', identifiers: { id: 'u-1' } }
    ])
    expect(state.people['id:u-1']).toEqual({
      attributes: {},
      devices: {
        't-2': { token: 't-2', platform: 'android', last_used: 1767225600, attributes: { app_version: '1' } }
      },
      relationships: {},
      suppressed: true
    })
  })

  it('merges the secondary into the primary, whose values win, and deletes the secondary', () => {
    const state = applyAll([
      { type: 'person', action: 'identify', identifiers: { id: 'u-1' }, attributes: { plan: 'pro' } },
      {
        type: 'person',
        action: 'identify',
        identifiers: { email: 'old@x.test' },
        attributes: { plan: 'free', city: 'Oslo' }
      },
      {
        type: 'person',
        action: 'add_device',
        identifiers: { email: 'old@x.test' },
        device: { token: 't', platform: 'ios' }
      },
      { type: 'person', action: 'merge', primary: { id: 'u-1' }, secondary: { email: 'old@x.test' } }
    ])
    expect(Object.keys(state.people)).toEqual(['id:u-1'])
    expect(state.people['id:u-1'].attributes).toEqual({ plan: 'pro', city: 'Oslo' })
    expect(Object.keys(state.people['id:u-1'].devices)).toEqual(['t'])
  })

  it('appends person events and delivery events', () => {
    const state = applyAll([
      {
        type: 'person',
        action: 'event',
        identifiers: { id: 'u-1' },
        name: 'Paid',
        id: 'm-1',
        timestamp: 5,
        attributes: { total: 4 }
      },
      { type: 'person', action: 'viewed_content', identifiers: { anonymous_id: 'a-1' }, name: 'viewed_content' },
      {
        type: 'delivery',
        action: 'event',
        identifiers: { id: 'd-1' },
        name: 'opened',
        attributes: { device_token: 't' }
      }
    ])
    expect(state.events).toEqual([
      {
        action: 'event',
        identifiers: { id: 'u-1' },
        name: 'Paid',
        id: 'm-1',
        timestamp: 5,
        attributes: { total: 4 },
        campaigns: OUTSIDE_CAMPAIGN_WINDOW
      },
      { action: 'viewed_content', identifiers: { anonymous_id: 'a-1' }, name: 'viewed_content', attributes: {} }
    ])
    expect(state.deliveries).toEqual([
      { via: 'delivery_event', delivery_id: 'd-1', metric: 'opened', details: { device_token: 't' } }
    ])
  })

  it('deletes an object and its relationships', () => {
    const state = applyAll([
      { type: 'object', action: 'identify', identifiers: acme, cio_relationships: [{ identifiers: { id: 'u-1' } }] },
      { type: 'object', action: 'delete', identifiers: acme }
    ])
    expect(state.objects).toEqual({})
    expect(state.people['id:u-1'].relationships).toEqual({})
  })
})

describe('bounds within one record', () => {
  // 200,000 devices of one person took the simulator from 202 to 325 MB and GET /_sim/state to 14.6 MB, growing.
  it(`keeps a person's latest ${MAX_STORED_DEVICES_PER_PERSON} devices`, () => {
    const items = Array.from({ length: MAX_STORED_DEVICES_PER_PERSON + 5 }, (_, index): BatchItem => ({
      type: 'person',
      action: 'add_device',
      identifiers: { id: 'u-1' },
      device: { token: `t-${index}`, platform: 'ios' }
    }))
    const devices = Object.keys(applyAll(items).people['id:u-1'].devices)
    expect(devices).toHaveLength(MAX_STORED_DEVICES_PER_PERSON)
    expect([devices[0], devices[devices.length - 1]]).toEqual(['t-5', `t-${MAX_STORED_DEVICES_PER_PERSON + 4}`])
  })

  it(`keeps ${MAX_STORED_ATTRIBUTES} attributes of a person, the first stored dropped first`, () => {
    const items = Array.from({ length: 4 }, (_, call): BatchItem => ({
      type: 'person',
      action: 'identify',
      identifiers: { id: 'u-1' },
      attributes: Object.fromEntries(Array.from({ length: 100 }, (_, index) => [`a${call * 100 + index}`, 1]))
    }))
    const attributes = Object.keys(applyAll(items).people['id:u-1'].attributes)
    expect(attributes).toHaveLength(MAX_STORED_ATTRIBUTES)
    expect([attributes[0], attributes[attributes.length - 1]]).toEqual(['a100', 'a399'])
  })
})

describe('deleteCustomer and recordMetric', () => {
  it('reads a cio_ prefix as a cio_id, and anything else as an id or an email', () => {
    const state = applyAll([
      { type: 'person', action: 'identify', identifiers: { cio_id: 'a3' } },
      { type: 'person', action: 'identify', identifiers: { email: 'ana@x.test' } },
      { type: 'person', action: 'identify', identifiers: { id: 'keep' } }
    ])
    deleteCustomer(state, 'cio_a3')
    deleteCustomer(state, 'ana@x.test')
    expect(Object.keys(state.people)).toEqual(['id:keep'])
  })

  it('stores a metric with its details', () => {
    const state = createSimulatorState()
    recordMetric(state, { delivery_id: 'd-1', metric: 'clicked', timestamp: 9, href: 'https://x.test' })
    expect(state.deliveries).toEqual([
      { via: 'metrics', delivery_id: 'd-1', metric: 'clicked', timestamp: 9, details: { href: 'https://x.test' } }
    ])
  })
})
