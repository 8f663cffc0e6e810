// The real app in live mode: the dev server's proxy in front of a stub Distribute.ai API on loopback.
// This exercises what the demo cannot: the allowlist, the `authorization` header, and the key staying
// out of everything the browser receives.
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { seriousAxeViolations } from './support/axe.ts'
import { launchChromium } from './support/chromium.ts'
import { jobUrl } from './support/urls.ts'
import { type RunningApp, startApp } from './support/app-server.ts'
import {
  type StubUpstream,
  json,
  progressingJob,
  startStubUpstream,
} from './support/stub-upstream.ts'

const API_KEY = 'dist-test-key-7f3a9c1e5b'
const JOB = '9b2e4d6f-1a3c-4e5b-8d7f-0a2c4e6b8d1f'
const MISSING = '4c6e8a0b-2d4f-4a6c-9e8b-1d3f5a7c9e0b'
const REFUSED = '7e9a1c3e-5b7d-4f9a-bc1e-3a5c7e9b1d3f'

let upstream: StubUpstream
let app: RunningApp
let browser: Browser
let page: Page
let pageErrors: string[]
let received: string[]

beforeAll(async () => {
  upstream = await startStubUpstream()
  upstream.script(
    JOB,
    progressingJob(
      JOB,
      ['CREATED', 'QUEUED', 'ASSIGNED_CONNECTIONS', 'PROCESSING', 'COMPLETED'],
      [
        {
          url: `${upstream.url}/images/a.png`,
          revised_prompt: 'A red fox in fresh snow, <b>not bold</b>',
        },
        { url: 'javascript:alert(1)', revised_prompt: 'A hostile link' },
      ],
    ),
  )
  upstream.script(REFUSED, () => json(401, { message: 'Invalid API key' }))
  browser = await launchChromium()
  app = await startApp({ DISTRIBUTE_API_KEY: API_KEY, DISTRIBUTE_API_URL: upstream.url })
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await upstream?.close()
})

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  pageErrors = []
  received = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  // Everything the browser receives, to prove the key is never among it.
  page.on('response', (response) => {
    void response
      .text()
      .then((body) => received.push(JSON.stringify(response.headers()), body))
      .catch(() => undefined)
  })
})

afterEach(async () => {
  await page.close()
  expect(pageErrors, 'uncaught errors in the page').toEqual([])
  expect(received.filter((text) => text.includes(API_KEY))).toEqual([])
})

describe('live mode through the dev proxy', () => {
  it('says which upstream it proxies to at start-up, without the key', () => {
    expect(app.output()).toContain(`LIVE mode — proxying job lookups to ${upstream.url}`)
    expect(app.output()).not.toContain(API_KEY)
  })

  it('looks up a job, follows it to COMPLETED, and sends the raw key upstream', async () => {
    await page.goto(app.url)
    expect(await page.getByText('Demo data').count()).toBe(0)
    await page.getByLabel('Job ID').fill(JOB)
    await page.getByRole('button', { name: 'Look up' }).click()
    await page.waitForURL(jobUrl(`/jobs/${JOB}`))
    await expect
      .poll(() => page.locator('[aria-live="polite"]').first().textContent(), { timeout: 20_000 })
      .toMatch(/COMPLETED/)

    // The bare id was looked for once on chat and speech too; after that only images is polled.
    expect(upstream.lookups(JOB, 'images').length).toBeGreaterThanOrEqual(5)
    expect(upstream.lookups(JOB, 'chat')).toHaveLength(1)
    expect(upstream.lookups(JOB, 'speech')).toHaveLength(1)
    for (const request of upstream.lookups(JOB)) {
      expect(request.method).toBe('POST')
      expect(request.headers.authorization).toBe(API_KEY)
      expect(JSON.parse(request.body)).toEqual({ id: JOB })
    }
    expect(page.url()).toBe(`${app.url}/jobs/${JOB}?kind=images`)

    // The hostile result is inert text, and markup in prompts stays text.
    expect(await page.locator('a[href^="javascript:"], img[src^="javascript:"]').count()).toBe(0)
    expect(await page.getByText('javascript:alert(1)').first().isVisible()).toBe(true)
    expect(
      await page.getByText('A red fox in fresh snow, <b>not bold</b>', { exact: true }).isVisible(),
    ).toBe(true)
    expect(await page.locator('main b').count()).toBe(0)
    expect(await seriousAxeViolations(page)).toEqual([])

    // Once COMPLETED, polling has stopped for good.
    const count = upstream.requests.length
    await page.waitForTimeout(2_500)
    expect(upstream.requests.length).toBe(count)
    await page.screenshot({ path: '.tmp/screenshots/live-completed.png', fullPage: true })
  })

  it('asks each endpoint at most once for a job that is already final, opened cold or looked up', async () => {
    const done = (id: string) => () =>
      json(200, { id, status: 'COMPLETED', created: '2025-05-17T07:00:24Z', results: [] })
    const cold = '2a4c6e8a-0b1d-4f3a-9c5e-7a9b1c3d5e7f'
    const looked = '3b5d7f9b-1c2e-4a4b-8d6f-8b0c2d4e6f80'
    upstream.script(cold, done(cold))
    upstream.script(looked, done(looked))

    await page.goto(`${app.url}/jobs/${cold}`)
    await expect
      .poll(() => page.locator('[aria-live="polite"]').first().textContent())
      .toMatch(/COMPLETED/)
    await page.getByLabel('Job ID').fill(looked)
    await page.getByRole('button', { name: 'Look up' }).click()
    await expect
      .poll(() => page.locator('[aria-live="polite"]').first().textContent())
      .toMatch(/COMPLETED/)
    await page.waitForTimeout(1_500)
    for (const id of [cold, looked]) {
      expect(upstream.lookups(id, 'images'), id).toHaveLength(1)
      expect(upstream.lookups(id).length, id).toBeLessThanOrEqual(3)
    }
  })

  it.each([
    ['missing', { status: 404, body: 'Not found' }, /config\.json answered HTTP 404/],
    ['not JSON', { status: 200, body: '{ nope' }, /config\.json is not valid JSON/],
    ['invalid', { status: 200, body: '{"apiBase": 42}' }, /config\.json is invalid \(apiBase/],
  ])(
    'runs on defaults with a visible warning when config.json is %s',
    async (_, reply, warning) => {
      await page.route('**/config.json', (route) =>
        route.fulfill({ ...reply, contentType: 'application/json' }),
      )
      await page.goto(`${app.url}/jobs/${JOB}`)
      const banner = page.getByRole('status').filter({ hasText: 'Settings problem' })
      await expect.poll(() => banner.textContent()).toMatch(warning)
      expect(await banner.textContent()).toContain('using default settings')
      // Still a working app on the default /api path.
      await expect
        .poll(() => page.locator('[aria-live="polite"]').first().textContent())
        .toMatch(/COMPLETED/)
    },
  )

  it('shows the environment label from config.json', async () => {
    await page.route('**/config.json', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: '{"apiBase":"/api","environmentLabel":"EU production"}',
      }),
    )
    await page.goto(app.url)
    await expect.poll(() => page.getByText('EU production').count()).toBe(1)
    expect(await page.getByText('Settings problem').count()).toBe(0)
  })

  it('home shows no demo jobs and never loads their code', async () => {
    const requested: string[] = []
    page.on('request', (request) => requested.push(request.url()))
    await page.goto(app.url)
    await page.getByRole('heading', { name: 'Look up a job' }).waitFor()
    // Recent's list (its code is what the home page waits for) has had its chance to load.
    await page.waitForLoadState('networkidle')
    expect(await page.getByRole('heading', { name: 'Demo jobs' }).count()).toBe(0)
    expect(requested.filter((url) => url.includes('DemoJobList'))).toEqual([])
    expect(requested.some((url) => url.includes('RecentLookups'))).toBe(true)
  })

  it('passes a 404 through as "Job not found"', async () => {
    await page.goto(`${app.url}/jobs/${MISSING}`)
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Job not found/)
    expect(await page.getByRole('alert').textContent()).toContain(MISSING)
  })

  it('explains a refused key in terms of the proxy setting', async () => {
    await page.goto(`${app.url}/jobs/${REFUSED}`)
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/DISTRIBUTE_API_KEY/)
  })

  it('is not an open proxy: other paths and methods are refused before reaching the API', async () => {
    const before = upstream.requests.length
    const attempts: Array<[string, string, number]> = [
      ['POST', '/api/async/chat/create', 404],
      ['POST', '/api/async/video/result', 404],
      ['POST', '/api/anything', 404],
      ['POST', '/api/async/images/result/../../create', 404],
      ['POST', '/api/async/images/%2e%2e/create', 404],
      ['GET', '/api/async/images/result', 405],
    ]
    for (const [method, path, expected] of attempts) {
      const response = await fetch(`${app.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'POST' ? JSON.stringify({ id: JOB }) : undefined,
      })
      expect(response.status, `${method} ${path}`).toBe(expected)
      expect(await response.text()).not.toContain(API_KEY)
    }
    expect(upstream.requests.length).toBe(before)
  })
})
