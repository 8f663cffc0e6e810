// The real app on the built-in demo upstream (no key), in real Chromium: what a support person does.
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { demoJobs } from '../../src/lib/demo-jobs.ts'
import { seriousAxeViolations } from './support/axe.ts'
import { launchChromium } from './support/chromium.ts'
import { jobUrl } from './support/urls.ts'
import { type RunningApp, startApp } from './support/app-server.ts'

function demoId(scenario: string): string {
  const job = demoJobs.find((candidate) => candidate.scenario === scenario)
  if (!job) throw new Error(`no demo job for ${scenario}`)
  return job.id
}

let app: RunningApp
let browser: Browser
let page: Page
let pageErrors: string[]

beforeAll(async () => {
  browser = await launchChromium()
  app = await startApp()
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
})

afterEach(async () => {
  await page.close()
  expect(pageErrors, 'uncaught errors in the page').toEqual([])
})

describe('demo mode', () => {
  it('says so at start-up and in the header, and lists the demo jobs on the home page', async () => {
    expect(app.output()).toMatch(/DEMO mode/)
    await page.goto(app.url)
    await expect.poll(() => page.getByText('Demo data').isVisible()).toBe(true)
    for (const job of demoJobs) {
      await expect.poll(() => page.getByRole('link', { name: job.id }).count()).toBe(1)
    }
  })

  it('looks up a pasted log line, watches the job reach COMPLETED and opens the lightbox', async () => {
    const id = demoId('completes')
    await page.goto(app.url)
    await page
      .getByLabel('Job ID')
      .fill(`  2025-05-17T07:00:24Z INFO image job queued job_id=${id.toUpperCase()} user=42 `)
    await page.getByRole('button', { name: 'Look up' }).click()
    await page.waitForURL(jobUrl(`${app.url}/jobs/${id}`))

    const liveRegion = page.locator('[aria-live="polite"]').filter({ hasText: /Status/ })
    await expect.poll(() => liveRegion.textContent(), { timeout: 20_000 }).toMatch(/COMPLETED/)
    expect(await page.title()).toBe('COMPLETED · Jobscope')

    const images = page.getByRole('main').getByRole('img')
    await expect.poll(() => images.count()).toBe(4)
    // Real pixels arrived (lazy images scrolled into view first).
    for (const image of await images.all()) {
      await image.scrollIntoViewIfNeeded()
      await expect
        .poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth))
        .toBeGreaterThan(0)
      expect((await image.getAttribute('alt'))?.length ?? 0).toBeGreaterThan(20)
    }
    // Created and finished in the facts (the Timeline has times of its own).
    const timelineTimes = await page
      .getByRole('region', { name: 'Timeline' })
      .locator('time[datetime]')
      .count()
    expect(await page.locator('time[datetime]').count()).toBe(2 + timelineTimes)

    await page.getByRole('button', { name: 'Open image 1 of 4 larger' }).click()
    const dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.isVisible()).toBe(true)
    expect(await dialog.getByText('Image 1 of 4').isVisible()).toBe(true)
    await page.keyboard.press('ArrowRight')
    expect(await dialog.getByText('Image 2 of 4').isVisible()).toBe(true)
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft')
    expect(await dialog.getByText('Image 4 of 4').isVisible()).toBe(true)
    expect(await dialog.getByRole('link', { name: 'Open original' }).getAttribute('href')).toMatch(
      /^http:\/\/.+\.png$/,
    )
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.isVisible()).toBe(false)

    await page.screenshot({ path: '.tmp/screenshots/demo-completed.png', fullPage: true })
  })

  it('shows "Job not found" with the id for a 404, and stays usable', async () => {
    const missing = demoId('not-found')
    await page.goto(`${app.url}/jobs/${missing}`)
    const alert = page.getByRole('alert')
    await expect.poll(() => alert.textContent()).toMatch(/Job not found/)
    expect(await alert.textContent()).toContain(missing)

    const other = demoId('expired-image')
    await page.getByLabel('Job ID').fill(other)
    await page.getByRole('button', { name: 'Look up' }).click()
    await expect
      .poll(() => page.locator('[aria-live="polite"]').first().textContent())
      .toMatch(/COMPLETED/)
    // One of its two links has expired: the gallery says so instead of a broken image.
    await expect
      .poll(() => page.getByText('image unavailable — the link may have expired').count())
      .toBe(1)
  })

  it('rejects an invalid id inline without a request', async () => {
    await page.goto(app.url)
    let apiCalls = 0
    page.on('request', (request) => {
      // The proxy's path, not the dev server's modules (/src/api/…, loaded as the page needs them).
      if (new URL(request.url()).pathname.startsWith('/api/')) apiCalls += 1
    })
    await page.getByLabel('Job ID').fill('not-a-job-id')
    await page.getByRole('button', { name: 'Look up' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/invalid/)
    expect(page.url()).toBe(`${app.url}/`)
    expect(apiCalls).toBe(0)
  })

  it('survives reload and browser back/forward on job pages', async () => {
    const first = demoId('expired-image')
    const second = demoId('error')
    const heading = () => page.getByRole('heading', { level: 1 }).textContent()
    // A page load (under the dev server, module by module) may take longer than expect.poll's 1 s.
    await page.goto(`${app.url}/jobs/${first}`)
    await expect.poll(heading, { timeout: 10_000 }).toContain(first)
    await page.reload()
    await expect.poll(heading, { timeout: 10_000 }).toContain(first)
    await page.getByLabel('Job ID').fill(second)
    await page.keyboard.press('Enter')
    await page.waitForURL(jobUrl(`/jobs/${second}`))
    await page.goBack()
    await page.waitForURL(jobUrl(`/jobs/${first}`))
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(first)
    await page.goForward()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(second)
  })

  it('has no serious accessibility violations on the home page and a job page (light and dark)', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      await page.goto(app.url)
      await page.getByRole('heading', { name: 'Demo jobs' }).waitFor()
      expect(await seriousAxeViolations(page), `home, ${colorScheme}`).toEqual([])

      await page.goto(`${app.url}/jobs/${demoId('expired-image')}`)
      await expect.poll(() => page.getByRole('main').getByRole('img').count()).toBe(1)
      expect(await seriousAxeViolations(page), `job page, ${colorScheme}`).toEqual([])

      await page.goto(`${app.url}/jobs/${demoId('unknown-status')}`)
      await page.getByText('CANCELLED_BY_OPERATOR', { exact: true }).waitFor()
      expect(await seriousAxeViolations(page), `unknown status, ${colorScheme}`).toEqual([])
    }
  })

  it('fits a phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 375, height: 800 })
    await page.goto(`${app.url}/jobs/${demoId('expired-image')}`)
    await expect
      .poll(() => page.locator('[aria-live="polite"]').first().textContent())
      .toMatch(/COMPLETED/)
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    await page.screenshot({ path: '.tmp/screenshots/phone-job.png', fullPage: true })
  })
})
