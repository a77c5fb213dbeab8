import { buildMetricsBody } from '../../src/track-api/build-metric'

const NOW = 1725148800

describe('buildMetricsBody', () => {
  it('sends every mapped detail, the in-app action as metadata', () => {
    expect(
      buildMetricsBody(
        {
          delivery_id: 'dlv-1',
          metric: 'clicked',
          timestamp: '2024-08-14T20:36:48Z',
          recipient: 'ana@example.com',
          reason: 'none',
          href: 'https://shop.example.com/sale',
          action_name: 'cta',
          action_value: 'open_sale'
        },
        NOW
      )
    ).toEqual({
      delivery_id: 'dlv-1',
      metric: 'clicked',
      timestamp: 1723667808,
      recipient: 'ana@example.com',
      reason: 'none',
      href: 'https://shop.example.com/sale',
      metadata: { action_name: 'cta', action_value: 'open_sale' }
    })
  })

  it('leaves out empty details and metadata without an action', () => {
    expect(
      buildMetricsBody(
        { delivery_id: 'dlv-2', metric: 'opened', timestamp: 1723667808, recipient: '', href: '', action_name: '' },
        NOW
      )
    ).toEqual({ delivery_id: 'dlv-2', metric: 'opened', timestamp: 1723667808 })
  })

  it.each<[string, Partial<Record<'reason' | 'action_name' | 'action_value', string>>, object]>([
    ['a blank reason', { reason: '' }, {}],
    [
      'a blank action name beside an action value',
      { action_name: '', action_value: 'open_sale' },
      { metadata: { action_value: 'open_sale' } }
    ],
    [
      'a blank action value beside an action name',
      { action_name: 'cta', action_value: '' },
      { metadata: { action_name: 'cta' } }
    ]
  ])('leaves out %s', (_name, details, expected) => {
    expect(
      buildMetricsBody({ delivery_id: 'dlv-5', metric: 'clicked', timestamp: 1723667808, ...details }, NOW)
    ).toStrictEqual({
      delivery_id: 'dlv-5',
      metric: 'clicked',
      timestamp: 1723667808,
      ...expected
    })
  })

  it.each([
    ['not mapped', undefined],
    ['not a readable date', 'last tuesday']
  ])('uses the current time when the timestamp is %s', (_name, timestamp) => {
    expect(buildMetricsBody({ delivery_id: 'dlv-3', metric: 'delivered', timestamp }, NOW)).toEqual({
      delivery_id: 'dlv-3',
      metric: 'delivered',
      timestamp: NOW
    })
  })

  it.each<[string, string | number, number]>([
    ['an RFC 2822 date, as dayjs.utc reads it', 'Tue, 01 Jan 2019 00:00:00 GMT', 1546300800],
    ['a zone-less date, as UTC', '01/01/2019', 1546300800],
    ['a decimal digit string, floored', '1712345678.9', 1712345678],
    ['a decimal number, floored', 1712345678.9, 1712345678]
  ])('sends %s as integer unix seconds', (_name, timestamp, seconds) => {
    expect(buildMetricsBody({ delivery_id: 'dlv-4', metric: 'opened', timestamp }, NOW).timestamp).toBe(seconds)
  })
})
