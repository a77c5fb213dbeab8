import nock from 'nock'
import destination, { createDestination } from '../src'
import { AUTH_HEADER, REGIONS, US, fixedEvent, newTestDestination, textOf } from './__helpers__/destination'
import { mappingFor } from './__helpers__/runner'
import { PayloadValidationError, createTestIntegration } from '@segment/actions-core'
import type { SegmentEvent } from '@segment/actions-core'

describe('Actions Customerio', () => {
  it('is the cloud destination the catalog knows', () => {
    expect(destination.name).toBe('Actions Customerio')
    expect(destination.slug).toBe('actions-customerio')
    expect(destination.mode).toBe('cloud')
    expect(destination.authentication?.scheme).toBe('basic')
  })

  describe.each(REGIONS)('testAuthentication ($region)', ({ region, host, settings }) => {
    it('passes when the region check answers 200 with Basic auth and the account is in that region', async () => {
      const scope = nock(host)
        .get('/api/v1/accounts/region')
        .matchHeader('authorization', AUTH_HEADER)
        .reply(200, { url: host, region: region.toLowerCase(), environment_id: 1 })
      await expect(newTestDestination().testAuthentication(settings)).resolves.not.toThrow()
      expect(scope.isDone()).toBe(true)
    })

    it('fails when the account is in the other region, naming the setting to choose and no credential', async () => {
      const other = region === 'US' ? REGIONS[1] : REGIONS[0]
      nock(host)
        .get('/api/v1/accounts/region')
        .reply(200, { url: other.host, region: other.region.toLowerCase(), environment_id: 1 })
      const error = await newTestDestination()
        .testAuthentication(settings)
        .catch((e: Error) => e)
      expect(error).toBeInstanceOf(Error)
      expect((error as Error).message).toBe(
        `Credentials are invalid:  The Customer.io account is in the ${other.region} region, but the accountRegion ` +
          `setting is ${region}: choose "${other.settings.accountRegion}".`
      )
      expect(textOf(error)).not.toContain(settings.apiKey)
      expect(textOf(error)).not.toContain(settings.siteId)
    })

    it('passes when the answer names no region it knows: nothing to compare', async () => {
      nock(host).get('/api/v1/accounts/region').reply(200, { url: host })
      await expect(newTestDestination().testAuthentication(settings)).resolves.not.toThrow()
    })

    it('fails on 401 without echoing the credentials', async () => {
      nock(host)
        .get('/api/v1/accounts/region')
        .reply(401, { meta: { error: 'Unauthorized request' } })
      const error = await newTestDestination()
        .testAuthentication(settings)
        .catch((e: Error) => e)
      expect(error).toBeInstanceOf(Error)
      expect((error as Error).message).toContain('Credentials are invalid')
      expect((error as Error).message).not.toContain(settings.apiKey)
    })
  })

  describe.each(REGIONS)('onDelete ($region)', ({ host, settings }) => {
    it('deletes the person with the id URL-encoded', async () => {
      const scope = nock(host).delete('/api/v1/customers/ana%40example.com%2Fteam%20a').reply(200, {})
      const testDestination = newTestDestination()
      const response = await testDestination.onDelete?.(
        { type: 'track', userId: 'ana@example.com/team a', anonymousId: 'a-1' },
        { ...settings }
      )
      expect(scope.isDone()).toBe(true)
      expect(response).toMatchObject({ status: 200 })
    })

    it.each([undefined, null, '', '  '])(
      'sends nothing for a deletion without a user id (%p), never DELETE …/customers/undefined',
      async (userId) => {
        // nock refuses any request: one sent to …/customers/undefined or …/customers/null fails the test.
        const error = await newTestDestination()
          .onDelete?.({ type: 'track', userId, anonymousId: 'a-1' } as SegmentEvent, { ...settings })
          .catch((e: unknown) => e)
        expect(error).toBeInstanceOf(PayloadValidationError)
        expect((error as Error).message).toBe(
          'The deletion names no user id, so there is no person to delete: nothing was sent.'
        )
      }
    )
  })

  it('sends to other hosts only when built with them', async () => {
    const scope = nock('http://127.0.0.1:4010').post('/api/v2/entity').reply(200, {})
    const local = createTestIntegration(
      createDestination({ hosts: { US: 'http://127.0.0.1:4010', EU: 'http://127.0.0.1:4011' } })
    )
    await local.testAction('trackEvent', {
      event: { type: 'track', event: 'Local', userId: 'u-1' },
      settings: US.settings,
      useDefaultMappings: true
    })
    expect(scope.isDone()).toBe(true)
  })
})

describe('createDestination({ hosts })', () => {
  const hosts = { US: 'http://127.0.0.1:4010', EU: 'http://127.0.0.1:4011' }
  const EU = REGIONS[1]
  // One event that every action's default mapping can read.
  const event = fixedEvent({
    type: 'track',
    event: 'Local',
    name: 'Home',
    userId: 'u-1',
    anonymousId: 'a-1',
    previousId: 'u-0',
    groupId: 'acme',
    context: { device: { token: 'token-1', type: 'ios' } },
    properties: {
      url: 'https://shop.example.com/',
      objectId: 'acme',
      deliveryId: 'dlv-1',
      metric: 'opened',
      actionType: 'viewed_content'
    }
  })

  it.each(Object.keys(destination.actions))('sends %s to the chosen host, single and batch', async (key) => {
    const metrics = key === 'reportDeliveryEvent'
    const scope = nock(hosts.EU)
      .post(metrics ? '/api/v1/metrics' : '/api/v2/entity')
      .reply(200, {})
      .post(metrics ? '/api/v1/metrics' : '/api/v2/batch')
      .reply(200, {})
    const local = createTestIntegration(createDestination({ hosts }))
    await local.testAction(key, { event, settings: EU.settings, mapping: mappingFor(key) })
    const result = await local.executeBatch(key, { events: [event], settings: EU.settings, mapping: mappingFor(key) })
    expect(result).toEqual([{ status: 200, sent: expect.any(Object), body: expect.any(Object) }])
    expect(scope.isDone()).toBe(true)
  })
})
