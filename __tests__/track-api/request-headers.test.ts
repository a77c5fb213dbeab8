// Every Track API request declares its body as JSON, exactly `content-type: application/json`, on each endpoint and
// path, through actions-core's request client to the wire.
import nock from 'nock'
import { US, fixedEvent, newTestDestination } from '../__helpers__/destination'
import { mappingFor } from '../__helpers__/runner'
import { TRACKED } from '../__helpers__/tracked-batch'

/** One content-type header, whose value is exactly this. */
const JSON_TYPE = ['application/json']

const delivery = fixedEvent({
  type: 'track',
  event: 'Report Delivery Event',
  userId: 'u-1',
  properties: { deliveryId: 'dlv-1', metric: 'opened' }
})

/** Answers 200 to each request on `path`, and records the values of its content-type header (node-fetch's list). */
function answerRecordingTypes(path: string) {
  const types: unknown[] = []
  nock(US.host)
    .persist()
    .post(path)
    .reply(function () {
      types.push(this.req.headers['content-type'])
      return [200, {}]
    })
  return { types }
}

afterEach(() => nock.cleanAll())

describe('the content type of a Track API request', () => {
  it('is JSON for a batch (POST /api/v2/batch)', async () => {
    const { types } = answerRecordingTypes('/api/v2/batch')
    const result = await newTestDestination().executeBatch('trackEvent', {
      events: TRACKED,
      settings: US.settings,
      mapping: mappingFor('trackEvent')
    })
    expect(result.map((node) => node.status)).toEqual([200, 200, 200])
    expect(types).toEqual([JSON_TYPE])
  })

  it('is JSON for one event (POST /api/v2/entity)', async () => {
    const { types } = answerRecordingTypes('/api/v2/entity')
    await newTestDestination().testAction('trackEvent', {
      event: TRACKED[0],
      settings: US.settings,
      mapping: mappingFor('trackEvent')
    })
    expect(types).toEqual([JSON_TYPE])
  })

  it('is JSON for a delivery metric, alone and in a batch (POST /api/v1/metrics)', async () => {
    const { types } = answerRecordingTypes('/api/v1/metrics')
    await newTestDestination().testAction('reportDeliveryEvent', {
      event: delivery,
      settings: US.settings,
      mapping: mappingFor('reportDeliveryEvent')
    })
    const result = await newTestDestination().executeBatch('reportDeliveryEvent', {
      events: [delivery, delivery],
      settings: US.settings,
      mapping: mappingFor('reportDeliveryEvent')
    })
    expect(result.map((node) => node.status)).toEqual([200, 200])
    expect(types).toEqual([JSON_TYPE, JSON_TYPE, JSON_TYPE])
  })
})
