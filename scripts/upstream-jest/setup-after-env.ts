// What packages/destination-actions/test/setup-after-env.ts of Segment's action-destinations repository does, for
// scripts/upstream-tests.sh: no request leaves the machine, real sockets go only to 127.0.0.1, and nock's
// interceptors are cleared before each test.
import nock from 'nock'

beforeEach(() => {
  nock.cleanAll()
})

beforeAll(() => {
  nock.disableNetConnect()
  nock.enableNetConnect('127.0.0.1')
  if (!nock.isActive()) {
    nock.activate()
  }
})

afterAll(() => {
  nock.restore()
  nock.enableNetConnect()
  nock.cleanAll()
})
