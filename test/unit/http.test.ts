import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, type ApiErrorKind, errorKindForStatus } from '../../src/api/api-error.ts'
import { messageFromErrorBody, parseRetryAfter, postJson } from '../../src/api/http.ts'

const NOW = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')
const URL_UNDER_TEST = '/api/async/images/result'
const GATEWAY_HTML = '<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>'

type FetchArgs = Parameters<typeof fetch>

/** Replaces globalThis.fetch for one test; restored in afterEach. */
function stubFetch(impl: (...args: FetchArgs) => Promise<Response>) {
  const spy = vi.fn(impl)
  vi.stubGlobal('fetch', spy)
  return spy
}

function answer(status: number, body: string, headers: Record<string, string> = {}) {
  return stubFetch(() => Promise.resolve(new Response(body, { status, headers })))
}

/** The ApiError postJson rejects with; fails the test when it resolves or rejects otherwise. */
async function apiErrorOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected postJson to reject')
    },
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

/** A fetch that answers only by rejecting with its signal's reason once that signal aborts. */
function hangUntilAborted() {
  return stubFetch(
    (_input, init) =>
      new Promise<Response>((_resolve, reject) => {
        const signal = init?.signal
        if (!signal) return reject(new Error('postJson sent no signal'))
        signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true })
      }),
  )
}

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('errorKindForStatus', () => {
  it.each<[number, ApiErrorKind]>([
    [404, 'not-found'],
    [401, 'unauthorized'],
    [403, 'unauthorized'],
    [429, 'rate-limited'],
    [500, 'upstream'],
    [502, 'upstream'],
    [503, 'upstream'],
    [504, 'upstream'],
    [599, 'upstream'],
    [400, 'bad-response'],
    [405, 'bad-response'],
    [409, 'bad-response'],
    [422, 'bad-response'],
  ])('HTTP %i is %s', (status, kind) => {
    expect(errorKindForStatus(status)).toBe(kind)
  })
})

describe('parseRetryAfter', () => {
  it.each<[string, string | null, number | undefined]>([
    ['delta-seconds', '7', 7_000],
    ['zero seconds', '0', 0],
    ['delta-seconds with whitespace', '  120 ', 120_000],
    ['an HTTP-date a minute ahead', 'Wed, 21 Oct 2015 07:29:00 GMT', 60_000],
    ['an HTTP-date in the past', 'Wed, 21 Oct 2015 07:27:00 GMT', 0],
    ['an HTTP-date equal to now', 'Wed, 21 Oct 2015 07:28:00 GMT', 0],
    ['no header', null, undefined],
    ['an empty header', '', undefined],
    ['a word', 'soon', undefined],
    ['digits followed by letters', '120abc', undefined],
    ['a negative number', '-1', undefined],
    ['a fractional number', '1.5', undefined],
  ])('reads %s (%j) as %s ms', (_, value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected)
  })
})

describe('messageFromErrorBody', () => {
  it.each<[string, string, string | undefined]>([
    ['the documented shape', '{"message":"x"}', 'x'],
    [
      'the documented shape among other fields',
      '{"code":7,"message":"Job not found"}',
      'Job not found',
    ],
    ['an empty body', '', undefined],
    ['a gateway HTML page', GATEWAY_HTML, undefined],
    ['JSON without message', '{"error":"nope"}', undefined],
    ['a message that is a number', '{"message":42}', undefined],
    ['a message that is an object', '{"message":{"text":"x"}}', undefined],
    ['a blank message', '{"message":"   "}', undefined],
    ['JSON null', 'null', undefined],
    ['a JSON array holding the shape', '[{"message":"x"}]', undefined],
  ])('reads %s as %j', (_, body, expected) => {
    expect(messageFromErrorBody(body)).toBe(expected)
  })

  it('caps a very long message at 500 characters', () => {
    expect(messageFromErrorBody(JSON.stringify({ message: 'm'.repeat(2_000) }))).toHaveLength(500)
  })
})

describe('postJson: success', () => {
  it('POSTs the body as JSON and returns the parsed JSON with its text', async () => {
    const text = '{"id":"x","status":"QUEUED"}'
    const fetchSpy = answer(200, text, { 'content-type': 'application/json' })
    await expect(postJson(URL_UNDER_TEST, { id: 'x' })).resolves.toEqual({
      json: { id: 'x', status: 'QUEUED' },
      text,
    })
    expect(fetchSpy).toHaveBeenCalledTimes(1)
    const [url, init] = fetchSpy.mock.calls[0] ?? []
    expect(url).toBe(URL_UNDER_TEST)
    expect(init?.method).toBe('POST')
    expect(init?.body).toBe('{"id":"x"}')
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json')
  })
})

describe('postJson: HTTP errors become ApiErrors with a kind', () => {
  it.each<[number, ApiErrorKind]>([
    [404, 'not-found'],
    [401, 'unauthorized'],
    [403, 'unauthorized'],
    [429, 'rate-limited'],
    [500, 'upstream'],
    [400, 'bad-response'],
  ])('HTTP %i with a message body → %s, keeping status and message', async (status, kind) => {
    answer(status, '{"message":"from the API"}', { 'content-type': 'application/json' })
    const error = await apiErrorOf(postJson(URL_UNDER_TEST, { id: 'x' }))
    expect(error.kind).toBe(kind)
    expect(error.status).toBe(status)
    expect(error.apiMessage).toBe('from the API')
    expect(error.rawBody).toBe('{"message":"from the API"}')
  })

  it.each([500, 502, 503, 504])(
    'HTTP %i with a gateway HTML page → upstream, keeping the page as rawBody',
    async (status) => {
      answer(status, GATEWAY_HTML, { 'content-type': 'text/html' })
      const error = await apiErrorOf(postJson(URL_UNDER_TEST, { id: 'x' }))
      expect(error.kind).toBe('upstream')
      expect(error.status).toBe(status)
      expect(error.rawBody).toBe(GATEWAY_HTML)
      expect(error.apiMessage).toBeUndefined()
    },
  )

  it('HTTP 429 with Retry-After: 7 → rate-limited with retryAfterMs 7000', async () => {
    answer(429, '', { 'retry-after': '7' })
    const error = await apiErrorOf(postJson(URL_UNDER_TEST, { id: 'x' }))
    expect(error.kind).toBe('rate-limited')
    expect(error.retryAfterMs).toBe(7_000)
  })

  it('HTTP 429 without Retry-After → no retryAfterMs', async () => {
    answer(429, '{"message":"slow down"}')
    expect((await apiErrorOf(postJson(URL_UNDER_TEST, { id: 'x' }))).retryAfterMs).toBeUndefined()
  })

  it('keeps only the start of a huge error body', async () => {
    answer(502, 'x'.repeat(100_000))
    const error = await apiErrorOf(postJson(URL_UNDER_TEST, { id: 'x' }))
    expect(error.rawBody?.length).toBeLessThan(20_100)
    expect(error.rawBody).toContain('more characters')
  })
})

describe('postJson: a 200 that is not JSON', () => {
  it.each([
    ['an HTML page', GATEWAY_HTML, 'The response was not JSON'],
    ['truncated JSON', '{"id":"x",', 'The response was not JSON'],
    ['an empty body', '', 'The response was empty'],
    ['a whitespace body', ' \n ', 'The response was empty'],
  ])('%s → bad-response %j with the raw text', async (_, body, message) => {
    answer(200, body)
    const error = await apiErrorOf(postJson(URL_UNDER_TEST, { id: 'x' }))
    expect(error.kind).toBe('bad-response')
    expect(error.message).toBe(message)
    expect(error.status).toBe(200)
    expect(error.rawBody).toBe(body)
  })
})

describe('postJson: no answer', () => {
  it('a fetch that rejects with a TypeError → network, keeping the cause', async () => {
    const cause = new TypeError('Failed to fetch')
    stubFetch(() => Promise.reject(cause))
    const error = await apiErrorOf(postJson(URL_UNDER_TEST, { id: 'x' }))
    expect(error.kind).toBe('network')
    expect(error.message).toMatch(/did not reach/)
    expect(error.cause).toBe(cause)
    expect(error.status).toBeUndefined()
  })

  it('no answer within timeoutMs → network, saying there was no answer', async () => {
    hangUntilAborted()
    const error = await apiErrorOf(postJson(URL_UNDER_TEST, { id: 'x' }, { timeoutMs: 30 }))
    expect(error.kind).toBe('network')
    expect(error.message).toContain('No answer')
  })

  it("the caller's own abort → rethrows the AbortError, not an ApiError", async () => {
    hangUntilAborted()
    const controller = new AbortController()
    const pending = postJson(URL_UNDER_TEST, { id: 'x' }, { signal: controller.signal })
    controller.abort()
    const error = await pending.then(
      () => undefined,
      (reason: unknown) => reason,
    )
    expect(error).not.toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ name: 'AbortError' })
  })
})
