// The production path: the built site behind real nginx with deploy/nginx/, started by the same code as
// `npm run serve`, against a stub Distribute.ai API and an image host on loopback — and once more as
// `npm run serve` itself in demo mode. Checks what only the real server can show: the SPA fallback,
// cache and security headers, a CSP the app actually runs under, and the key staying server-side.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DIST_DIR, ensureBuilt } from '../../scripts/nginx-runtime.ts'
import { formatFirstLoad, measureFirstLoad } from '../../scripts/measure-first-load.ts'
import { demoJobs } from '../../src/lib/demo-jobs.ts'
import { launchChromium } from './support/chromium.ts'
import { jobUrl } from './support/urls.ts'
import {
  type ImageHost,
  type RunningNginx,
  HEADERS_TO_UPSTREAM,
  rawRequest,
  startImageHost,
  startNginx,
  startServeCli,
} from './support/nginx.ts'
import {
  type StubUpstream,
  json,
  progressingJob,
  startStubUpstream,
} from './support/stub-upstream.ts'

const API_KEY = 'nginx-test-key-5d9b3f7a1c'
const JOB = '2d4f6a8c-0e1b-4c3d-9e5f-7a9c1e3b5d7f'
const REFUSED = '6a8c0e2d-4f6b-4a1c-8e3d-5b7d9f1a3c5e'
const COLD = '9c1e3b5d-7f2d-4f6a-8c0e-1b4c3d9e5f7a'
const UNKNOWN_OPENED = '1f3b5d7a-9c2e-4b6d-8f1a-3c5e7a9b1d2f'
const UNKNOWN_TYPED = '2a4c6e8b-0d3f-4c7e-9a2b-4d6f8b0c2e3a'
const STEADY = '5d7f9b1c-3e6a-4f0b-8c2d-7a9b1c3e5f8d'
const CHATS = ['3b5d7f9a-1c4e-4d8f-a0b3-5e7a9c1d3f6b', '4c6e8a0b-2d5f-4e9a-b1c4-6f8b0d2e4a7c']

let browser: Browser
let page: Page
let pageErrors: string[]
let cspReports: string[]

/** Every CSP violation the page reports, through the DOM event and the console. */
async function openPage(): Promise<Page> {
  const opened = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  pageErrors = []
  cspReports = []
  // Init scripts are injected by the browser itself, so the CSP does not block them.
  await opened.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`,
      )
    })
  })
  opened.on('pageerror', (error) => pageErrors.push(error.message))
  opened.on('console', (message) => {
    if (/content.security.policy|CSP violation/i.test(message.text()))
      cspReports.push(message.text())
  })
  return opened
}

function demoId(scenario: string): string {
  const job = demoJobs.find((candidate) => candidate.scenario === scenario)
  if (!job) throw new Error(`no demo job for ${scenario}`)
  return job.id
}

function statusRegion(target: Page) {
  return target.locator('[aria-live="polite"]').filter({ hasText: /Status/ })
}

/** All gallery images have real pixels (each scrolled into view first: they load lazily). */
async function expectImagesLoaded(target: Page, count: number) {
  const images = target.getByRole('main').getByRole('img')
  await expect.poll(() => images.count(), { timeout: 10_000 }).toBe(count)
  for (const image of await images.all()) {
    await image.scrollIntoViewIfNeeded()
    await expect
      .poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth))
      .toBeGreaterThan(0)
  }
}

async function openAndCloseLightbox(target: Page, count: number) {
  await target.getByRole('button', { name: `Open image 1 of ${count} larger` }).click()
  const dialog = target.getByRole('dialog')
  await expect.poll(() => dialog.isVisible()).toBe(true)
  await expect
    .poll(() =>
      dialog
        .getByRole('img')
        .first()
        .evaluate((element: HTMLImageElement) => element.naturalWidth),
    )
    .toBeGreaterThan(0)
  await target.keyboard.press('Escape')
  await expect.poll(() => dialog.count()).toBe(0)
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

beforeAll(() => {
  // One build for both runs (skipped when dist/ is newer than its sources).
  ensureBuilt({ quiet: true })
})

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

describe('nginx in live mode, in front of a stub API', () => {
  let upstream: StubUpstream
  let images: ImageHost
  let nginx: RunningNginx
  let received: string[]

  beforeAll(async () => {
    upstream = await startStubUpstream()
    images = await startImageHost()
    upstream.script(
      JOB,
      progressingJob(
        JOB,
        ['CREATED', 'QUEUED', 'PROCESSING', 'COMPLETED'],
        [
          { url: `${images.url}/fox.png`, revised_prompt: 'A red fox in fresh snow' },
          { url: `${images.url}/owl.png`, revised_prompt: 'A snowy owl at dusk' },
        ],
      ),
    )
    upstream.script(
      COLD,
      progressingJob(
        COLD,
        ['COMPLETED'],
        [{ url: `${images.url}/fox.png`, revised_prompt: 'A fox' }],
      ),
    )
    upstream.script(
      STEADY,
      progressingJob(
        STEADY,
        ['COMPLETED'],
        [{ url: `${images.url}/owl.png`, revised_prompt: 'An owl' }],
      ),
    )
    for (const chat of CHATS) {
      upstream.script(
        chat,
        () =>
          json(200, {
            id: chat,
            status: 'COMPLETED',
            created: '2025-05-17T07:00:24.027Z',
            finished: '2025-05-17T07:00:31.527Z',
            model: 'Llama-3.1-8B-Instruct',
            choices: [
              { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Ahoy.' } },
            ],
          }),
        'chat',
      )
    }
    upstream.script(REFUSED, () =>
      json(401, { message: 'Invalid API key' }, { 'set-cookie': 'upstream=1' }),
    )
    nginx = await startNginx({
      DISTRIBUTE_API_KEY: API_KEY,
      DISTRIBUTE_API_URL: upstream.url,
      // Only the image host, not `https:`: the configured sources are what lets images in.
      JOBSCOPE_IMG_SRC: images.url,
      JOBSCOPE_ENV_LABEL: 'Test nginx',
    })
  })

  afterAll(async () => {
    await nginx?.stop()
    await images?.close()
    await upstream?.close()
  })

  beforeEach(async () => {
    page = await openPage()
    received = []
    // Everything the browser receives, to prove the key is never among it.
    page.on('response', (response) => {
      void response
        .body()
        .then((body) => received.push(JSON.stringify(response.headers()), body.toString('latin1')))
        .catch(() => undefined)
    })
  })

  afterEach(async () => {
    await page.close()
    expect(pageErrors, 'uncaught errors in the page').toEqual([])
    expect(cspReports, 'CSP violations').toEqual([])
    expect(received.filter((text) => text.includes(API_KEY))).toEqual([])
  })

  it('looks up a job, follows it to COMPLETED with its images under the CSP, and sends the raw key', async () => {
    const response = await page.goto(nginx.url)
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
    await expect.poll(() => page.getByText('Test nginx').first().isVisible()).toBe(true)
    await page.getByLabel('Job ID').fill(JOB)
    await page.getByRole('button', { name: 'Look up' }).click()
    await page.waitForURL(jobUrl(`${nginx.url}/jobs/${JOB}`))
    await expect
      .poll(() => statusRegion(page).textContent(), { timeout: 20_000 })
      .toMatch(/COMPLETED/)
    await expectImagesLoaded(page, 2)
    await openAndCloseLightbox(page, 2)

    // The bare id was looked for once on chat and speech too (404 there); then only images.
    expect(upstream.lookups(JOB, 'images').length).toBeGreaterThanOrEqual(4)
    expect(upstream.lookups(JOB, 'chat')).toHaveLength(1)
    expect(upstream.lookups(JOB, 'speech')).toHaveLength(1)
    for (const request of upstream.lookups(JOB)) {
      expect(request.method).toBe('POST')
      expect(request.headers.authorization).toBe(API_KEY)
      // Nothing of the browser's own (cookies, user agent, origin, accept-encoding) goes upstream.
      expect(Object.keys(request.headers).sort()).toEqual(HEADERS_TO_UPSTREAM)
      expect(JSON.parse(request.body)).toEqual({ id: JOB })
    }
    await page.screenshot({ path: '.tmp/screenshots/nginx-live-completed.png', fullPage: true })
  })

  it('answers a reload of /jobs/:id and /batch with the app', async () => {
    await page.goto(`${nginx.url}/jobs/${JOB}`)
    const reloaded = await page.reload()
    expect(reloaded?.status()).toBe(200)
    expect(reloaded?.headers()['content-type']).toMatch(/^text\/html/)
    await expect
      .poll(() => statusRegion(page).textContent(), { timeout: 20_000 })
      .toMatch(/COMPLETED/)

    const batch = await page.goto(`${nginx.url}/batch`)
    expect(batch?.status()).toBe(200)
    expect(batch?.headers()['content-type']).toMatch(/^text\/html/)
    // (The header bar is in index.html itself: the page's own heading says the app has drawn it.)
    await page.getByRole('heading', { name: 'Look up many jobs', level: 1 }).waitFor()
  })

  it('sends a cold /jobs/:id lookup before the app bundle arrives, adopts it, and asks once', async () => {
    // The app's bundle held back 1.5 s: the early script's lookup must not wait for it.
    const html = readFileSync(join(DIST_DIR, 'index.html'), 'utf8')
    const bundle = /<script type="module" crossorigin src="(\/assets\/index-[^"]+\.js)"/.exec(
      html,
    )?.[1]
    expect(bundle).toBeDefined()
    let bundleSentAt = Number.POSITIVE_INFINITY
    await page.route(`**${bundle ?? ''}`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500))
      bundleSentAt = Date.now()
      await route.continue()
    })
    const lookupsAt: number[] = []
    let pageChunkAt = Number.POSITIVE_INFINITY
    page.on('request', (request) => {
      if (request.url().endsWith('/api/async/images/result')) lookupsAt.push(Date.now())
      if (/\/assets\/JobPage-[^/]+\.js$/.test(request.url())) pageChunkAt = Date.now()
    })
    await page.goto(`${nginx.url}/jobs/${COLD}?kind=images`)
    await expect.poll(() => statusRegion(page).textContent()).toMatch(/COMPLETED/)
    await expectImagesLoaded(page, 1)

    expect(lookupsAt).toHaveLength(1)
    expect(lookupsAt[0]).toBeLessThan(bundleSentAt)
    // The job page's own chunk was asked for meanwhile too (modulepreload), not after the bundle ran.
    expect(pageChunkAt).toBeLessThan(bundleSentAt)
    // One lookup reached the API for the whole visit: the app adopted the early one.
    expect(upstream.lookups(COLD, 'images')).toHaveLength(1)
    expect(upstream.lookups(COLD, 'chat')).toHaveLength(0)
    expect(upstream.lookups(COLD, 'speech')).toHaveLength(0)
  })

  it('draws a cold chat job page with its transcript at once, never "Loading the results view…"', async () => {
    // The chat transcript's code is a chunk of its own. The first visit brings it into the cache
    // (one browser profile); the second, a fresh page like a new tab, loads it with the first answer
    // and draws status and transcript in one render. (Behind React.lazy the transcript suspended:
    // "Loading the results view…" showed and React held the transcript back ≥ 300 ms.)
    const context = await browser.newContext()
    try {
      const first = await context.newPage()
      await first.goto(`${nginx.url}/jobs/${CHATS[0] ?? ''}`)
      await first.getByRole('main').getByText('Ahoy.', { exact: true }).waitFor()
      const fresh = await context.newPage()
      fresh.on('pageerror', (error) => pageErrors.push(error.message))
      await fresh.addInitScript(() => {
        new MutationObserver(() => {
          if (document.documentElement.textContent?.includes('Loading the results view'))
            document.documentElement.dataset.sawPending = 'yes'
        }).observe(document, { childList: true, subtree: true, characterData: true })
      })
      await fresh.goto(`${nginx.url}/jobs/${CHATS[1] ?? ''}`)
      await fresh.getByRole('main').getByText('Ahoy.', { exact: true }).waitFor()
      await expect.poll(() => statusRegion(fresh).textContent()).toMatch(/COMPLETED/)
      expect(await fresh.evaluate(() => document.documentElement.dataset.sawPending)).toBe(
        undefined,
      )
    } finally {
      await context.close()
    }
  })

  it("says so in the results when the transcript's code cannot be loaded, and shows the rest", async () => {
    // A deploy replaced the files, or the network dropped, between the page and its chunk.
    await page.route(/\/assets\/ChatResults-[^/]+\.js$/, (route) => route.abort())
    const warnings: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text())
    })
    await page.goto(`${nginx.url}/jobs/${CHATS[0] ?? ''}?kind=chat`)
    await page
      .getByRole('alert')
      .getByText(/The results view could not be loaded/)
      .waitFor()
    expect(await statusRegion(page).textContent()).toMatch(/COMPLETED/)
    expect(await page.getByText('Llama-3.1-8B-Instruct').count()).toBeGreaterThan(0)
    expect(warnings.some((text) => text.includes('A view could not be loaded'))).toBe(true)
  })

  it.each([
    [1280, 900],
    [375, 812],
  ])(
    'paints the header bar before any script runs, just where the app then draws it (%i px)',
    async (width, height) => {
      const where = async (target: Page) => {
        await target.setViewportSize({ width, height })
        await target.goto(`${nginx.url}/jobs/${STEADY}`)
        return target.getByRole('link', { name: 'Jobscope', exact: true }).boundingBox()
      }
      // No script at all: what index.html paints by itself.
      await page.route(/\.js$/, (route) => route.abort())
      const painted = await where(page)
      expect(painted).not.toBeNull()
      expect(await page.getByRole('main').count()).toBe(0)
      await page.unroute(/\.js$/)
      // The app, drawn over it.
      const app = await browser.newPage()
      try {
        const box = app.getByRole('link', { name: 'Jobscope', exact: true })
        await app.goto(`${nginx.url}/jobs/${STEADY}`)
        await app.setViewportSize({ width, height })
        await expect.poll(() => statusRegion(app).textContent()).toMatch(/COMPLETED/)
        expect(await box.boundingBox()).toEqual(painted)
      } finally {
        await app.close()
      }
    },
  )

  it('draws a cold job page without moving anything already painted', async () => {
    await page.addInitScript(() => {
      const shifts: number[] = []
      Object.assign(window, { shifts })
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & {
          value: number
          hadRecentInput: boolean
        })[]) {
          if (!entry.hadRecentInput) shifts.push(entry.value)
        }
      }).observe({ type: 'layout-shift', buffered: true })
    })
    for (const [width, height] of [
      [1280, 900],
      [375, 812],
    ] as const) {
      await page.setViewportSize({ width, height })
      await page.goto(`${nginx.url}/jobs/${STEADY}`)
      await expect.poll(() => statusRegion(page).textContent()).toMatch(/COMPLETED/)
      await expectImagesLoaded(page, 1)
      await page.getByRole('heading', { name: 'Timeline' }).waitFor()
      expect(await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts)).toEqual(
        [],
      )
    }
  })

  it('draws the home page before it sets up time formatting, and sets it up after', async () => {
    // A page's first Intl object costs Chromium ~12 ms (decision 025): made as the bundle was
    // evaluated, it held back the first render of pages that show no time.
    await page.addInitScript(() => {
      const made: string[] = []
      Object.assign(window, { intlMade: made })
      for (const name of ['DateTimeFormat', 'RelativeTimeFormat', 'NumberFormat'] as const) {
        Reflect.set(
          Intl,
          name,
          new Proxy(Intl[name], {
            construct(target, args: unknown[]) {
              made.push(
                `${name} ${document.querySelector('main') ? 'after' : 'before'} the first render`,
              )
              return Reflect.construct(target, args) as object
            },
          }),
        )
      }
    })
    await page.goto(`${nginx.url}/`)
    await page.getByRole('heading', { name: 'Look up a job' }).waitFor()
    const made = () => page.evaluate(() => (window as unknown as { intlMade: string[] }).intlMade)
    await expect.poll(made).not.toEqual([])
    expect((await made())[0]).toBe('RelativeTimeFormat after the first render')
  })

  it.each([
    ['opened directly', false],
    ['typed into the home form', true],
  ])('asks each endpoint once for an id none of them knows, %s', async (_, typed) => {
    const unknown = typed ? UNKNOWN_TYPED : UNKNOWN_OPENED
    if (typed) {
      await page.goto(`${nginx.url}/`)
      await page.getByRole('textbox', { name: 'Job ID' }).first().fill(unknown)
      await page.keyboard.press('Enter')
    } else {
      await page.goto(`${nginx.url}/jobs/${unknown}`)
    }
    await page
      .getByText(/not found/i)
      .first()
      .waitFor()
    // Long enough for any second round (a refetch on mount, a retry) to have reached the API.
    await page.waitForTimeout(1_500)
    expect(upstream.lookups(unknown).map((request) => request.kind)).toEqual(
      expect.arrayContaining(['images', 'chat', 'speech']),
    )
    expect(upstream.lookups(unknown)).toHaveLength(3)
  })

  it('passes upstream errors through unchanged, minus its cookies', async () => {
    const response = await fetch(`${nginx.url}/api/async/images/result`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: REFUSED }),
    })
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ message: 'Invalid API key' })
    expect(response.headers.get('set-cookie')).toBeNull()
    expect(response.headers.get('cache-control')).toBe('no-store')

    await page.goto(`${nginx.url}/jobs/${REFUSED}`)
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/DISTRIBUTE_API_KEY/)
  })

  it('sends the security headers on every response', async () => {
    for (const path of ['/', '/jobs/x', '/config.json', '/api/nope', '/assets/missing.js']) {
      const { headers } = await rawRequest(nginx.url, path)
      const csp = String(headers['content-security-policy'])
      expect(csp, path).toContain("default-src 'self'")
      expect(csp, path).toContain("script-src 'self';")
      expect(csp, path).toContain("frame-ancestors 'none'")
      expect(csp, path).toContain(`img-src 'self' ${images.url};`)
      // Result audio: the default rule, any https host plus a plain-http API's own origin.
      expect(csp, path).toContain(`media-src 'self' https: ${upstream.url};`)
      expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval/)
      expect(headers['x-content-type-options'], path).toBe('nosniff')
      expect(headers['referrer-policy'], path).toBe('no-referrer')
      expect(headers['x-frame-options'], path).toBe('DENY')
      expect(headers['permissions-policy'], path).toContain('camera=()')
      expect(headers.server, path).toBe('nginx')
    }
    // A hashed script or stylesheet keeps nosniff and the referrer policy; the page-only headers,
    // which browsers ignore there, are left off (0.5 KB on each of a first load's assets).
    const html = readFileSync(join(DIST_DIR, 'index.html'), 'utf8')
    for (const path of [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1])) {
      const { status, headers } = await rawRequest(nginx.url, path ?? '')
      expect(status, path).toBe(200)
      expect(headers['x-content-type-options'], path).toBe('nosniff')
      expect(headers['referrer-policy'], path).toBe('no-referrer')
      for (const name of ['content-security-policy', 'x-frame-options', 'permissions-policy']) {
        expect(headers[name], `${name} on ${path}`).toBeUndefined()
      }
    }
  })

  it('caches hashed assets for a year and never index.html or config.json', async () => {
    const html = readFileSync(join(DIST_DIR, 'index.html'), 'utf8')
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '')
    expect(assets.some((path) => path.endsWith('.js'))).toBe(true)
    expect(assets.some((path) => path.endsWith('.css'))).toBe(true)
    for (const path of assets) {
      const { status, headers } = await rawRequest(nginx.url, path)
      expect(status, path).toBe(200)
      expect(headers['cache-control'], path).toBe('public, max-age=31536000, immutable')
    }
    for (const path of ['/', '/index.html', '/jobs/x', '/config.json']) {
      expect((await rawRequest(nginx.url, path)).headers['cache-control'], path).toBe('no-store')
    }
    // A missing hashed asset is a 404 (not index.html), and not cached for a year.
    const missing = await rawRequest(nginx.url, '/assets/index-missing.js')
    expect(missing.status).toBe(404)
    expect(missing.headers['cache-control']).toBe('no-cache')
  })

  it('serves config.json for this environment', async () => {
    const response = await fetch(`${nginx.url}/config.json`)
    expect(await response.json()).toEqual({
      apiBase: '/api',
      environmentLabel: 'Test nginx',
      rateLimit: { perSecond: 20 },
      recentDays: 30,
      demo: false,
    })
  })

  it('compresses JS with gzip at a useful level', async () => {
    const html = readFileSync(join(DIST_DIR, 'index.html'), 'utf8')
    // The app's own bundle: the biggest script the page loads (the early lookup is a small one).
    const scripts = [...html.matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map(
      (match) => match[1] ?? '',
    )
    const script =
      scripts
        .map((path) => ({ path, size: statSync(join(DIST_DIR, path)).size }))
        .sort((a, b) => b.size - a.size)[0]?.path ?? ''
    const plain = await rawRequest(nginx.url, script)
    const gzipped = await rawRequest(nginx.url, script, { headers: { 'accept-encoding': 'gzip' } })
    expect(gzipped.headers['content-encoding']).toBe('gzip')
    expect(gzipped.headers.vary).toMatch(/accept-encoding/i)
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true)
    expect(gzipped.body.length).toBeLessThan(plain.body.length * 0.4)
  })

  it('is not an open proxy: only the allowlisted POST reaches the API', async () => {
    const before = upstream.requests.length
    const body = JSON.stringify({ id: JOB })
    const post = { method: 'POST', body, headers: { 'content-type': 'application/json' } }
    const cases: Array<[string, string, Parameters<typeof rawRequest>[2], number]> = [
      ['GET', '/api/anything-else', {}, 404],
      ['POST', '/api/anything-else', post, 404],
      ['POST', '/api/async/video/result', post, 404],
      ['POST', '/api/async/images/create', post, 404],
      ['POST', '/api/async/chat/create', post, 404],
      ['POST', '/api/async/speech/create', post, 404],
      ['POST', '/api/async/images/result/', post, 404],
      ['POST', '/api/async/IMAGES/result', post, 404],
      ['POST', '/api', post, 404],
      ['POST', '/api/../index.html', post, 400],
      ['POST', '/api/async/images/result/../../create', post, 400],
      ['POST', '/api/async/images/%2e%2e/create', post, 400],
      ['POST', '/api/async/images%2Fresult', post, 400],
      ['POST', '//api/async/images/result', post, 400],
      // Absolute-form targets name another host; nginx still only ever proxies to its one upstream.
      ['POST', 'http://evil.example/api/anything-else', post, 404],
      ['POST', 'http://evil.example/api/async/images/create', post, 404],
      [
        'POST',
        '/api/async/images/result',
        { ...post, body: JSON.stringify({ id: JOB, pad: 'x'.repeat(5000) }) },
        413,
      ],
    ]
    for (const [method, path, options, expected] of cases) {
      const response = await rawRequest(nginx.url, path, { ...options, method })
      expect(response.status, `${method} ${path}`).toBe(expected)
      expect(response.body.toString(), `${method} ${path}`).not.toContain(API_KEY)
    }
    const get = await rawRequest(nginx.url, '/api/async/images/result')
    expect(get.status).toBe(405)
    expect(get.headers.allow).toBe('POST')
    expect(JSON.parse(get.body.toString())).toEqual({
      message: 'Only POST is allowed here',
      code: 'method-not-allowed',
    })
    const other = await rawRequest(nginx.url, '/api/anything-else')
    expect(JSON.parse(other.body.toString())).toEqual({
      message: 'Not found: Jobscope does not forward this path to the Distribute.ai API.',
      code: 'not-proxied',
    })
    expect(upstream.requests.length).toBe(before)

    // The query string is not passed on either.
    await rawRequest(nginx.url, '/api/async/images/result?next=/async/images/create', {
      ...post,
      method: 'POST',
    })
    expect(upstream.requests.at(-1)?.path).toBe('/async/images/result')
  })

  it.each(['chat', 'speech'])(
    'forwards POST /api/async/%s/result to the same kind upstream, and passes its answer through',
    async (kind) => {
      const before = upstream.requests.length
      const response = await rawRequest(nginx.url, `/api/async/${kind}/result`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: JOB }),
      })
      // The stub scripts only image jobs: the API's own 404 comes back unchanged.
      expect(response.status).toBe(404)
      expect(JSON.parse(response.body.toString())).toEqual({ message: 'Job not found' })
      expect(upstream.requests.slice(before).map((request) => request.path)).toEqual([
        `/async/${kind}/result`,
      ])
      expect(upstream.requests.at(-1)?.headers.authorization).toBe(API_KEY)
    },
  )

  it('answers /healthz', async () => {
    const response = await fetch(`${nginx.url}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('ok\n')
  })

  it('keeps the key out of the build and out of what nginx prints', () => {
    for (const file of filesUnder(DIST_DIR)) {
      expect(readFileSync(file, 'latin1').includes(API_KEY), file).toBe(false)
    }
    expect(nginx.output()).not.toContain(API_KEY)
  })

  it('first page load: HTML + JS + CSS stay small and compressed', async () => {
    const load = await measureFirstLoad(browser, nginx.url)
    console.log(formatFirstLoad(load))
    const app = load.resources.filter((resource) => resource.type !== 'document')
    // Every script and stylesheet compressed, but for chunks under gzip_min_length (256 B).
    for (const resource of app.filter((r) => /\.(js|css)$/.test(r.url))) {
      if (resource.contentEncoding === undefined && resource.bodyBytes < 256) continue
      expect(resource.contentEncoding, resource.url).toBe('gzip')
    }
    // A budget, not a target: React + React Query + zod/mini + the app is about 110 KB today.
    expect(load.appBodyBytes).toBeLessThan(160 * 1024)
  })
})

describe('npm run serve without a key: nginx in front of the demo upstream', () => {
  let serve: RunningNginx

  beforeAll(async () => {
    serve = await startServeCli()
  })

  afterAll(async () => {
    await serve?.stop()
  })

  beforeEach(async () => {
    page = await openPage()
  })

  afterEach(async () => {
    await page.close()
    expect(pageErrors, 'uncaught errors in the page').toEqual([])
    expect(cspReports, 'CSP violations').toEqual([])
  })

  it('says it is in demo mode, and the app shows demo data', async () => {
    expect(serve.output()).toMatch(/DEMO mode/)
    expect(serve.output()).toContain(serve.url)
    expect(serve.output()).toMatch(/Access: anyone on this machine \(loopback; no sign-in\)/)
    expect(serve.output()).toMatch(/Audit log: \/\S+\/\.tmp\/jobscope-audit\.log/)
    await page.goto(serve.url)
    await expect.poll(() => page.getByText('Demo data').first().isVisible()).toBe(true)
    await expect.poll(() => page.getByRole('link', { name: demoId('completes') }).count()).toBe(1)
  })

  it('follows a demo job to COMPLETED and shows its images under the CSP', async () => {
    const id = demoId('completes')
    await page.goto(serve.url)
    await page.getByLabel('Job ID').fill(id)
    await page.getByRole('button', { name: 'Look up' }).click()
    await page.waitForURL(jobUrl(`${serve.url}/jobs/${id}`))
    await expect
      .poll(() => statusRegion(page).textContent(), { timeout: 20_000 })
      .toMatch(/COMPLETED/)
    await expectImagesLoaded(page, 4)
    await openAndCloseLightbox(page, 4)
    await page.screenshot({ path: '.tmp/screenshots/nginx-demo-completed.png', fullPage: true })
  })
})
