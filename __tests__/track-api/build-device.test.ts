import { buildDevice, InvalidDeviceError } from '../../src/track-api/build-device'

describe('buildDevice', () => {
  it('reads the platform in any case and with white space around it', () => {
    expect(buildDevice({ token: 't-1', platform: ' iOS\n', last_used: 1723667808 }, false)).toStrictEqual({
      token: 't-1',
      platform: 'ios',
      last_used: 1723667808,
      attributes: {}
    })
  })

  it('has no last_used key when last_used is not mapped or not readable', () => {
    expect(buildDevice({ token: 't-2', platform: 'android' }, false)).toStrictEqual({
      token: 't-2',
      platform: 'android',
      attributes: {}
    })
    expect(buildDevice({ token: 't-3', platform: 'android', last_used: 'last tuesday' }, false)).toStrictEqual({
      token: 't-3',
      platform: 'android',
      attributes: {}
    })
  })

  it('sends every attribute as a string and has no key for a null or undefined one', () => {
    const device = buildDevice(
      {
        token: 't-4',
        platform: 'ios',
        attributes: { app_version: '2.1', build: 321, push: false, tags: ['a'], gone: null, unset: undefined }
      },
      false
    )
    expect(device.attributes).toStrictEqual({ app_version: '2.1', build: '321', push: 'false', tags: '["a"]' })
  })

  it('keeps an attribute named __proto__ as an attribute, with or without date conversion', () => {
    const attributes = JSON.parse('{"__proto__": 7, "seen": "2019-02-01T00:00:00Z"}') as Record<string, unknown>
    for (const [convert, seen] of [
      [false, '2019-02-01T00:00:00Z'],
      [true, '1548979200']
    ] as const) {
      const device = buildDevice({ token: 't-5', platform: 'ios', attributes }, convert)
      expect(Object.keys(device.attributes ?? {})).toEqual(['__proto__', 'seen'])
      expect(Object.getPrototypeOf(device.attributes)).toBe(Object.prototype)
      expect(JSON.stringify(device.attributes)).toBe(`{"__proto__":"7","seen":"${seen}"}`)
    }
  })

  it.each<[string, string | undefined, string]>([
    ['missing', undefined, ''],
    ['another platform', 'windows', 'windows'],
    ['blank', '  ', '  '],
    ['longer than 64 characters, quoted in part', `web${'x'.repeat(80)}`, `web${'x'.repeat(61)}`]
  ])('refuses a platform that is %s, quoting it', (_name, platform, quoted) => {
    const build = () => buildDevice({ token: 't-6', platform, last_used: 1723667808 }, false)
    expect(build).toThrow(InvalidDeviceError)
    expect(build).toThrow(
      expect.objectContaining({
        name: 'InvalidDeviceError',
        message: `The device platform "${quoted}" is not one Customer.io can register: it takes ios or android.`
      })
    )
  })
})
