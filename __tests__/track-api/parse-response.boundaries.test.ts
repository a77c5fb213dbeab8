import { describeError, messageFromErrorBody, parseBatchResponse, quote } from '../../src/track-api/parse-response'

// The edges of the parser that a one-character change would move: the last index, the encoding depth, and every path
// a whole-request message is read from.
const UNVOUCHED_207 = (what: string) => ({
  ok: false,
  status: 502,
  errortype: 'BAD_GATEWAY',
  message: `Customer.io answered 207 with ${what}, so this event's delivery is not confirmed; it will be retried.`,
  retryable: true
})

describe('parseBatchResponse at the edges of the batch', () => {
  it('rejects the last item when batch_index is the batch size minus one', () => {
    expect(parseBatchResponse(207, { errors: [{ batch_index: 2, reason: 'invalid', message: 'bad' }] }, 3)).toEqual([
      { ok: true },
      { ok: true },
      { ok: false, status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED', message: 'bad', retryable: false }
    ])
  })

  it('trusts nothing when batch_index equals the batch size (one past the end)', () => {
    const outcomes = parseBatchResponse(207, { errors: [{ batch_index: 3, message: 'bad' }] }, 3)
    const expected = UNVOUCHED_207('errors without a usable batch_index: [{"batch_index":3,"message":"bad"}]')
    expect(outcomes).toEqual([expected, expected, expected])
  })

  it('distrusts errors that are not objects (null, text, a number) and still rejects the indexed one', () => {
    const outcomes = parseBatchResponse(207, { errors: [null, 'broken', 0, { batch_index: 1, message: 'bad' }] }, 2)
    const expected = UNVOUCHED_207('errors without a usable batch_index: [null,"broken",0]')
    expect(outcomes).toEqual([
      expected,
      { ok: false, status: 400, errortype: 'BAD_REQUEST', message: 'bad', retryable: false }
    ])
  })

  it('rejects the first item at batch_index 0 and distrusts -1', () => {
    expect(parseBatchResponse(207, { errors: [{ batch_index: 0, message: 'first' }] }, 2)).toEqual([
      { ok: false, status: 400, errortype: 'BAD_REQUEST', message: 'first', retryable: false },
      { ok: true }
    ])
    const outcomes = parseBatchResponse(207, { errors: [{ batch_index: -1, message: 'x' }] }, 1)
    expect(outcomes).toEqual([UNVOUCHED_207('errors without a usable batch_index: [{"batch_index":-1,"message":"x"}]')])
  })

  it('floors a fractional item count and gives no outcome for a negative one', () => {
    expect(parseBatchResponse(200, {}, 2.9)).toEqual([{ ok: true }, { ok: true }])
    expect(parseBatchResponse(200, {}, -1)).toEqual([])
    expect(parseBatchResponse(500, {}, -1)).toEqual([])
  })

  it('treats 199 and 300 as failed requests, 200 and 299 as answers to read', () => {
    expect(parseBatchResponse(299, {}, 1)).toEqual([{ ok: true }])
    expect(parseBatchResponse(200, {}, 1)).toEqual([{ ok: true }])
    expect(parseBatchResponse(300, {}, 1, 'Multiple Choices')).toEqual([
      {
        ok: false,
        status: 300,
        errortype: 'MULTIPLE_CHOICES',
        message: 'Customer.io rejected the request with HTTP 300: Multiple Choices',
        retryable: false
      }
    ])
    expect(parseBatchResponse(199, {}, 1, '')).toEqual([
      {
        ok: false,
        status: 199,
        errortype: 'UNKNOWN_ERROR',
        message: 'Customer.io rejected the request with HTTP 199: no message',
        retryable: false
      }
    ])
  })
})

describe('parseBatchResponse with several errors for one item', () => {
  it('is a validation failure when any of its reasons is one, whichever comes first', () => {
    const errors = [
      { batch_index: 0, reason: 'forbidden', message: 'a' },
      { batch_index: 0, reason: 'invalid', message: 'b' }
    ]
    expect(parseBatchResponse(207, { errors }, 1)).toEqual([
      { ok: false, status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED', message: 'a; b', retryable: false }
    ])
    expect(parseBatchResponse(207, { errors: [errors[0], { ...errors[0], message: 'c' }] }, 1)).toEqual([
      { ok: false, status: 400, errortype: 'BAD_REQUEST', message: 'a; c', retryable: false }
    ])
  })

  it('says "no message" when a failed request has neither body nor status text', () => {
    const [outcome] = parseBatchResponse(502, undefined, 1)
    expect(!outcome.ok && outcome.message).toBe('Customer.io rejected the request with HTTP 502: no message')
  })
})

describe('parseBatchResponse on encoded bodies', () => {
  const answer = { errors: [{ batch_index: 0, message: 'bad' }] }
  const rejected = { ok: false, status: 400, errortype: 'BAD_REQUEST', message: 'bad', retryable: false }

  it('reads an answer encoded once and twice as a JSON string', () => {
    expect(parseBatchResponse(207, JSON.stringify(answer), 1)).toEqual([rejected])
    expect(parseBatchResponse(207, JSON.stringify(JSON.stringify(answer)), 1)).toEqual([rejected])
  })

  it('stops at three encodings and trusts nothing', () => {
    const thrice = JSON.stringify(JSON.stringify(JSON.stringify(answer)))
    expect(parseBatchResponse(207, thrice, 1)).toEqual([
      // The quote is of what was left after two decodings: the answer encoded once.
      UNVOUCHED_207(`a body that is not a JSON object: ${quote(JSON.stringify(answer))}`)
    ])
  })

  it('takes an empty or blank string as {} and distrusts a JSON null, an array and errors that are not a list', () => {
    expect(parseBatchResponse(200, '  ', 1)).toEqual([{ ok: true }])
    expect(parseBatchResponse(207, null, 1)).toEqual([UNVOUCHED_207('a body that is not a JSON object: null')])
    expect(parseBatchResponse(207, 'null', 1)).toEqual([UNVOUCHED_207('a body that is not a JSON object: null')])
    expect(parseBatchResponse(207, [], 1)).toEqual([UNVOUCHED_207('a body that is not a JSON object: []')])
    expect(parseBatchResponse(207, { errors: 'none' }, 1)).toEqual([
      UNVOUCHED_207('an errors field that is not a list: "none"')
    ])
    expect(parseBatchResponse(207, { errors: null }, 1)).toEqual([{ ok: true }])
  })
})

describe('messageFromErrorBody', () => {
  it.each([
    ['v2 errors[] joined', { errors: [{ message: 'a' }, { reason: 'required', field: 'name' }] }, 'a; required: name'],
    ['an empty errors[] falls through to meta', { errors: [], meta: { error: 'from meta' } }, 'from meta'],
    ['meta.error', { meta: { error: ' Unauthorized ' } }, 'Unauthorized'],
    ['a blank meta.error falls through to meta.errors', { meta: { error: ' ', errors: ['x', 2] } }, 'x; 2'],
    ['an empty meta.errors falls through to message', { meta: { errors: [] }, message: 'm' }, 'm'],
    ['meta that is not an object is skipped', { meta: 'oops', message: 'm' }, 'm'],
    ['message', { message: 'too big' }, 'too big'],
    ['error when there is no message', { message: '', error: 'e' }, 'e'],
    ['error when the message is blank', { message: '   ', error: 'e' }, 'e'],
    ['a JSON string of an object', JSON.stringify({ message: 'inside' }), 'inside'],
    ['plain text, quoted', ' Bad Gateway ', '"Bad Gateway"']
  ])('%s', (_name, body, expected) => {
    expect(messageFromErrorBody(body)).toBe(expected)
  })

  it('has nothing to say for an empty object, a number or a body with no message', () => {
    expect(messageFromErrorBody({})).toBeUndefined()
    expect(messageFromErrorBody(42)).toBeUndefined()
    expect(messageFromErrorBody({ errors: 'x' })).toBeUndefined()
  })

  it('gives the request failure its message, else the status text, else "no message"', () => {
    const [fromBody] = parseBatchResponse(413, { meta: { errors: ['too large'] } }, 1, 'Payload Too Large')
    expect(!fromBody.ok && fromBody.message).toBe('Customer.io rejected the request with HTTP 413: too large')
    const [fromText] = parseBatchResponse(413, {}, 1, ' Payload Too Large ')
    expect(!fromText.ok && fromText.message).toBe('Customer.io rejected the request with HTTP 413: Payload Too Large')
    const [none] = parseBatchResponse(413, {}, 1, '  ')
    expect(!none.ok && none.message).toBe('Customer.io rejected the request with HTTP 413: no message')
  })
})

describe('describeError', () => {
  it.each([
    [{ message: 'm', field: 'name' }, 'm (field name)'],
    [{ message: 'name is required', field: 'name' }, 'name is required'],
    [{ message: ' m ' }, 'm'],
    [{ reason: 'required', field: 'name' }, 'required: name'],
    [{ reason: 'invalid' }, 'invalid'],
    [{ message: '   ', reason: 'required' }, 'required'],
    [{ field: 'name' }, 'name'],
    [{ message: '', reason: ' ' }, 'an error without a message: {"message":"","reason":" "}'],
    ['text', 'an error that is not an object: "text"'],
    [[1], 'an error that is not an object: [1]']
  ])('%j → %s', (error, expected) => {
    expect(describeError(error)).toBe(expected)
  })
})

describe('quote', () => {
  it('keeps 300 characters and marks the cut', () => {
    expect(quote('x'.repeat(298))).toBe(`"${'x'.repeat(298)}"`)
    expect(quote('x'.repeat(299))).toBe(`"${'x'.repeat(299)}`.slice(0, 300) + '…')
  })

  it('renders what JSON cannot', () => {
    const circular: { self?: unknown } = {}
    circular.self = circular
    expect(quote(circular)).toBe('[object Object]')
    expect(quote(undefined)).toBe('undefined')
  })
})
