import {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
  createServer,
  request,
} from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  MAX_BODY_BYTES,
  type Middleware,
  createApiMiddleware,
  upstreamTimeoutFromEnv,
} from '../../server/api-middleware.ts'
import { openSearchDescription } from '../../server/opensearch.ts'
import { PROXY_ERRORS } from '../../server/proxy-errors.ts'
import { type Upstream, readRuntimeConfig, readUpstream } from '../../server/settings.ts'
import { demoJobs, type DemoScenario } from '../../src/lib/demo-jobs.ts'

const KEY = 'dist-test-key-6f1c2a9e84b7'
const ROUTE = '/api/async/images/result'
const JOB_ID = '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71'
const UNKNOWN_JOB_ID = '11111111-2222-4333-8444-555555555555'
const GATEWAY_HTML = '<html><body><h1>500 Internal Server Error</h1><hr>nginx</body></html>'
const FALL_THROUGH = 418

// ---------------------------------------------------------------------------------------------
// Real sockets: a server running the middleware, a stub upstream, and a raw HTTP client.

interface Started {
  server: Server
  port: number
  close: () => Promise<void>
}

async function start(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<Started> {
  const server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A server whose handler runs the current middleware; `next` answers 418 so fall-through shows. */
async function startApp(): Promise<Started & { use: (middleware: Middleware) => void }> {
  let current: Middleware | undefined
  const started = await start((req, res) => {
    if (!current) throw new Error('no middleware installed')
    current(req, res, () => {
      res.statusCode = FALL_THROUGH
      res.end('fell through')
    })
  })
  return { ...started, use: (middleware) => (current = middleware) }
}

interface Reply {
  status: number
  headers: IncomingHttpHeaders
  rawHeaders: string[]
  body: Buffer
  text: string
}

interface Send {
  method?: string
  /** Sent exactly as given, so `..`, `%2e` and `//` reach the server unnormalised. */
  path?: string
  headers?: OutgoingHttpHeaders
  /** Sent with a Content-Length. */
  body?: string
  /** Sent with Transfer-Encoding: chunked and no Content-Length. */
  chunks?: string[]
}

/** The proxy's own error for `code`, as the browser receives it. */
const proxyError = (code: keyof typeof PROXY_ERRORS) => ({
  message: PROXY_ERRORS[code].message,
  code,
})

function send(port: number, { method = 'POST', path = ROUTE, headers = {}, body, chunks }: Send) {
  return new Promise<Reply>((resolve, reject) => {
    // A lookup is JSON unless a test says otherwise (an undefined value sends no such header).
    const outgoing: OutgoingHttpHeaders = Object.fromEntries(
      Object.entries({
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      }).filter(([, value]) => value !== undefined),
    )
    if (body !== undefined) outgoing['content-length'] = Buffer.byteLength(body)
    const req = request(
      { host: '127.0.0.1', port, method, path, headers: outgoing, agent: false },
      (res) => {
        const parts: Buffer[] = []
        res.on('data', (chunk: Buffer) => parts.push(chunk))
        res.on('error', reject)
        res.on('end', () => {
          const all = Buffer.concat(parts)
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body: all,
            text: all.toString('utf8'),
          })
        })
      },
    )
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    for (const chunk of chunks ?? []) req.write(chunk)
    req.end()
  })
}

function jsonOf(reply: Reply): unknown {
  expect(reply.headers['content-type']).toMatch(/^application\/json/)
  return JSON.parse(reply.text) as unknown
}

const idBody = (id: string) => JSON.stringify({ id })

// ---------------------------------------------------------------------------------------------
// The stub upstream: records every request and answers with the current `respond`.

interface Recorded {
  method: string | undefined
  url: string | undefined
  headers: IncomingHttpHeaders
  body: string
}

type Respond = (req: IncomingMessage, res: ServerResponse) => void

const answerJson =
  (status: number, body: unknown, headers: Record<string, string> = {}): Respond =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }

describe('live mode: the proxy to the Distribute.ai API', () => {
  let app: Awaited<ReturnType<typeof startApp>>
  let upstream: Started
  let recorded: Recorded[] = []
  let respond: Respond = answerJson(200, {})
  const logLines: string[] = []
  const replies: Reply[] = []

  let settings: Upstream

  /** Sends through the proxy, and remembers every reply for the key-leak check. */
  async function call(options: Send = {}): Promise<Reply> {
    const reply = await send(app.port, options)
    replies.push(reply)
    return reply
  }

  beforeAll(async () => {
    upstream = await start((req, res) => {
      const parts: Buffer[] = []
      req.on('data', (chunk: Buffer) => parts.push(chunk))
      req.on('end', () => {
        recorded.push({
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: Buffer.concat(parts).toString('utf8'),
        })
        respond(req, res)
      })
    })
    settings = readUpstream({
      DISTRIBUTE_API_KEY: KEY,
      DISTRIBUTE_API_URL: `http://127.0.0.1:${upstream.port}/`,
    })
    app = await startApp()
  })

  beforeEach(() => {
    recorded = []
    respond = answerJson(200, {})
    app.use(createApiMiddleware(settings, { log: (line) => logLines.push(line) }))
  })

  afterAll(async () => {
    await app.close()
    await upstream.close()
  })

  it('forwards POST /api/async/images/result to <apiUrl>/async/images/result with the raw key', async () => {
    const body = idBody(JOB_ID)
    respond = answerJson(200, { id: JOB_ID, status: 'QUEUED' })
    const reply = await call({ body, headers: { 'content-type': 'application/json' } })

    expect(recorded).toHaveLength(1)
    const seen = recorded[0]
    expect(seen?.method).toBe('POST')
    expect(seen?.url).toBe('/async/images/result')
    expect(seen?.headers.authorization).toBe(KEY)
    expect(seen?.headers['content-type']).toBe('application/json')
    expect(seen?.body).toBe(body)
    expect(reply.status).toBe(200)
    expect(jsonOf(reply)).toEqual({ id: JOB_ID, status: 'QUEUED' })
  })

  it('drops the query string instead of forwarding it', async () => {
    await call({ path: `${ROUTE}?id=${JOB_ID}&debug=1`, body: idBody(JOB_ID) })
    expect(recorded[0]?.url).toBe('/async/images/result')
  })

  it("sends our key and none of the client's own headers upstream", async () => {
    await call({
      body: idBody(JOB_ID),
      headers: {
        authorization: 'client-supplied-key',
        cookie: 'session=abc123',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-for': '203.0.113.9',
        'x-api-key': 'client-other-key',
        'content-type': 'application/json',
      },
    })
    const headers = recorded[0]?.headers ?? {}
    expect(headers.authorization).toBe(KEY)
    expect(JSON.stringify(headers)).not.toContain('client-supplied-key')
    expect(headers.cookie).toBeUndefined()
    expect(headers['x-forwarded-host']).toBeUndefined()
    expect(headers['x-forwarded-for']).toBeUndefined()
    expect(headers['x-api-key']).toBeUndefined()
    expect(headers.host).toBe(`127.0.0.1:${upstream.port}`)
  })

  it.each<[string, Respond, number, string, Record<string, string>]>([
    [
      '200 JSON',
      answerJson(200, { id: JOB_ID, status: 'COMPLETED' }),
      200,
      JSON.stringify({ id: JOB_ID, status: 'COMPLETED' }),
      { 'content-type': 'application/json' },
    ],
    [
      '404 JSON',
      answerJson(404, { message: 'Job not found' }),
      404,
      '{"message":"Job not found"}',
      { 'content-type': 'application/json' },
    ],
    [
      '429 with Retry-After',
      answerJson(429, { message: 'Too many requests' }, { 'retry-after': '7' }),
      429,
      '{"message":"Too many requests"}',
      { 'retry-after': '7' },
    ],
    [
      '500 gateway HTML',
      (_req, res) => {
        res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' })
        res.end(GATEWAY_HTML)
      },
      500,
      GATEWAY_HTML,
      { 'content-type': 'text/html; charset=utf-8' },
    ],
    [
      '503 with an empty body',
      (_req, res) => {
        res.writeHead(503)
        res.end()
      },
      503,
      '',
      {},
    ],
  ])(
    'passes an upstream %s through unchanged',
    async (_, upstreamAnswer, status, body, headers) => {
      respond = upstreamAnswer
      const reply = await call({ body: idBody(JOB_ID) })
      expect(reply.status).toBe(status)
      expect(reply.text).toBe(body)
      for (const [name, value] of Object.entries(headers)) expect(reply.headers[name]).toBe(value)
      // The browser must never cache a job lookup.
      expect(reply.headers['cache-control']).toBe('no-store')
    },
  )

  it('does not pass upstream cookies or other upstream headers to the browser', async () => {
    respond = answerJson(
      200,
      { id: JOB_ID, status: 'QUEUED' },
      {
        'set-cookie': 'upstream-session=xyz',
        'x-upstream-internal': 'node-7',
      },
    )
    const reply = await call({ body: idBody(JOB_ID) })
    expect(reply.status).toBe(200)
    expect(reply.headers['set-cookie']).toBeUndefined()
    expect(reply.headers['x-upstream-internal']).toBeUndefined()
  })

  it('answers 502 with a JSON message when the upstream cannot be reached', async () => {
    const closed = await start(() => undefined)
    const port = closed.port
    await closed.close()
    const unreachable = readUpstream({
      DISTRIBUTE_API_KEY: KEY,
      DISTRIBUTE_API_URL: `http://127.0.0.1:${port}`,
    })
    app.use(createApiMiddleware(unreachable, { log: (line) => logLines.push(line) }))

    const reply = await call({ body: idBody(JOB_ID) })
    expect(reply.status).toBe(502)
    expect(jsonOf(reply)).toEqual(proxyError('upstream-unreachable'))
    expect(logLines.some((line) => line.includes(`127.0.0.1:${port}`))).toBe(true)
  })

  it('answers 504 when the upstream does not answer within upstreamTimeoutMs', async () => {
    respond = () => undefined // never answers; the socket is closed in afterAll
    app.use(
      createApiMiddleware(settings, { upstreamTimeoutMs: 200, log: (line) => logLines.push(line) }),
    )
    const started = Date.now()
    const reply = await call({ body: idBody(JOB_ID) })
    expect(reply.status).toBe(504)
    expect(jsonOf(reply)).toEqual({
      message: 'The Distribute.ai API did not answer within 200 ms',
      code: 'upstream-timeout',
    })
    expect(Date.now() - started).toBeGreaterThanOrEqual(150)
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(logLines.some((line) => line.includes('did not answer within 200 ms'))).toBe(true)
  })

  it.each<[string, string, number]>([
    ['an unknown /api path', '/api/anything', 404],
    ['/api itself', '/api', 404],
    ['a kind the API does not have', '/api/async/video/result', 404],
    ['the images create endpoint', '/api/async/images/create', 404],
    ['the chat create endpoint', '/api/async/chat/create', 404],
    ['the speech create endpoint', '/api/async/speech/create', 404],
    ['a path below the route', '/api/async/images/result/x', 404],
    ['the route with a trailing slash', '/api/async/images/result/', 404],
    ['a dot-dot path that normalises to the route', '/api/async/images/../images/result', 404],
    ['an encoded dot-dot', '/api/%2e%2e/x', 404],
    ['an encoded route', '/api/async/images/%72esult', 404],
    ['a double slash', '/api//async/images/result', 404],
    ['an uppercase prefix (not under /api, so not ours)', '/API/async/images/result', FALL_THROUGH],
    ['a path outside /api', '/async/images/result', FALL_THROUGH],
    ['a look-alike prefix', '/apix/async/images/result', FALL_THROUGH],
  ])('does not proxy %s (%s)', async (_, path, status) => {
    const reply = await call({ path, body: idBody(JOB_ID) })
    expect(reply.status).toBe(status)
    // A JSON 404 proves the middleware answered, not the HTTP parser or a later handler.
    if (status === 404) expect(jsonOf(reply)).toEqual(proxyError('not-proxied'))
    expect(recorded).toHaveLength(0)
  })

  it.each([
    'http://evil.example/api/async/images/result',
    `http://127.0.0.1/api/async/images/result`,
    '*',
  ])('refuses the absolute-form or odd request target %j with 400', async (path) => {
    const reply = await call({ path, body: idBody(JOB_ID) })
    expect(reply.status).toBe(400)
    expect(jsonOf(reply)).toEqual(proxyError('bad-request'))
    expect(recorded).toHaveLength(0)
  })

  it.each(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'])(
    'answers %s on the route with 405 and allow: POST',
    async (method) => {
      const reply = await call({ method })
      expect(reply.status).toBe(405)
      expect(reply.headers.allow).toBe('POST')
      if (method !== 'HEAD') expect(jsonOf(reply)).toEqual(proxyError('method-not-allowed'))
      expect(recorded).toHaveLength(0)
    },
  )

  it.each<[string, Send]>([
    ['exactly MAX_BODY_BYTES with Content-Length', { body: 'x'.repeat(MAX_BODY_BYTES) }],
    [
      'exactly MAX_BODY_BYTES, chunked',
      { chunks: ['x'.repeat(MAX_BODY_BYTES - 10), 'x'.repeat(10)] },
    ],
  ])('forwards a body of %s', async (_, options) => {
    const reply = await call(options)
    expect(reply.status).toBe(200)
    expect(recorded[0]?.body).toHaveLength(MAX_BODY_BYTES)
  })

  it.each<[string, Send]>([
    ['with Content-Length', { body: 'x'.repeat(MAX_BODY_BYTES + 1) }],
    ['chunked without Content-Length', { chunks: ['x'.repeat(3_000), 'x'.repeat(3_000)] }],
    [
      'chunked in many small pieces',
      { chunks: Array.from({ length: 100 }, () => 'x'.repeat(100)) },
    ],
  ])(
    'answers 413 to a body over MAX_BODY_BYTES %s, without calling upstream',
    async (_, options) => {
      const reply = await call(options)
      expect(reply.status).toBe(413)
      expect(jsonOf(reply)).toEqual(proxyError('too-large'))
      expect(recorded).toHaveLength(0)
    },
  )

  it('serves /config.json with the proxy path, demo off, the default limits, and no key', async () => {
    const reply = await call({ method: 'GET', path: '/config.json' })
    expect(reply.status).toBe(200)
    expect(jsonOf(reply)).toEqual({
      apiBase: '/api',
      rateLimit: { perSecond: 20 },
      recentDays: 30,
      demo: false,
    })
  })

  it('serves the address bar search description for the origin the browser used', async () => {
    const reply = await call({ method: 'GET', path: '/opensearch.xml' })
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toBe(
      'application/opensearchdescription+xml; charset=utf-8',
    )
    expect(reply.headers['cache-control']).toBe('no-store')
    expect(reply.text).toBe(openSearchDescription(`http://127.0.0.1:${app.port}`))
    const named = await call({
      method: 'GET',
      path: '/opensearch.xml',
      headers: { host: 'jobscope.test:5173' },
    })
    expect(named.text).toContain('template="http://jobscope.test:5173/search?q={searchTerms}"')
    for (const host of ['evil.example"/><x a="', 'a b', 'x/y']) {
      const odd = await call({ method: 'GET', path: '/opensearch.xml', headers: { host } })
      expect(odd.status, host).toBe(400)
      expect(odd.text).not.toContain('OpenSearch')
    }
  })

  it('serves /config.json with the limits and label of this environment', async () => {
    const runtimeConfig = readRuntimeConfig({
      JOBSCOPE_RATE_LIMIT: '5',
      JOBSCOPE_RECENT_DAYS: '7',
      JOBSCOPE_ENV_LABEL: 'Dev',
    })
    app.use(createApiMiddleware(settings, { runtimeConfig }))
    const reply = await call({ method: 'GET', path: '/config.json' })
    expect(jsonOf(reply)).toEqual({
      apiBase: '/api',
      environmentLabel: 'Dev',
      rateLimit: { perSecond: 5 },
      recentDays: 7,
      demo: false,
    })
  })

  it.each<[string, string | undefined]>([
    ['no content type', undefined],
    ['text/plain (a cross-site post needs no preflight)', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['a multipart form', 'multipart/form-data; boundary=x'],
    ['JSON look-alike', 'application/jsonp'],
    ['JSON as a parameter of something else', 'text/plain; type=application/json'],
  ])('answers 415 to %s, without calling upstream', async (_, contentType) => {
    const reply = await call({ body: idBody(JOB_ID), headers: { 'content-type': contentType } })
    expect(reply.status).toBe(415)
    expect(jsonOf(reply)).toEqual(proxyError('unsupported-media-type'))
    expect(recorded).toHaveLength(0)
  })

  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON;charset=UTF-8',
  ])('forwards a lookup sent as %s', async (contentType) => {
    const reply = await call({ body: idBody(JOB_ID), headers: { 'content-type': contentType } })
    expect(reply.status).toBe(200)
    expect(recorded).toHaveLength(1)
  })

  it('answers a CORS preflight with 405 and no Access-Control-* header, and never sends one', async () => {
    respond = answerJson(
      200,
      { id: JOB_ID, status: 'QUEUED' },
      {
        'access-control-allow-origin': '*',
        'access-control-allow-credentials': 'true',
        'access-control-allow-headers': 'authorization',
      },
    )
    const preflight = await call({
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(preflight.status).toBe(405)
    const lookup = await call({
      body: idBody(JOB_ID),
      headers: { origin: 'https://evil.example' },
    })
    expect(lookup.status).toBe(200)
    for (const reply of [preflight, lookup]) {
      expect(
        Object.keys(reply.headers).filter((name) => name.startsWith('access-control-')),
      ).toEqual([])
    }
  })

  it('never shows the key to the browser or in a log line', () => {
    // Runs last in this block: every reply above, and every log line written, is checked.
    expect(replies.length).toBeGreaterThan(20)
    expect(logLines.length).toBeGreaterThan(0)
    for (const reply of replies) {
      expect(reply.text).not.toContain(KEY)
      expect(reply.rawHeaders.join('\n')).not.toContain(KEY)
    }
    for (const line of logLines) expect(line).not.toContain(KEY)
  })
})

describe('demo mode: the built-in demo upstream', () => {
  let app: Awaited<ReturnType<typeof startApp>>
  const fetchSpy = vi.fn<typeof fetch>(() => Promise.reject(new Error('fetch must not be called')))

  const idOf = (scenario: DemoScenario): string => {
    const job = demoJobs.find((candidate) => candidate.scenario === scenario)
    if (!job) throw new Error(`no demo job for ${scenario}`)
    return job.id
  }

  beforeAll(async () => {
    app = await startApp()
    app.use(createApiMiddleware({ mode: 'demo' }, { fetch: fetchSpy }))
  })

  afterAll(async () => {
    await app.close()
  })

  it('answers a demo id with 200 JSON for that job', async () => {
    const reply = await send(app.port, { body: idBody(idOf('completes')) })
    expect(reply.status).toBe(200)
    expect(jsonOf(reply)).toMatchObject({
      id: idOf('completes'),
      status: expect.any(String) as string,
    })
  })

  it.each<[string, string]>([
    ['an unknown valid uuid', UNKNOWN_JOB_ID],
    ['the demo job that does not exist', idOf('not-found')],
  ])('answers %s with 404 JSON', async (_, id) => {
    const reply = await send(app.port, { body: idBody(id) })
    expect(reply.status).toBe(404)
    expect(jsonOf(reply)).toEqual({ message: expect.any(String) as string })
  })

  it('answers a body that is not a job request with 400', async () => {
    const reply = await send(app.port, { body: '{"id": 42}' })
    expect(reply.status).toBe(400)
  })

  it('keeps the same allowlist and method rules as live mode', async () => {
    expect((await send(app.port, { path: '/api/anything', body: '{}' })).status).toBe(404)
    expect((await send(app.port, { method: 'GET' })).status).toBe(405)
    expect((await send(app.port, { body: 'x'.repeat(MAX_BODY_BYTES + 1) })).status).toBe(413)
  })

  it('serves the result images the demo jobs point to, as image/png', async () => {
    const reply = await send(app.port, { body: idBody(idOf('expired-image')) })
    const body = jsonOf(reply) as { results?: { url?: string }[] }
    const first = body.results?.[0]?.url ?? ''
    expect(first).toBe(`http://127.0.0.1:${app.port}/demo-images/${idOf('expired-image')}/0.png`)

    const image = await send(app.port, { method: 'GET', path: new URL(first).pathname })
    expect(image.status).toBe(200)
    expect(image.headers['content-type']).toBe('image/png')
    expect(image.body.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]))
  })

  it.each<[string, string]>([
    ['the first image of a demo job', `/demo-images/${JOB_ID}/0.png`],
    ['the last image of a demo job, id in uppercase', `/demo-images/${JOB_ID.toUpperCase()}/3.png`],
  ])('serves %s as image/png', async (_, path) => {
    const image = await send(app.port, { method: 'GET', path })
    expect(image.status).toBe(200)
    expect(image.headers['content-type']).toBe('image/png')
  })

  it.each<[string, string]>([
    ['an unknown job', `/demo-images/${UNKNOWN_JOB_ID}/0.png`],
    ['an index out of range', `/demo-images/${JOB_ID}/99.png`],
    ['a dot-dot path', `/demo-images/../${JOB_ID}/0.png`],
  ])('answers 404 for the image path of %s', async (_, path) => {
    expect((await send(app.port, { method: 'GET', path })).status).toBe(404)
  })

  it.each<[DemoScenario, string]>([
    ['chat-completes', '/api/async/chat/result'],
    ['speech-expired', '/api/async/speech/result'],
  ])('answers %s on its own route, and 404 on the images route', async (scenario, path) => {
    expect((await send(app.port, { path, body: idBody(idOf(scenario)) })).status).toBe(200)
    const elsewhere = await send(app.port, { body: idBody(idOf(scenario)) })
    expect(elsewhere.status).toBe(404)
    expect(jsonOf(elsewhere)).toEqual({ message: 'Job not found' })
  })

  it('points speech results at demo audio on the page’s own origin', async () => {
    const reply = await send(app.port, {
      path: '/api/async/speech/result',
      body: idBody(idOf('speech-expired')),
    })
    const body = jsonOf(reply) as { results?: { url?: string }[] }
    const url = body.results?.[0]?.url ?? ''
    expect(url).toBe(`http://127.0.0.1:${app.port}/demo-audio/${idOf('speech-expired')}/0.wav`)
    // That job's one link has expired.
    const audio = await send(app.port, { method: 'GET', path: new URL(url).pathname })
    expect(audio.status).toBe(404)
  })

  describe('demo audio', () => {
    const audioPath = () => `/demo-audio/${idOf('speech-completes')}/0.wav`

    it('serves a WAV file with its length, a cache header and Accept-Ranges', async () => {
      const audio = await send(app.port, { method: 'GET', path: audioPath() })
      expect(audio.status).toBe(200)
      expect(audio.headers['content-type']).toBe('audio/wav')
      expect(audio.headers['cache-control']).toBe('public, max-age=3600')
      expect(audio.headers['accept-ranges']).toBe('bytes')
      expect(audio.headers['content-length']).toBe(String(audio.body.length))
      expect(audio.body.subarray(0, 4).toString('latin1')).toBe('RIFF')
    })

    it('answers a Range with 206 and the piece, an unsatisfiable one with 416', async () => {
      const whole = await send(app.port, { method: 'GET', path: audioPath() })
      const size = whole.body.length
      const piece = await send(app.port, {
        method: 'GET',
        path: audioPath(),
        headers: { range: 'bytes=44-143' },
      })
      expect(piece.status).toBe(206)
      expect(piece.headers['content-range']).toBe(`bytes 44-143/${size}`)
      expect(piece.body.equals(whole.body.subarray(44, 144))).toBe(true)

      const beyond = await send(app.port, {
        method: 'GET',
        path: audioPath(),
        headers: { range: `bytes=${size + 1}-` },
      })
      expect(beyond.status).toBe(416)
      expect(beyond.headers['content-range']).toBe(`bytes */${size}`)
    })

    it('answers HEAD with the headers only', async () => {
      const head = await send(app.port, { method: 'HEAD', path: audioPath() })
      expect(head.status).toBe(200)
      expect(head.headers['content-type']).toBe('audio/wav')
      expect(Number(head.headers['content-length'])).toBeGreaterThan(44)
      expect(head.body.length).toBe(0)
    })

    it.each<[string, string]>([
      ['an unknown job', `/demo-audio/${UNKNOWN_JOB_ID}/0.wav`],
      ['an index out of range', `/demo-audio/${idOf('speech-completes')}/2.wav`],
      ['a dot-dot path', `/demo-audio/../${idOf('speech-completes')}/0.wav`],
      ['an image job', `/demo-audio/${JOB_ID}/0.wav`],
    ])('answers 404 for the audio path of %s', async (_, path) => {
      expect((await send(app.port, { method: 'GET', path })).status).toBe(404)
    })
  })

  it('serves /config.json with demo on', async () => {
    const reply = await send(app.port, { method: 'GET', path: '/config.json' })
    expect(jsonOf(reply)).toMatchObject({ apiBase: '/api', demo: true })
  })

  it('refuses non-JSON with 415 in demo mode too', async () => {
    const reply = await send(app.port, {
      body: idBody(idOf('completes')),
      headers: { 'content-type': 'text/plain' },
    })
    expect(reply.status).toBe(415)
    expect(jsonOf(reply)).toEqual(proxyError('unsupported-media-type'))
  })

  it('never calls fetch in demo mode', () => {
    // Runs last in this block, after every request above.
    expect(fetchSpy).not.toHaveBeenCalled()
  })
})

describe('live mode: no demo files', () => {
  it.each([
    ['a demo image', `/demo-images/${JOB_ID}/0.png`],
    ['demo audio', `/demo-audio/${demoJobs.find((j) => j.kind === 'speech')?.id ?? ''}/0.wav`],
  ])('leaves %s to the next handler', async (_, path) => {
    const app = await startApp()
    try {
      app.use(createApiMiddleware({ mode: 'live', apiUrl: 'https://api.example.com', apiKey: KEY }))
      expect((await send(app.port, { method: 'GET', path })).status).toBe(FALL_THROUGH)
    } finally {
      await app.close()
    }
  })
})

describe('upstreamTimeoutFromEnv', () => {
  it.each([
    ['unset', {}, undefined],
    ['blank', { JOBSCOPE_UPSTREAM_TIMEOUT_MS: '  ' }, undefined],
    ['a whole number of ms', { JOBSCOPE_UPSTREAM_TIMEOUT_MS: '2000' }, 2000],
  ])('reads %s as %s', (_, env, expected) => {
    expect(upstreamTimeoutFromEnv(env)).toBe(expected)
  })

  it.each(['abc', '1.5', '-5', '99', '600001'])(
    'refuses %j with a message naming the variable',
    (value) => {
      expect(() => upstreamTimeoutFromEnv({ JOBSCOPE_UPSTREAM_TIMEOUT_MS: value })).toThrow(
        /JOBSCOPE_UPSTREAM_TIMEOUT_MS/,
      )
    },
  )
})
