import nock from 'nock'

// Tests never reach the internet; real sockets go only to the loopback address.
beforeAll(() => {
  nock.disableNetConnect()
  nock.enableNetConnect('127.0.0.1')
})

afterEach(() => {
  nock.cleanAll()
})

afterAll(() => {
  nock.restore()
})
