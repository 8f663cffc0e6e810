// A property of the real nginx proxy, checked on random requests (fast-check): whatever the method,
// path, headers, content type, body and client address, a request reaches the API only when it is an
// allowlisted lookup — POST, a result path, JSON, at most 4 KB — from an allowed address with valid
// sign-in; what reaches the API carries our key and nothing of the browser's; the key shows up in no
// response and no log line.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt } from '../../scripts/nginx-runtime.ts'
import { JOB_KINDS } from '../../src/lib/job-kinds.ts'
import {
  HEADERS_TO_UPSTREAM,
  type RawResponse,
  type RunningNginx,
  rawRequest,
  startNginx,
} from './support/nginx.ts'
import { type StubUpstream, startStubUpstream } from './support/stub-upstream.ts'

const API_KEY = 'fuzz-test-key-2b4d6f8a0c'
const RUNS = 250
const SEED = process.env.JOBSCOPE_FUZZ_SEED ? Number(process.env.JOBSCOPE_FUZZ_SEED) : undefined
const ALLOWED_ADDRESS = '127.0.0.2'
const REFUSED_ADDRESS = '127.0.0.1'
const GOOD_AUTH = `Basic ${Buffer.from('ana:open sesame').toString('base64')}`

let upstream: StubUpstream
let nginx: RunningNginx
const responses: RawResponse[] = []
const dir = mkdtempSync(join(tmpdir(), 'jobscope-fuzz-'))

beforeAll(async () => {
  ensureBuilt({ quiet: true })
  const htpasswd = join(dir, 'htpasswd')
  const hash = execFileSync('openssl', ['passwd', '-apr1', 'open sesame'], { encoding: 'utf8' })
  writeFileSync(htpasswd, `ana:${hash.trim()}\n`)
  upstream = await startStubUpstream()
  nginx = await startNginx({
    DISTRIBUTE_API_KEY: API_KEY,
    DISTRIBUTE_API_URL: upstream.url,
    JOBSCOPE_BASIC_AUTH_FILE: htpasswd,
    JOBSCOPE_ALLOW_CIDRS: `${ALLOWED_ADDRESS}/32`,
    // High enough that the limit never decides: this property is about what gets through at all.
    JOBSCOPE_RATE_LIMIT: '1000',
  })
})

afterAll(async () => {
  await nginx?.stop()
  await upstream?.close()
  rmSync(dir, { recursive: true, force: true })
})

// ---------------------------------------------------------------------------------------------
// Requests

const ALLOWLISTED = JOB_KINDS.map((kind) => `/api/async/${kind}/result`)

const segment = fc.constantFrom(
  'api',
  'async',
  'images',
  'chat',
  'speech',
  'video',
  'IMAGES',
  'result',
  'results',
  'create',
  '%72esult',
  '%61pi',
  '.',
  '..',
  '%2e%2e',
  '%2F',
  '%5c',
  '',
  'index.html',
  'assets',
  'healthz',
  'config.json',
  'oauth2',
)

const path = fc.oneof(
  // The allowlisted paths themselves, sometimes with a query string.
  fc
    .record({
      base: fc.constantFrom(...ALLOWLISTED),
      query: fc.constantFrom('', '?x=1', '?next=/async/images/create', '?id=1&id=2'),
    })
    .map(({ base, query }) => base + query),
  // Paths built from near-miss segments: encodings, dot segments, other kinds, other endpoints.
  fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => `/${parts.join('/')}`),
  // Anything a URL path may hold.
  fc.webPath().map((webPath) => (webPath.startsWith('/') ? webPath : `/${webPath}`)),
)

const contentType = fc.option(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON;charset=UTF-8',
    'text/plain',
    'text/plain; charset=utf-8',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonp',
    'application/json-patch+json',
    'text/plain; type=application/json',
    '',
  ),
  { nil: undefined },
)

const printable = (max: number) => fc.stringMatching(new RegExp(`^[\\x20-\\x7e]{0,${max}}$`))

const extraHeaders = fc.record(
  {
    cookie: fc.constantFrom('_oauth2_proxy=admin', 'session=abc; theme=dark'),
    'x-auth-request-user': fc.constantFrom('admin', 'ana'),
    'x-forwarded-for': fc.constantFrom('10.0.0.1', '127.0.0.2'),
    'x-real-ip': fc.constant('127.0.0.2'),
    origin: fc.constantFrom('https://evil.example', 'null'),
    host: fc.constantFrom('evil.example', 'api.distribute.ai', 'localhost'),
    'x-api-key': printable(20),
    'x-fuzz': printable(40),
  },
  { requiredKeys: [] },
)

const authorization = fc.option(
  fc.constantFrom(
    GOOD_AUTH,
    `Basic ${Buffer.from('ana:wrong').toString('base64')}`,
    `Basic ${Buffer.from('admin:open sesame').toString('base64')}`,
    'Bearer open-sesame',
    'Basic !!!',
    API_KEY,
  ),
  { nil: undefined },
)

/** {"id": …} with a marker the stub API's records are matched by; or anything else. */
const body = (marker: string) =>
  fc.oneof(
    fc.constant(JSON.stringify({ id: '4b6d8f0a-2c4e-4a6b-8c0d-1e3f5a7b9c2d', marker })),
    printable(60).map((text) => `${text}${marker}`),
    fc.constant(`{"id":"${'x'.repeat(5_000)}","marker":"${marker}"}`),
    fc.constant(''),
  )

interface Sent {
  method: string
  path: string
  contentType: string | undefined
  authorization: string | undefined
  address: string
}

const anyRequest: fc.Arbitrary<Sent> = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
  path,
  contentType,
  authorization,
  address: fc.constantFrom(ALLOWED_ADDRESS, REFUSED_ADDRESS),
})

/** A lookup as the app sends it, from an allowed, signed-in client. */
const goodRequest: fc.Arbitrary<Sent> = fc.record({
  method: fc.constant('POST'),
  path: fc.constantFrom(...ALLOWLISTED),
  contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8'),
  authorization: fc.constant(GOOD_AUTH),
  address: fc.constant(ALLOWED_ADDRESS),
})

type Field = keyof Sent
const FIELDS: readonly Field[] = ['method', 'path', 'contentType', 'authorization', 'address']

// Random requests almost never get everything right at once, so most of them are a good lookup
// with none, one or some of its parts replaced by a random one.
const request = fc
  .record({
    good: goodRequest,
    random: anyRequest,
    randomParts: fc.oneof(
      fc.constant<Field[]>([]),
      fc.constantFrom(...FIELDS.map((field) => [field])),
      fc.subarray([...FIELDS]),
      fc.constant([...FIELDS]),
    ),
    extra: extraHeaders,
    marker: fc.uuid().map((uuid) => `m-${uuid}`),
  })
  .chain(({ good, random, randomParts, extra, marker }) => {
    const picked = { ...good }
    for (const field of randomParts) Object.assign(picked, { [field]: random[field] })
    return body(marker).map((text) => ({ ...picked, extra, marker, body: text }))
  })

type FuzzRequest = typeof request extends fc.Arbitrary<infer T> ? T : never

// ---------------------------------------------------------------------------------------------
// What should get through

/** The path nginx matches locations on, or null for a raw path it refuses outright (400). */
function normalisedPath(raw: string): string | null {
  const pathPart = raw.split('?', 1)[0] ?? raw
  if (/\.\.|%2e|%2f|%5c|\/\//i.test(pathPart)) return null
  let decoded: string
  try {
    decoded = decodeURIComponent(pathPart)
  } catch {
    return null
  }
  // nginx refuses a decoded NUL or control character itself (400, before any location).
  if (/\p{Cc}/u.test(decoded)) return null
  return decoded.replace(/\/\.(?=\/|$)/g, '') || '/'
}

function mayReachApi(sent: FuzzRequest): boolean {
  const normalised = normalisedPath(sent.path)
  return (
    sent.method === 'POST' &&
    normalised !== null &&
    ALLOWLISTED.includes(normalised) &&
    sent.address === ALLOWED_ADDRESS &&
    sent.authorization === GOOD_AUTH &&
    /^\s*application\/json\s*(;.*)?$/i.test(sent.contentType ?? '') &&
    Buffer.byteLength(sent.body) <= 4096
  )
}

/** A lookup as the app sends it: it must get through. */
function isPlainLookup(sent: FuzzRequest): boolean {
  return mayReachApi(sent) && ALLOWLISTED.includes(sent.path.split('?', 1)[0] ?? '')
}

describe('the nginx proxy, on random requests', () => {
  it(`forwards only allowlisted JSON lookups from an allowed, signed-in client (${RUNS} requests)`, async () => {
    let forwarded = 0
    await fc.assert(
      fc.asyncProperty(request, async (sent) => {
        const headers: Record<string, string> = { ...sent.extra }
        if (sent.contentType !== undefined) headers['content-type'] = sent.contentType
        if (sent.authorization !== undefined) headers.authorization = sent.authorization
        const before = upstream.requests.length
        const response = await rawRequest(nginx.url, sent.path, {
          method: sent.method,
          headers,
          body: sent.method === 'GET' || sent.method === 'HEAD' ? undefined : sent.body,
          localAddress: sent.address,
        })
        responses.push(response)
        const reached = upstream.requests.slice(before)

        expect(reached.length).toBeLessThanOrEqual(1)
        if (reached.length === 1) {
          forwarded += 1
          expect(mayReachApi(sent), `${sent.method} ${sent.path} reached the API`).toBe(true)
          const [received] = reached
          const kind = /^\/api\/async\/([a-z]+)\/result$/.exec(normalisedPath(sent.path) ?? '')?.[1]
          expect(received?.path).toBe(`/async/${kind}/result`)
          expect(received?.method).toBe('POST')
          expect(received?.headers.authorization).toBe(API_KEY)
          expect(received?.headers['content-type']).toBe('application/json')
          expect(Object.keys(received?.headers ?? {}).sort()).toEqual(HEADERS_TO_UPSTREAM)
          expect(received?.body).toBe(sent.body)
        }
        if (isPlainLookup(sent)) expect(reached).toHaveLength(1)

        // What the proxy refuses under /api it answers itself, as JSON with a code.
        const normalised = normalisedPath(sent.path)
        if (
          reached.length === 0 &&
          /^\/api(\/|$)/.test(normalised ?? '') &&
          sent.method !== 'HEAD'
        ) {
          expect(response.headers['content-type'], `${sent.method} ${sent.path}`).toMatch(
            /^application\/json/,
          )
          expect(JSON.parse(response.body.toString())).toHaveProperty('code')
        }
      }),
      // A failure prints its seed; JOBSCOPE_FUZZ_SEED=<seed> replays it.
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    )
    // The generators do reach the API (the property is not vacuous).
    expect(forwarded).toBeGreaterThan(RUNS / 10)
  })

  it('shows the key in no response and no log line', () => {
    expect(responses).toHaveLength(RUNS)
    for (const response of responses) {
      expect(response.body.toString('latin1')).not.toContain(API_KEY)
      expect(JSON.stringify(response.headers)).not.toContain(API_KEY)
    }
    const logs = nginx.allLogText()
    expect(logs.length).toBeGreaterThan(0)
    expect(logs).not.toContain(API_KEY)
  })
})
