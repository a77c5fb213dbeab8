import nock from 'nock'
import { Destination } from '@segment/actions-core'
import type { JSONObject } from '@segment/actions-core'
import { createDestination } from '../../src'
import { checkSettings, hasCredentials, InvalidSettingsError, regionOf } from '../../src/track-api/settings'
import { API_KEY, SITE_ID, fixedEvent } from '../__helpers__/destination'
import { mappingFor } from '../__helpers__/runner'

describe('regionOf', () => {
  it.each([
    ['US 🇺🇸', 'US'],
    ['EU 🇪🇺', 'EU'],
    ['US', 'US'],
    ['EU', 'EU'],
    ['eu', 'EU'],
    [' us ', 'US'],
    [undefined, 'US'],
    ['', 'US']
  ])('reads %j as %s', (setting, region) => {
    expect(regionOf(setting)).toBe(region)
  })

  it.each([
    ['XX', 'The setting accountRegion must be "US 🇺🇸" or "EU 🇪🇺" (or US / EU), not "XX".'],
    [
      'track-key-5e1d9c0b-pasted',
      'The setting accountRegion must be "US 🇺🇸" or "EU 🇪🇺" (or US / EU), not a value of 25 characters.'
    ],
    ['EU 🇺🇸', 'The setting accountRegion must be "US 🇺🇸" or "EU 🇪🇺" (or US / EU), not "EU 🇺🇸".'],
    [1, 'The setting accountRegion must be a string, not a number.'],
    [['EU'], 'The setting accountRegion must be a string, not an array.']
  ])('refuses %j with a clear message', (setting, message) => {
    expect(() => regionOf(setting)).toThrow(new InvalidSettingsError(message))
  })
})

describe('checkSettings', () => {
  it.each([
    [{ siteId: 7, apiKey: API_KEY }, 'The setting siteId must be a string, not a number.'],
    [{ siteId: SITE_ID, apiKey: { key: API_KEY } }, 'The setting apiKey must be a string, not an object.'],
    [{ siteId: SITE_ID }, 'The setting apiKey is missing.'],
    [{ siteId: ' ', apiKey: API_KEY }, 'The setting siteId is empty.'],
    [
      { siteId: SITE_ID, apiKey: API_KEY, accountRegion: true },
      'The setting accountRegion must be a string, not a boolean.'
    ],
    ['settings', 'The settings must be an object, not a string.']
  ])('refuses %j without quoting a credential', (settings, message) => {
    const error = (() => {
      try {
        checkSettings(settings)
      } catch (caught) {
        return caught as InvalidSettingsError
      }
    })()
    expect(error).toBeInstanceOf(InvalidSettingsError)
    expect(error?.message).toBe(message)
    expect(error?.status).toBe(400)
    expect(error?.message).not.toContain(API_KEY)
  })

  it('accepts the catalog values', () => {
    expect(() => checkSettings({ siteId: SITE_ID, apiKey: API_KEY, accountRegion: 'EU 🇪🇺' })).not.toThrow()
  })

  it('with credentials optional, accepts them missing or empty but still refuses the wrong type and region', () => {
    expect(() => checkSettings({}, true)).not.toThrow()
    expect(() => checkSettings({ siteId: '', apiKey: null, accountRegion: 'EU' }, true)).not.toThrow()
    expect(() => checkSettings({ siteId: 7 }, true)).toThrow(
      new InvalidSettingsError('The setting siteId must be a string, not a number.')
    )
    expect(() => checkSettings({ accountRegion: 'XX' }, true)).toThrow(InvalidSettingsError)
    expect(() => checkSettings({}, false)).toThrow(new InvalidSettingsError('The setting siteId is missing.'))
  })
})

describe('hasCredentials', () => {
  it.each([
    [{ siteId: SITE_ID, apiKey: API_KEY }, true],
    [{ siteId: SITE_ID }, false],
    [{ apiKey: API_KEY }, false],
    [{ siteId: ' ', apiKey: API_KEY }, false],
    [{ siteId: SITE_ID, apiKey: 5 }, false],
    [{}, false]
  ])('%j → %s', (settings, expected) => {
    expect(hasCredentials(settings)).toBe(expected)
  })
})

describe('the destination with wrong settings', () => {
  const event = fixedEvent({ type: 'track', event: 'Order Completed', userId: 'user-1' })
  const mapping = mappingFor('trackEvent')

  it('refuses an unknown accountRegion in the batch path and sends nothing, not even to the US host', async () => {
    const us = nock('https://track.customer.io').post('/api/v2/batch').reply(200, {})
    const destination = new Destination(createDestination())
    await expect(
      destination.executeBatch('trackEvent', {
        events: [event],
        mapping,
        settings: { siteId: SITE_ID, apiKey: API_KEY, accountRegion: 'XX' }
      })
    ).rejects.toThrow('The setting accountRegion must be "US 🇺🇸" or "EU 🇪🇺" (or US / EU), not "XX".')
    expect(us.isDone()).toBe(false)
  })

  it('refuses a siteId of the wrong type in the single path', async () => {
    const us = nock('https://track.customer.io').post('/api/v2/entity').reply(200, {})
    const destination = new Destination(createDestination())
    await expect(
      destination.actions.trackEvent.execute({
        data: event as unknown as JSONObject,
        mapping,
        settings: { siteId: 12345 as unknown as string, apiKey: API_KEY },
        auth: undefined
      })
    ).rejects.toThrow('The setting siteId must be a string, not a number.')
    expect(us.isDone()).toBe(false)
  })

  it('sends the alias "EU" to the EU host, not the US one', async () => {
    const eu = nock('https://track-eu.customer.io').post('/api/v2/batch').reply(200, {})
    const destination = new Destination(createDestination())
    const result = await destination.executeBatch('trackEvent', {
      events: [event],
      mapping,
      settings: { siteId: SITE_ID, apiKey: API_KEY, accountRegion: 'EU' }
    })
    expect(result.map((node) => node.status)).toEqual([200])
    expect(eu.isDone()).toBe(true)
  })

  it('refuses an unknown region on delete', async () => {
    const destination = new Destination(createDestination())
    await expect(
      destination.onDelete?.(
        { type: 'delete', userId: 'user-1' },
        { siteId: SITE_ID, apiKey: API_KEY, accountRegion: 'Mars' }
      )
    ).rejects.toThrow(/region must be/)
  })
})

describe('settings at their edges', () => {
  it('takes a null region as the default, like a missing or empty one', () => {
    expect(regionOf(null)).toBe('US')
  })

  it('quotes a region of up to 12 characters, and only tells the length of a longer one', () => {
    expect(() => regionOf('abcdefghijkl')).toThrow(/, not "abcdefghijkl"\.$/)
    expect(() => regionOf('abcdefghijklm')).toThrow(/, not a value of 13 characters\.$/)
  })

  it('refuses settings that are null, and a credential that is null, naming what was given', () => {
    expect(() => checkSettings(null)).toThrow(new InvalidSettingsError('The settings must be an object, not null.'))
    expect(() => checkSettings({ siteId: null, apiKey: 'k' })).toThrow(
      new InvalidSettingsError('The setting siteId must be a string, not null.')
    )
  })

  it('is a 400 with the code INVALID_SETTINGS', () => {
    expect(new InvalidSettingsError('x')).toMatchObject({ status: 400, code: 'INVALID_SETTINGS', message: 'x' })
  })
})
