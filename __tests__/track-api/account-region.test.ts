import { answeredRegion, regionMismatchMessage } from '../../src/track-api/account-region'

describe('answeredRegion', () => {
  it.each([
    [{ url: 'https://track.customer.io', region: 'us', environment_id: 1 }, 'US'],
    [{ url: 'https://track-eu.customer.io', region: 'eu', environment_id: 1 }, 'EU'],
    [{ region: ' EU ' }, 'EU'],
    ['{"region":"eu"}', 'EU'],
    [{ region: 'ap' }, undefined],
    [{ region: 1 }, undefined],
    [{}, undefined],
    ['not json', undefined],
    [null, undefined],
    [undefined, undefined]
  ])('reads %j as %s', (answer, expected) => {
    expect(answeredRegion(answer)).toBe(expected)
  })
})

describe('regionMismatchMessage', () => {
  it('says nothing when the account is in the region the setting names', () => {
    expect(regionMismatchMessage({ region: 'us' }, 'US')).toBeUndefined()
    expect(regionMismatchMessage({ region: 'eu' }, 'EU')).toBeUndefined()
  })

  it('names the account’s region, the setting and the choice to make', () => {
    expect(regionMismatchMessage({ region: 'eu' }, 'US')).toBe(
      'The Customer.io account is in the EU region, but the accountRegion setting is US: choose "EU 🇪🇺".'
    )
    expect(regionMismatchMessage({ region: 'us' }, 'EU')).toBe(
      'The Customer.io account is in the US region, but the accountRegion setting is EU: choose "US 🇺🇸".'
    )
  })

  it('says nothing when the answer names no region', () => {
    expect(regionMismatchMessage({ url: 'https://track.customer.io' }, 'US')).toBeUndefined()
  })
})
