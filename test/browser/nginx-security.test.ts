// The locked door, against the project's real nginx (started by `npm run serve`'s own code): each way
// in (HTTP Basic, forward auth with a stub oauth2-proxy, an address allowlist), the limits, the audit
// trail, JSON-only lookups, TLS, and the settings `npm run serve` refuses. One nginx per mode.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect as http2Connect } from 'node:http2'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect as tlsConnect } from 'node:tls'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, ensureBuilt } from '../../scripts/nginx-runtime.ts'
import { PROXY_ERRORS, type ProxyErrorCode, rateLimitedBody } from '../../server/proxy-errors.ts'
import { freePort } from './support/free-port.ts'
import { launchChromium } from './support/chromium.ts'
import {
  type AuditEntry,
  type RawResponse,
  type RunningNginx,
  rawRequest,
  runServeCli,
  startNginx,
} from './support/nginx.ts'
import { SESSION_COOKIE, type StubAuth, startStubAuth } from './support/stub-auth.ts'
import {
  type StubUpstream,
  json,
  progressingJob,
  startStubUpstream,
} from './support/stub-upstream.ts'

const API_KEY = 'security-test-key-7e3a9c1b5d'
const JOB = '4b6d8f0a-2c4e-4a6b-8c0d-1e3f5a7b9c2d'
const SLOW_JOB = '5c7e9a1b-3d5f-4b7c-9d1e-2f4a6b8c0d3e'
const CORS_JOB = '6d8f0b2c-4e6a-4c8d-ae2f-3a5b7c9d1e4f'
const LOOKUP = '/api/async/images/result'
const WORK_DIR = mkdtempSync(join(tmpdir(), 'jobscope-security-'))

let browser: Browser
let upstream: StubUpstream

const lookupBody = (id = JOB) => JSON.stringify({ id })
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

function lookup(
  base: string,
  headers: Record<string, string> = {},
  options: { localAddress?: string; id?: string; path?: string } = {},
): Promise<RawResponse> {
  return rawRequest(base, options.path ?? LOOKUP, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: lookupBody(options.id),
    localAddress: options.localAddress,
  })
}

/** The response is the proxy's own JSON error `code` (and nothing went to the API for it). */
function expectProxyError(response: RawResponse, code: ProxyErrorCode) {
  expect(response.status).toBe(PROXY_ERRORS[code].status)
  expect(response.headers['content-type']).toMatch(/^application\/json/)
  expect(JSON.parse(response.body.toString())).toEqual({
    message: PROXY_ERRORS[code].message,
    code,
  })
}

/**
 * The audit trail once it holds `count` lines: nginx writes a line after it has sent the answer,
 * so it may come a moment after the response.
 */
/** The job page in `page` reaches COMPLETED. */
async function expectCompleted(page: Page): Promise<void> {
  const status = page.locator('[aria-live="polite"]').filter({ hasText: /Status/ })
  await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/COMPLETED/)
}

async function auditAfter(nginx: RunningNginx, count: number): Promise<AuditEntry[]> {
  await expect.poll(() => nginx.auditEntries().length).toBeGreaterThanOrEqual(count)
  return nginx.auditEntries()
}

/** Counts the lookups the stub API received while `action` ran. */
async function upstreamCalls(action: () => Promise<unknown>): Promise<number> {
  const before = upstream.requests.length
  await action()
  return upstream.requests.length - before
}

beforeAll(async () => {
  ensureBuilt({ quiet: true })
  upstream = await startStubUpstream()
  upstream.script(
    JOB,
    progressingJob(
      JOB,
      ['QUEUED', 'COMPLETED'],
      [{ url: upstream.imageUrl('fox'), revised_prompt: 'A red fox in fresh snow' }],
    ),
  )
  upstream.script(SLOW_JOB, () => ({
    ...json(200, { id: SLOW_JOB, status: 'PROCESSING' }),
    delayMs: 1_500,
  }))
  upstream.script(CORS_JOB, () =>
    json(
      200,
      { id: CORS_JOB, status: 'QUEUED' },
      {
        'access-control-allow-origin': '*',
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'authorization',
        'access-control-expose-headers': 'x-internal',
        'access-control-max-age': '600',
      },
    ),
  )
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await upstream?.close()
  rmSync(WORK_DIR, { recursive: true, force: true })
})

// ---------------------------------------------------------------------------------------------

describe('HTTP Basic sign-in (JOBSCOPE_BASIC_AUTH_FILE)', () => {
  let nginx: RunningNginx
  const ANA = basic('ana', 'correct horse')

  beforeAll(async () => {
    const htpasswd = join(WORK_DIR, 'htpasswd')
    const hash = (password: string) =>
      execFileSync('openssl', ['passwd', '-apr1', password], { encoding: 'utf8' }).trim()
    writeFileSync(htpasswd, `ana:${hash('correct horse')}\nbo:${hash('battery staple')}\n`)
    nginx = await startNginx({
      DISTRIBUTE_API_KEY: API_KEY,
      DISTRIBUTE_API_URL: upstream.url,
      JOBSCOPE_BASIC_AUTH_FILE: htpasswd,
    })
  })

  afterAll(async () => {
    await nginx?.stop()
  })

  it.each<[string, Record<string, string>]>([
    ['no credentials', {}],
    ['a wrong password', { authorization: basic('ana', 'wrong') }],
    ['an unknown user', { authorization: basic('mallory', 'correct horse') }],
    ['a bearer token', { authorization: 'Bearer abc' }],
  ])(
    'answers 401 everywhere but /healthz with %s, and nothing reaches the API',
    async (_, headers) => {
      const calls = await upstreamCalls(async () => {
        for (const path of [
          '/',
          '/jobs/x',
          '/batch',
          '/config.json',
          '/assets/index.js',
          '/api/nope',
        ]) {
          const response = await rawRequest(nginx.url, path, { headers })
          expect(response.status, path).toBe(401)
          expect(response.headers['www-authenticate'], path).toBe('Basic realm="Jobscope"')
          expect(response.headers['cache-control'], path).toBe('no-store')
        }
        expectProxyError(await lookup(nginx.url, headers), 'sign-in-required')
        // JSON whatever the path's extension says (found by nginx-fuzz.test.ts)
        expectProxyError(
          await rawRequest(nginx.url, '/api/index.html', { headers }),
          'sign-in-required',
        )
        const health = await rawRequest(nginx.url, '/healthz', { headers })
        expect(health.status).toBe(200)
      })
      expect(calls).toBe(0)
    },
  )

  const PAGE_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'

  it.each(['/', `/jobs/${JOB}`, `/batch?ids=${JOB},${SLOW_JOB}`, '/search?q=x', '/nope'])(
    'answers a page request without credentials (%s) with an HTML 401 that says how to sign in',
    async (path) => {
      const before = nginx.auditEntries().length
      const response = await rawRequest(nginx.url, path, { headers: { accept: PAGE_ACCEPT } })
      expect(response.status).toBe(401)
      expect(response.headers['www-authenticate']).toBe('Basic realm="Jobscope"')
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(response.headers['cache-control']).toBe('no-store')
      expect(response.headers['x-content-type-options']).toBe('nosniff')
      expect(response.headers['x-frame-options']).toBe('DENY')
      // Its one style is allowed by its hash; no script at all.
      const csp = String(response.headers['content-security-policy'])
      expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*';/)
      expect(csp).toContain("frame-ancestors 'none'")
      const html = response.body.toString()
      expect(html).toMatch(/^<!doctype html>/)
      expect(html).toContain('<h1>Sign-in needed</h1>')
      expect(html).toContain('Reload to be asked again')
      // Someone who never signed in has not had a sign-in expire.
      expect(html).not.toMatch(/expired|sign-in-required/)
      expect(html).not.toMatch(/<script/i)
      expect(nginx.auditEntries()).toHaveLength(before)
    },
  )

  it('says when the user name and password sent were refused', async () => {
    for (const authorization of [basic('ana', 'wrong'), 'Bearer abc']) {
      const response = await rawRequest(nginx.url, '/jobs/x', {
        headers: { accept: PAGE_ACCEPT, authorization },
      })
      expect(response.status).toBe(401)
      expect(response.headers['www-authenticate']).toBe('Basic realm="Jobscope"')
      expect(response.body.toString()).toContain('<h1>Sign-in not accepted</h1>')
    }
  })

  it('keeps the JSON 401 for the app’s own requests, whatever they accept', async () => {
    for (const accept of [PAGE_ACCEPT, '*/*', 'application/json']) {
      for (const path of ['/config.json', '/api/nope', '/api/index.html']) {
        const response = await rawRequest(nginx.url, path, { headers: { accept } })
        expectProxyError(response, 'sign-in-required')
        expect(response.headers['www-authenticate']).toBe('Basic realm="Jobscope"')
      }
      expectProxyError(await lookup(nginx.url, { accept }), 'sign-in-required')
    }
  })

  it('shows the page in Chromium once the sign-in prompt is cancelled, under its CSP', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    // A person pressing Cancel in the browser's sign-in box, through the DevTools protocol.
    const cdp = await context.newCDPSession(page)
    cdp.on('Fetch.requestPaused', (event) => {
      void cdp.send('Fetch.continueRequest', { requestId: event.requestId }).catch(() => undefined)
    })
    cdp.on('Fetch.authRequired', (event) => {
      void cdp
        .send('Fetch.continueWithAuth', {
          requestId: event.requestId,
          authChallengeResponse: { response: 'CancelAuth' },
        })
        .catch(() => undefined)
    })
    await cdp.send('Fetch.enable', { handleAuthRequests: true })
    const problems: string[] = []
    // Init scripts come from the browser itself: the page's CSP does not block them.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`)
      })
    })
    page.on('console', (message) => problems.push(`${message.type()}: ${message.text()}`))
    page.on('pageerror', (error) => problems.push(error.message))
    for (const [width, height] of [
      [1280, 800],
      [375, 740],
    ] as const) {
      await page.setViewportSize({ width, height })
      const response = await page.goto(`${nginx.url}/jobs/${JOB}`)
      expect(response?.status()).toBe(401)
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Sign-in needed')
      expect(await page.title()).toBe('Sign-in needed · Jobscope')
      expect(
        await page
          .getByRole('link', { name: 'Sign in' })
          .evaluate((a: HTMLAnchorElement) => a.href),
      ).toBe(`${nginx.url}/jobs/${JOB}`)
      // The hashed style applied: the link looks like a button.
      expect(
        await page
          .getByRole('link', { name: 'Sign in' })
          .evaluate((a) => getComputedStyle(a).backgroundColor),
      ).toBe('rgb(37, 99, 235)')
      await page.screenshot({ path: `.tmp/screenshots/sign-in-needed-${width}.png` })
    }
    // The browser's own favicon request is refused like any other; nothing on the page is.
    expect(problems.filter((line) => !/favicon|401/.test(line))).toEqual([])
    expect(
      problems.filter((line) => /CSP violation|Content.Security.Policy|Refused/i.test(line)),
    ).toEqual([])
    await context.close()
  })

  it('keeps the address bar search and the app manifest behind the sign-in, like every page', async () => {
    const files: Array<[string, RegExp]> = [
      ['/opensearch.xml', /^application\/opensearchdescription\+xml/],
      ['/manifest.webmanifest', /^application\/manifest\+json/],
      ['/icons/jobscope-192.png', /^image\/png$/],
    ]
    for (const [path, type] of files) {
      const refused = await rawRequest(nginx.url, path)
      expect(refused.status, path).toBe(401)
      expect(refused.headers['www-authenticate'], path).toBe('Basic realm="Jobscope"')
      const served = await rawRequest(nginx.url, path, { headers: { authorization: ANA } })
      expect(served.status, path).toBe(200)
      expect(served.headers['content-type'], path).toMatch(type)
    }
    const description = await rawRequest(nginx.url, '/opensearch.xml', {
      headers: { authorization: ANA },
    })
    expect(description.body.toString()).toContain(`template="${nginx.url}/search?q={searchTerms}"`)
    expect(description.headers['cache-control']).toBe('no-store')
    // Only a plain host[:port] goes into it.
    const forged = await rawRequest(nginx.url, '/opensearch.xml', {
      headers: { authorization: ANA, host: 'evil.example"/><Url template="x' },
    })
    expect(forged.status).toBe(400)
    expect(forged.body.toString()).not.toContain('OpenSearch')
  })

  it('lets Chromium read the manifest with the sign-in (crossorigin="use-credentials")', async () => {
    const context = await browser.newContext({
      httpCredentials: { username: 'ana', password: 'correct horse' },
    })
    const page = await context.newPage()
    await page.goto(nginx.url)
    const cdp = await context.newCDPSession(page)
    const manifest = await cdp.send('Page.getAppManifest', {})
    expect(manifest.errors).toEqual([])
    expect(JSON.parse(manifest.data ?? '{}')).toMatchObject({ name: 'Jobscope' })
    await context.close()
  })

  it('lets a signed-in person in, and records who looked up which job', async () => {
    const before = nginx.auditEntries().length
    const page = await rawRequest(nginx.url, '/jobs/x', { headers: { authorization: ANA } })
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    const response = await lookup(nginx.url, {
      authorization: ANA,
      // Not the sign-in: nginx ignores a client's own claim to be someone.
      'x-auth-request-user': 'mallory',
      cookie: 'session=abc',
    })
    expect(response.status).toBe(200)
    const received = upstream.requests.at(-1)
    expect(received?.headers.authorization).toBe(API_KEY)
    expect(JSON.stringify(received?.headers)).not.toMatch(/mallory|session=abc|Basic /)

    const entry = (await auditAfter(nginx, before + 1)).at(-1)
    expect(entry).toMatchObject({
      user: 'ana',
      client: '127.0.0.1',
      kind: 'images',
      job_id: JOB,
      upstream_status: 200,
    })
    expect(Number.isInteger(entry?.upstream_ms)).toBe(true)
    expect(entry?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/)
    expect(Object.keys(entry ?? {}).sort()).toEqual(
      ['client', 'job_id', 'kind', 'time', 'upstream_ms', 'upstream_status', 'user'].sort(),
    )
  })

  it('writes an audit line per proxied lookup only, never for pages, refusals or assets', async () => {
    const before = nginx.auditEntries().length
    await rawRequest(nginx.url, '/', { headers: { authorization: ANA } })
    await rawRequest(nginx.url, '/config.json', { headers: { authorization: ANA } })
    await lookup(nginx.url)
    await lookup(nginx.url, { authorization: ANA, 'content-type': 'text/plain' })
    await rawRequest(nginx.url, LOOKUP, { headers: { authorization: ANA } })
    await lookup(nginx.url, { authorization: basic('bo', 'battery staple') }, { id: CORS_JOB })
    // Lines are written in the order the answers finish: once bo's is there, any earlier one is too.
    expect((await auditAfter(nginx, before + 1)).slice(before)).toMatchObject([
      { user: 'bo', job_id: CORS_JOB, upstream_status: 200 },
    ])
  })

  it.each<[string, string | undefined]>([
    ['no content type', undefined],
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['a multipart form', 'multipart/form-data; boundary=----x'],
    ['a JSON look-alike', 'application/jsonp'],
  ])('answers 415 to a lookup sent as %s, forwarding nothing', async (_, contentType) => {
    const calls = await upstreamCalls(async () => {
      const headers: Record<string, string> = { authorization: ANA }
      if (contentType !== undefined) headers['content-type'] = contentType
      const response = await rawRequest(nginx.url, LOOKUP, {
        method: 'POST',
        headers,
        body: contentType?.includes('form') ? `id=${JOB}` : lookupBody(),
      })
      expectProxyError(response, 'unsupported-media-type')
    })
    expect(calls).toBe(0)
  })

  it('accepts JSON with a charset', async () => {
    const response = await lookup(nginx.url, {
      authorization: ANA,
      'content-type': 'application/json; charset=utf-8',
    })
    expect(response.status).toBe(200)
  })

  it('never answers CORS: a preflight is 405, and the API’s Access-Control-* headers are dropped', async () => {
    const preflight = await rawRequest(nginx.url, LOOKUP, {
      method: 'OPTIONS',
      headers: {
        authorization: ANA,
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
      },
    })
    expectProxyError(preflight, 'method-not-allowed')
    const response = await lookup(
      nginx.url,
      { authorization: ANA, origin: 'https://evil.example' },
      { id: CORS_JOB },
    )
    expect(response.status).toBe(200)
    for (const answer of [preflight, response]) {
      expect(
        Object.keys(answer.headers).filter((name) => name.startsWith('access-control-')),
      ).toEqual([])
    }
  })

  it('works in a browser with the credentials', async () => {
    const context = await browser.newContext({
      httpCredentials: { username: 'ana', password: 'correct horse' },
    })
    const page = await context.newPage()
    await page.goto(`${nginx.url}/jobs/${JOB}`)
    await expectCompleted(page)
    await context.close()
  })

  it('keeps the key out of every response and log line', () => {
    expect(nginx.allLogText()).not.toContain(API_KEY)
  })
})

// ---------------------------------------------------------------------------------------------

describe('forward auth (JOBSCOPE_AUTH_REQUEST_URL) against a stub oauth2-proxy', () => {
  let auth: StubAuth
  let nginx: RunningNginx
  const RATE = 5
  const session = (user: string) => ({ cookie: `${SESSION_COOKIE}=${user}` })

  beforeAll(async () => {
    auth = await startStubAuth()
    nginx = await startNginx({
      DISTRIBUTE_API_KEY: API_KEY,
      DISTRIBUTE_API_URL: upstream.url,
      JOBSCOPE_AUTH_REQUEST_URL: `${auth.url}/oauth2/auth`,
      JOBSCOPE_AUTH_SIGNIN_URL: '/oauth2/start',
      JOBSCOPE_RATE_LIMIT: String(RATE),
    })
  })

  afterAll(async () => {
    await nginx?.stop()
    await auth?.close()
  })

  it.each(['/', `/jobs/${JOB}`, `/batch?ids=${JOB},${SLOW_JOB}`, '/config.json'])(
    'sends a page request without a session (%s) to the sign-in page, with rd= its path',
    async (path) => {
      const response = await rawRequest(nginx.url, path)
      expect(response.status).toBe(302)
      expect(response.headers.location).toBe(`/oauth2/start?rd=${path}`)
      expect(response.headers['cache-control']).toBe('no-store')
    },
  )

  it('still sends a browser’s page navigation (Accept: text/html) to the sign-in page', async () => {
    const response = await rawRequest(nginx.url, `/jobs/${JOB}`, {
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    })
    expect(response.status).toBe(302)
    expect(response.headers.location).toBe(`/oauth2/start?rd=/jobs/${JOB}`)
    expectProxyError(
      await rawRequest(nginx.url, '/api/nope', { headers: { accept: 'text/html' } }),
      'sign-in-required',
    )
  })

  it('builds rd= from the path only: a forged Host header cannot point the sign-in elsewhere', async () => {
    const response = await rawRequest(nginx.url, '/jobs/x', { headers: { host: 'evil.example' } })
    expect(response.headers.location).toBe('/oauth2/start?rd=/jobs/x')
    const odd = await rawRequest(nginx.url, '/batch?ids=a&next=https://evil.example')
    expect(odd.headers.location).toBe('/oauth2/start?rd=/')
  })

  it('answers an /api request without a session with the JSON 401 the app explains', async () => {
    const calls = await upstreamCalls(async () => {
      expectProxyError(await lookup(nginx.url), 'sign-in-required')
      expectProxyError(await rawRequest(nginx.url, '/api/nope'), 'sign-in-required')
    })
    expect(calls).toBe(0)
  })

  it('ignores a forged X-Auth-Request-User: only the auth service says who is signed in', async () => {
    const forged = { 'x-auth-request-user': 'admin', 'x-auth-request-email': 'admin@example.com' }
    const calls = await upstreamCalls(async () => {
      expectProxyError(await lookup(nginx.url, forged), 'sign-in-required')
      // A Basic header is not a sign-in either when Basic is off.
      expectProxyError(
        await lookup(nginx.url, { authorization: basic('admin', 'x') }),
        'sign-in-required',
      )
    })
    expect(calls).toBe(0)
    const before = nginx.auditEntries().length
    const response = await lookup(nginx.url, { ...session('ana'), ...forged })
    expect(response.status).toBe(200)
    expect((await auditAfter(nginx, before + 1)).at(-1)).toMatchObject({ user: 'ana', job_id: JOB })
  })

  it('takes the e-mail when the auth service sends no user name', async () => {
    const before = nginx.auditEntries().length
    expect((await lookup(nginx.url, session('email-only'))).status).toBe(200)
    expect((await auditAfter(nginx, before + 1)).at(-1)).toMatchObject({ user: 'eve@example.com' })
  })

  it('answers 403 when the auth service refuses the person', async () => {
    const calls = await upstreamCalls(async () => {
      expectProxyError(await lookup(nginx.url, session('forbidden')), 'forbidden')
      expectProxyError(
        await rawRequest(nginx.url, '/', { headers: session('forbidden') }),
        'forbidden',
      )
    })
    expect(calls).toBe(0)
  })

  it('passes oauth2-proxy’s own pages through without a session', async () => {
    const response = await rawRequest(nginx.url, '/oauth2/start?rd=/jobs/x')
    expect(response.status).toBe(302)
    expect(response.headers.location).toBe('/jobs/x')
    expect(response.headers['set-cookie']?.[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=ana`))
    expect(auth.requests.at(-1)?.path).toBe('/oauth2/start?rd=/jobs/x')
  })

  it('signs a browser in through the sign-in page, back to the job it asked for', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${nginx.url}/jobs/${JOB}`)
    await page.waitForURL(`${nginx.url}/jobs/${JOB}`)
    await expectCompleted(page)
    expect(auth.requests.some((request) => request.path === `/oauth2/start?rd=/jobs/${JOB}`)).toBe(
      true,
    )
    await expect.poll(() => nginx.auditEntries().at(-1)).toMatchObject({ user: 'ana', job_id: JOB })
    await context.close()
  })

  it('fails closed when the auth service errors: 503, never let through', async () => {
    auth.failWith(500)
    try {
      const calls = await upstreamCalls(async () => {
        expectProxyError(await lookup(nginx.url, session('ana')), 'auth-unavailable')
        expectProxyError(
          await rawRequest(nginx.url, '/', { headers: session('ana') }),
          'auth-unavailable',
        )
      })
      expect(calls).toBe(0)
    } finally {
      auth.failWith(null)
    }
  })

  it(`limits each person to ${RATE} lookups a second (burst ${RATE * 2}), with Retry-After, two people behind one address apart`, async () => {
    const started = Date.now()
    let answers: Record<string, RawResponse[]> = {}
    const calls = await upstreamCalls(async () => {
      const people = ['carol', 'dave']
      const bursts = await Promise.all(
        people.map((user) =>
          Promise.all(Array.from({ length: 25 }, () => lookup(nginx.url, session(user)))),
        ),
      )
      answers = Object.fromEntries(people.map((user, index) => [user, bursts[index] ?? []]))
    })
    const seconds = (Date.now() - started) / 1000
    let accepted = 0
    for (const [user, own] of Object.entries(answers)) {
      const passed = own.filter((answer) => answer.status === 200).length
      const limited = own.filter((answer) => answer.status === 429)
      accepted += passed
      expect(passed + limited.length, user).toBe(25)
      // nginx's bucket: the first request and the burst at once, then the rate. Each person gets
      // the whole burst: one shared budget (by address) could not give both of them that many.
      expect(passed, user).toBeGreaterThanOrEqual(RATE * 2)
      expect(passed, user).toBeLessThanOrEqual(Math.ceil(RATE * seconds) + RATE * 2 + 1)
      for (const answer of limited) {
        expect(answer.headers['retry-after']).toBe('1')
        expect(answer.headers['content-type']).toMatch(/^application\/json/)
        expect(answer.body.toString()).toBe(rateLimitedBody(RATE))
      }
      await expect
        .poll(() => nginx.auditEntries().filter((entry) => entry.user === user).length)
        .toBe(passed)
    }
    // More than one budget for the whole address could have let through in that time.
    expect(accepted).toBeGreaterThan(Math.ceil(RATE * seconds) + RATE * 2 + 1)
    expect(calls).toBe(accepted)
  })

  it('keeps the key out of every response and log line', () => {
    expect(nginx.allLogText()).not.toContain(API_KEY)
    for (const request of auth.requests) expect(JSON.stringify(request)).not.toContain(API_KEY)
  })
})

describe('forward auth without a sign-in URL', () => {
  let auth: StubAuth
  let nginx: RunningNginx

  beforeAll(async () => {
    auth = await startStubAuth()
    nginx = await startNginx({
      DISTRIBUTE_API_KEY: API_KEY,
      DISTRIBUTE_API_URL: upstream.url,
      JOBSCOPE_AUTH_REQUEST_URL: `${auth.url}/oauth2/auth`,
    })
  })

  afterAll(async () => {
    await nginx?.stop()
    await auth?.close()
  })

  it('answers a page without a session with the HTML 401 page, and the app’s requests with JSON', async () => {
    const page = await rawRequest(nginx.url, `/jobs/${JOB}`, {
      headers: { accept: 'text/html,*/*;q=0.8' },
    })
    expect(page.status).toBe(401)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.headers['www-authenticate']).toBeUndefined()
    expect(page.body.toString()).toContain('could not find a sign-in for this browser')
    expectProxyError(
      await rawRequest(nginx.url, '/config.json', { headers: { accept: 'text/html' } }),
      'sign-in-required',
    )
    expectProxyError(await lookup(nginx.url), 'sign-in-required')
    // With a session, the page itself.
    const signedIn = await rawRequest(nginx.url, `/jobs/${JOB}`, {
      headers: { accept: 'text/html', cookie: `${SESSION_COOKIE}=ana` },
    })
    expect(signedIn.status).toBe(200)
    expect(signedIn.body.toString()).toContain('<div id="root">')
  })
})

describe('forward auth with the auth service down', () => {
  let nginx: RunningNginx

  beforeAll(async () => {
    nginx = await startNginx({
      DISTRIBUTE_API_KEY: API_KEY,
      DISTRIBUTE_API_URL: upstream.url,
      // Nothing listens there.
      JOBSCOPE_AUTH_REQUEST_URL: `http://127.0.0.1:${await freePort()}/oauth2/auth`,
      JOBSCOPE_AUTH_SIGNIN_URL: '/oauth2/start',
    })
  })

  afterAll(async () => {
    await nginx?.stop()
  })

  it('refuses pages and lookups with 503 auth-unavailable; /healthz still answers', async () => {
    const calls = await upstreamCalls(async () => {
      expectProxyError(
        await lookup(nginx.url, { cookie: `${SESSION_COOKIE}=ana` }),
        'auth-unavailable',
      )
      expectProxyError(await rawRequest(nginx.url, `/jobs/${JOB}`), 'auth-unavailable')
    })
    expect(calls).toBe(0)
    expect((await rawRequest(nginx.url, '/healthz')).status).toBe(200)
  })
})

// ---------------------------------------------------------------------------------------------

describe('client address allowlist (JOBSCOPE_ALLOW_CIDRS)', () => {
  let nginx: RunningNginx
  // Any 127.x.x.x reaches loopback, so one machine can be an allowed and a refused client.
  const ALLOWED = '127.0.0.2'

  beforeAll(async () => {
    nginx = await startNginx({
      DISTRIBUTE_API_KEY: API_KEY,
      DISTRIBUTE_API_URL: upstream.url,
      JOBSCOPE_ALLOW_CIDRS: `${ALLOWED}/32, 10.0.0.0/8`,
      JOBSCOPE_RATE_LIMIT: '1000',
    })
  })

  afterAll(async () => {
    await nginx?.stop()
  })

  it('answers 403 to any other address, on every path but /healthz', async () => {
    const calls = await upstreamCalls(async () => {
      for (const path of ['/', '/jobs/x', '/config.json', '/oauth2/start']) {
        expectProxyError(await rawRequest(nginx.url, path), 'forbidden')
      }
      expectProxyError(await lookup(nginx.url), 'forbidden')
    })
    expect(calls).toBe(0)
    expect((await rawRequest(nginx.url, '/healthz')).status).toBe(200)
  })

  it('serves an allowed address, and records it', async () => {
    const before = nginx.auditEntries().length
    const page = await rawRequest(nginx.url, '/', { localAddress: ALLOWED })
    expect(page.status).toBe(200)
    expect((await lookup(nginx.url, {}, { localAddress: ALLOWED })).status).toBe(200)
    expect((await auditAfter(nginx, before + 1)).at(-1)).toMatchObject({
      user: '-',
      client: ALLOWED,
      job_id: JOB,
      upstream_status: 200,
    })
  })

  it('caps one client at 24 lookups in flight (429 for the rest)', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        lookup(nginx.url, {}, { localAddress: ALLOWED, id: SLOW_JOB }),
      ),
    )
    const statuses = answers.map((answer) => answer.status).sort()
    expect(statuses.filter((status) => status === 200)).toHaveLength(24)
    expect(statuses.filter((status) => status === 429)).toHaveLength(6)
  })
})

// ---------------------------------------------------------------------------------------------

describe('TLS (JOBSCOPE_TLS_CERT and JOBSCOPE_TLS_KEY)', () => {
  let nginx: RunningNginx
  let port: number

  beforeAll(async () => {
    const cert = join(WORK_DIR, 'cert.pem')
    const key = join(WORK_DIR, 'key.pem')
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    )
    nginx = await startNginx({
      DISTRIBUTE_API_KEY: API_KEY,
      DISTRIBUTE_API_URL: upstream.url,
      JOBSCOPE_IMG_SRC: upstream.url,
      JOBSCOPE_TLS_CERT: cert,
      JOBSCOPE_TLS_KEY: key,
    })
    port = Number(new URL(nginx.url).port)
  })

  afterAll(async () => {
    await nginx?.stop()
  })

  /** The protocol a TLS handshake settles on, or the error that ended it. */
  function handshake(options: {
    minVersion?: 'TLSv1' | 'TLSv1.2'
    maxVersion: 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3'
  }) {
    return new Promise<{ protocol: string | null; alpn: string | false | null; error?: string }>(
      (resolve) => {
        const socket = tlsConnect({
          host: '127.0.0.1',
          port,
          rejectUnauthorized: false,
          ALPNProtocols: ['h2', 'http/1.1'],
          // Let this client offer old versions, so that refusing them is the server's doing.
          ciphers: 'DEFAULT@SECLEVEL=0',
          ...options,
        })
        socket.once('secureConnect', () => {
          resolve({ protocol: socket.getProtocol(), alpn: socket.alpnProtocol })
          socket.end()
        })
        socket.once('error', (error: NodeJS.ErrnoException) =>
          resolve({ protocol: null, alpn: null, error: `${error.code ?? ''} ${error.message}` }),
        )
      },
    )
  }

  it('speaks TLS 1.3 and HTTP/2 (ALPN h2) by default, and TLS 1.2 to a client that wants it', async () => {
    expect(nginx.url).toMatch(/^https:/)
    expect(await handshake({ maxVersion: 'TLSv1.3' })).toEqual({ protocol: 'TLSv1.3', alpn: 'h2' })
    expect(await handshake({ maxVersion: 'TLSv1.2' })).toMatchObject({ protocol: 'TLSv1.2' })
  })

  it('refuses TLS 1.1 and older', async () => {
    const old = await handshake({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1' })
    expect(old.protocol).toBeNull()
    expect(old.error).toMatch(/alert protocol version|ALERT_PROTOCOL_VERSION|unsupported protocol/i)
  })

  it('sends HSTS over HTTP/2, and takes a lookup over it into the audit trail', async () => {
    const session = http2Connect(nginx.url, { rejectUnauthorized: false })
    try {
      const get = (headers: Record<string, string>, body?: string) =>
        new Promise<{ headers: Record<string, unknown>; body: string }>((resolve, reject) => {
          const stream = session.request(headers)
          let text = ''
          let answer: Record<string, unknown> = {}
          stream.on('response', (received) => (answer = received))
          stream.on('data', (chunk: Buffer) => (text += chunk.toString()))
          stream.on('end', () => resolve({ headers: answer, body: text }))
          stream.on('error', reject)
          stream.end(body)
        })
      const page = await get({ ':path': '/' })
      expect(page.headers[':status']).toBe(200)
      expect(page.headers['strict-transport-security']).toBe('max-age=31536000')
      // Over HTTP/2 the host comes as :authority: the search template still has the right origin.
      const description = await get({ ':path': '/opensearch.xml' })
      expect(description.body).toContain(`template="${nginx.url}/search?q={searchTerms}"`)
      const answer = await get(
        { ':path': LOOKUP, ':method': 'POST', 'content-type': 'application/json' },
        lookupBody(),
      )
      expect(answer.headers[':status']).toBe(200)
      expect(answer.headers['strict-transport-security']).toBe('max-age=31536000')
      await expect
        .poll(() => nginx.auditEntries().at(-1))
        .toMatchObject({ job_id: JOB, upstream_status: 200 })
    } finally {
      session.close()
    }
  })

  it('runs the app in Chromium over HTTP/2', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true })
    const page = await context.newPage()
    const response = await page.goto(`${nginx.url}/jobs/${JOB}`)
    expect(response?.headers()['strict-transport-security']).toBe('max-age=31536000')
    expect(
      await page.evaluate(
        () =>
          (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)
            .nextHopProtocol,
      ),
    ).toBe('h2')
    await expectCompleted(page)
    await context.close()
  })
})

// ---------------------------------------------------------------------------------------------

describe('settings npm run serve refuses to start with', () => {
  const SECRET = 'sk-live-Secret123'

  it.each<[string, Record<string, string>, RegExp[]]>([
    [
      'a network address and no way to keep strangers out',
      { JOBSCOPE_HOST: '0.0.0.0', DISTRIBUTE_API_KEY: SECRET },
      [
        /refuses to start/,
        /JOBSCOPE_BASIC_AUTH_FILE/,
        /JOBSCOPE_AUTH_REQUEST_URL/,
        /JOBSCOPE_ALLOW_CIDRS/,
        /JOBSCOPE_ALLOW_ANONYMOUS=1/,
      ],
    ],
    [
      'a network address in demo mode, with nothing set',
      { JOBSCOPE_HOST: '0.0.0.0' },
      [/JOBSCOPE_BASIC_AUTH_FILE/, /JOBSCOPE_ALLOW_ANONYMOUS=1/],
    ],
    [
      'a plain-http API that is not on this machine',
      { DISTRIBUTE_API_KEY: SECRET, DISTRIBUTE_API_URL: 'http://api.distribute.ai' },
      [/DISTRIBUTE_API_URL must be https/],
    ],
    [
      'a key nginx could misread',
      { DISTRIBUTE_API_KEY: `${SECRET}"; add_header x 1` },
      [/DISTRIBUTE_API_KEY must be one token/],
    ],
  ])('%s: exits non-zero, says why, and never shows the key', async (_, env, messages) => {
    const run = await runServeCli(env)
    expect(run.code).not.toBe(0)
    expect(run.code).not.toBeNull()
    for (const message of messages) expect(run.output).toMatch(message)
    expect(run.output).not.toContain('Secret123')
  })
})

describe('settings npm start refuses to start with', () => {
  it('a network address: the dev server has no sign-in of its own', async () => {
    const child = spawn(process.execPath, ['node_modules/vite/bin/vite.js'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        JOBSCOPE_HOST: '0.0.0.0',
        PORT: String(await freePort()),
        DISTRIBUTE_API_KEY: 'sk-live-Secret123',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(code).not.toBe(0)
    expect(output).toMatch(/npm start refuses to start: JOBSCOPE_HOST=0\.0\.0\.0/)
    expect(output).toMatch(/JOBSCOPE_ALLOW_ANONYMOUS=1/)
    expect(output).not.toContain('Secret123')
  })
})
