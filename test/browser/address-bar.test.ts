// Jobscope from the address bar, and installable: the OpenSearch description index.html links, its
// template opened with what the Job ID box takes (an id, a URL, a log line, several ids, garbage), and
// the web app manifest with its icons — under `npm start` and behind nginx as `npm run serve` runs it
// (its CSP included), in real Chromium.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, CDPSession, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt } from '../../scripts/nginx-runtime.ts'
import { demoJobs } from '../../src/lib/demo-jobs.ts'
import { type RunningApp, startApp } from './support/app-server.ts'
import { launchChromium, launchChromiumProfile } from './support/chromium.ts'
import { type RunningNginx, startNginx } from './support/nginx.ts'
import { jobUrl } from './support/urls.ts'

function demoId(scenario: string): string {
  const job = demoJobs.find((candidate) => candidate.scenario === scenario)
  if (!job) throw new Error(`no demo job for ${scenario}`)
  return job.id
}

const ID = demoId('completes')
const OTHER = demoId('error')

let browser: Browser

beforeAll(async () => {
  ensureBuilt({ quiet: true })
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

interface Watched {
  page: Page
  cdp: CDPSession
  /** CSP violations and uncaught errors seen so far. */
  problems: string[]
}

function openWatched(width = 1280, height = 800): Promise<Watched> {
  return browser.newPage({ viewport: { width, height } }).then(watch)
}

async function watch(page: Page): Promise<Watched> {
  const problems: string[] = []
  // Init scripts are injected by the browser itself, so the CSP does not block them.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`)
    })
  })
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('console', (message) => {
    if (/content.security.policy|CSP violation/i.test(message.text())) problems.push(message.text())
  })
  return { page, cdp: await page.context().newCDPSession(page), problems }
}

/** What Chromium's OpenSearch fetcher would read: the linked description's text/html template. */
async function searchTemplate(page: Page): Promise<string> {
  const link = page.locator('link[rel="search"]')
  expect(await link.getAttribute('type')).toBe('application/opensearchdescription+xml')
  expect(await link.getAttribute('title')).toBe('Jobscope')
  const href = await link.evaluate((element: HTMLLinkElement) => element.href)
  const described = await page.evaluate(async (url) => {
    const response = await fetch(url)
    const xml = new DOMParser().parseFromString(await response.text(), 'application/xml')
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      parseError: xml.querySelector('parsererror')?.textContent ?? null,
      root: xml.documentElement.localName,
      shortName: xml.querySelector('ShortName')?.textContent,
      template: xml.querySelector('Url[type="text/html"]')?.getAttribute('template'),
    }
  }, href)
  expect(described).toMatchObject({
    status: 200,
    parseError: null,
    root: 'OpenSearchDescription',
    shortName: 'Jobscope',
  })
  expect(described.type).toMatch(/^application\/opensearchdescription\+xml/)
  return described.template ?? ''
}

/** The search address for `text`, as a browser fills the template (spaces as `+`). */
const fill = (template: string, text: string) =>
  template.replace('{searchTerms}', encodeURIComponent(text).replaceAll('%20', '+'))

interface Manifest {
  name: string
  short_name: string
  start_url: string
  display: string
  icons: Array<{ src: string; sizes: string; type: string }>
}

/**
 * What follows a full page load gets a page load's time, not expect.poll's 1 s: under `npm start` the
 * dev server compiles a route's code on its first request (the batch page took over 1 s once in a
 * clean run on 2 busy cores).
 */
const PAGE_LOAD = { timeout: 20_000 }

function addressBarChecks(server: () => { url: string }, name: string) {
  it('links an OpenSearch description whose template is this site’s /search', async () => {
    const { page, problems } = await openWatched()
    await page.goto(server().url)
    expect(await searchTemplate(page)).toBe(`${server().url}/search?q={searchTerms}`)
    expect(problems).toEqual([])
    await page.close()
  })

  it.each<[string, string, RegExp]>([
    ['an id', ID, jobUrl(`/jobs/${ID}`)],
    [
      'a URL holding an id',
      `https://dashboard.distribute.ai/jobs/${ID}?tab=images#top`,
      jobUrl(`/jobs/${ID}`),
    ],
    [
      'a log line',
      `2025-05-17T07:00:24Z INFO image job queued job_id=${ID.toUpperCase()} user=42`,
      jobUrl(`/jobs/${ID}`),
    ],
    ['several ids', `${ID}, ${OTHER}`, new RegExp(`/batch\\?ids=${ID},${OTHER}(&kinds=\\w+)?$`)],
  ])('opens the right page for %s typed after the shortcut', async (_, text, expected) => {
    const { page, problems } = await openWatched()
    await page.goto(server().url)
    const template = await searchTemplate(page)
    const before = await page.evaluate(() => history.length)
    await page.goto(fill(template, text))
    await page.waitForURL(expected)
    if (expected.source.includes('jobs')) {
      const status = page.locator('[aria-live="polite"]').filter({ hasText: /Status/ })
      await expect.poll(() => status.textContent(), PAGE_LOAD).toMatch(/COMPLETED/)
    } else {
      await expect.poll(() => page.getByRole('table').getByRole('row').count(), PAGE_LOAD).toBe(3)
    }
    // The search address was replaced, not kept in the history: Back returns to the page before.
    expect(await page.evaluate(() => history.length)).toBe(before + 1)
    expect(problems).toEqual([])
    await page.close()
  })

  it('shows the Job ID box’s own message for text with no id in it, at 1280 and 375 px', async () => {
    for (const [width, height] of [
      [1280, 800],
      [375, 740],
    ] as const) {
      const { page, problems } = await openWatched(width, height)
      await page.goto(server().url)
      const template = await searchTemplate(page)
      await page.goto(fill(template, 'why did job 3f2b8c1e fail'))
      const box = page.getByRole('textbox', { name: 'Job ID' })
      await expect.poll(() => box.inputValue(), PAGE_LOAD).toBe('why did job 3f2b8c1e fail')
      await expect
        .poll(() => page.getByRole('alert').textContent(), PAGE_LOAD)
        .toMatch(/invalid job id: expected a UUID/)
      expect(await box.getAttribute('aria-invalid')).toBe('true')
      expect(new URL(page.url()).pathname).toBe('/search')
      // The rest of the home page comes with it (in demo mode, the demo jobs).
      await expect
        .poll(() => page.getByRole('link', { name: ID }).isVisible(), PAGE_LOAD)
        .toBe(true)
      await page.screenshot({ path: `.tmp/screenshots/search-no-id-${name}-${width}.png` })
      expect(problems).toEqual([])
      await page.close()
    }
  })

  it('has a manifest that installs Jobscope, with icons of the sizes it declares', async () => {
    // A real profile: an off-the-record context cannot install apps ("in-incognito").
    const profile = mkdtempSync(join(tmpdir(), 'jobscope-profile-'))
    const context = await launchChromiumProfile(profile)
    const { page, cdp, problems } = await watch(await context.newPage())
    await page.goto(server().url)
    expect(await page.locator('link[rel="manifest"]').getAttribute('crossorigin')).toBe(
      'use-credentials',
    )
    const { url, errors, data } = await cdp.send('Page.getAppManifest', {})
    expect(url).toBe(`${server().url}/manifest.webmanifest`)
    expect(errors).toEqual([])
    const manifest = JSON.parse(data ?? '{}') as Manifest
    expect(manifest).toMatchObject({
      name: 'Jobscope',
      short_name: 'Jobscope',
      start_url: '/',
      display: 'standalone',
    })
    const served = await page.request.get(`${server().url}/manifest.webmanifest`)
    expect(served.headers()['content-type']).toMatch(/^application\/manifest\+json/)
    for (const icon of manifest.icons) {
      const [width, height] = icon.sizes.split('x').map(Number)
      // Loaded as an image by the page itself, under its CSP...
      const loaded = await page.evaluate(async (src) => {
        const image = new Image()
        image.src = src
        await image.decode()
        return { width: image.naturalWidth, height: image.naturalHeight }
      }, icon.src)
      expect(loaded, icon.src).toEqual({ width, height })
      // ...and served as the PNG it says it is.
      const png = await (await page.request.get(new URL(icon.src, server().url).href)).body()
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([width, height])
    }
    // Chromium's own verdict: nothing stands in the way of installing it.
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors')
    expect(installabilityErrors).toEqual([])
    expect(problems).toEqual([])
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  })
}

describe('under npm start (the dev server, demo upstream)', () => {
  let app: RunningApp

  beforeAll(async () => {
    app = await startApp()
  })

  afterAll(async () => {
    await app?.stop()
  })

  addressBarChecks(() => app, 'dev')
})

describe('behind nginx as npm run serve runs it (demo upstream, its CSP)', () => {
  let nginx: RunningNginx

  beforeAll(async () => {
    nginx = await startNginx({})
  })

  afterAll(async () => {
    await nginx?.stop()
  })

  addressBarChecks(() => nginx, 'nginx')
})
