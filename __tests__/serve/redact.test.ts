import { REDACTED, redactHeaders, redactSecrets, redactSettings, secretsOf } from '../../src/serve/redact'

const basic = (siteId: string, apiKey: string) => Buffer.from(`${siteId}:${apiKey}`).toString('base64')

describe('redactSecrets', () => {
  it('leaves the words that contain a short credential alone, and replaces it where it stands alone', () => {
    const secrets = secretsOf({ siteId: 'eve', apiKey: 'k3y' })
    const record = {
      action: 'trackEvent',
      outcomes: [{ event: { type: 'track', event: 'Seven events', userId: 'eve' } }],
      settings: { siteId: 'eve' },
      message: 'site eve refused (eve:k3y), key "k3y"; k3ys and eve2 are other words',
      eve: 'a key equal to the credential'
    }
    expect(redactSecrets(record, secrets)).toEqual({
      action: 'trackEvent',
      outcomes: [{ event: { type: 'track', event: 'Seven events', userId: REDACTED } }],
      settings: { siteId: REDACTED },
      message: `site ${REDACTED} refused (${REDACTED}:${REDACTED}), key "${REDACTED}"; k3ys and eve2 are other words`,
      [REDACTED]: 'a key equal to the credential'
    })
  })

  it('replaces a credential of 8 characters or more wherever its text appears', () => {
    const secrets = secretsOf({ siteId: 'sim-site-id', apiKey: 'sim-api-key' })
    expect(redactSecrets(['xsim-site-idx', 'https://sim-api-key.example/sim-site-id'], secrets)).toEqual([
      `x${REDACTED}x`,
      `https://${REDACTED}.example/${REDACTED}`
    ])
  })

  it('replaces the Basic token built from the credentials, in a header value or a message', () => {
    const token = basic('eve', 'k3y')
    const secrets = secretsOf({ siteId: 'eve', apiKey: 'k3y' })
    expect(secrets).toEqual(['eve', 'k3y', token])
    expect(redactSecrets({ sent: `Basic ${token}`, echoed: `auth=${token};` }, secrets)).toEqual({
      sent: `Basic ${REDACTED}`,
      echoed: `auth=${REDACTED};`
    })
    const long = basic('sim-site-id', 'sim-api-key')
    expect(redactSecrets(`x${long}x`, secretsOf({ siteId: 'sim-site-id', apiKey: 'sim-api-key' }))).toBe(
      `x${REDACTED}x`
    )
  })

  it('replaces a credential under 3 characters only as a whole value', () => {
    const secrets = secretsOf({ siteId: 'ab', apiKey: '' })
    expect(redactSecrets({ siteId: 'ab', note: 'ab cd', word: 'about' }, secrets)).toEqual({
      siteId: REDACTED,
      note: 'ab cd',
      word: 'about'
    })
  })

  it('changes nothing without credentials', () => {
    const value = { event: 'eve' }
    expect(redactSecrets(value, secretsOf({}))).toBe(value)
  })
})

describe('redactHeaders and redactSettings', () => {
  it('hides the headers that carry credentials and the credentials of settings, whatever their length', () => {
    expect(redactHeaders({ Authorization: 'Basic ZXZlOmszeQ==', 'x-api-key': 'k', accept: 'eve' })).toEqual({
      Authorization: REDACTED,
      'x-api-key': REDACTED,
      accept: 'eve'
    })
    expect(redactSettings({ siteId: 'e', apiKey: 'k', accountRegion: 'US' })).toEqual({
      siteId: REDACTED,
      apiKey: REDACTED,
      accountRegion: 'US'
    })
  })
})
