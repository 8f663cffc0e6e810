// Issue 9's watch list, timeline and Recent in the real app (dev server and proxy, stub upstream,
// Debian's Chromium): a watched job that ends while the person is on another page brings exactly one
// system notification (stubbed in the page), a toast, the tab title and the icon dot; the timeline
// of a job that moves through four statuses; a batch is one entry in Recent. axe on each new surface,
// light and dark.
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RunningApp, startApp } from './support/app-server.ts'
import { seriousAxeViolations } from './support/axe.ts'
import { launchChromium } from './support/chromium.ts'
import {
  type StubUpstream,
  json,
  progressingJob,
  startStubUpstream,
} from './support/stub-upstream.ts'
import { jobUrl } from './support/urls.ts'

const API_KEY = 'watch-test-key-3c9d'
const WATCHED = '5a7c9e1b-3d5f-4b7d-9f1a-3c5e7a9b1d30'
const FOUR_STEPS = '6b8d0f2c-4e6a-4c8e-a02b-4d6f8b0c2e41'
const BATCH = [
  '7c9e1a3d-5f7b-4d9f-b13c-5e7a9c1d3f52',
  '8d0f2b4e-6a8c-4e0a-824d-6f8b0d2e4a63',
  '9e1a3c5f-7b9d-4f1b-935e-7a9c1e3f5b74',
]

let upstream: StubUpstream
let app: RunningApp
let browser: Browser
let page: Page
let pageErrors: string[]
/** Flipped by the test: the watched job answers COMPLETED from then on. */
let watchedDone = false

beforeAll(async () => {
  upstream = await startStubUpstream()
  upstream.script(WATCHED, () =>
    json(200, {
      id: WATCHED,
      status: watchedDone ? 'COMPLETED' : 'PROCESSING',
      created: '2025-05-17T07:00:24.027Z',
      finished: watchedDone ? '2025-05-17T07:01:31.527Z' : null,
      model: 'Flux.1 [dev]',
      results: watchedDone ? [{ url: upstream.imageUrl('done'), revised_prompt: 'A fox' }] : [],
    }),
  )
  upstream.script(
    FOUR_STEPS,
    progressingJob(
      FOUR_STEPS,
      ['CREATED', 'QUEUED', 'PROCESSING', 'COMPLETED'],
      [{ url: upstream.imageUrl('four'), revised_prompt: 'A lighthouse in a storm' }],
    ),
  )
  for (const id of BATCH) {
    upstream.script(id, (index) =>
      json(200, {
        id,
        status: index === 0 ? 'PROCESSING' : 'COMPLETED',
        created: '2025-05-17T07:00:24.027Z',
        finished: index === 0 ? null : '2025-05-17T07:00:31.527Z',
        model: 'Flux.1 [dev]',
        results: [],
      }),
    )
  }
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
  page.on('pageerror', (error) => pageErrors.push(error.message))
})

afterEach(async () => {
  await page.close()
  expect(pageErrors, 'uncaught errors in the page').toEqual([])
})

interface SeenNotification {
  title: string
  body: string
  tag: string
}

/** A Notification API that records what the app shows, and grants permission when asked. */
async function stubNotifications(target: Page): Promise<void> {
  await target.addInitScript(() => {
    const record = window as unknown as {
      seenNotifications: Array<{ title: string; body: string; tag: string }>
      permissionAsks: number
      lastNotification: { onclick: ((event: Event) => void) | null } | undefined
    }
    record.seenNotifications = []
    record.permissionAsks = 0
    class StubNotification {
      static permission: NotificationPermission = 'default'
      static requestPermission(): Promise<NotificationPermission> {
        record.permissionAsks += 1
        StubNotification.permission = 'granted'
        return Promise.resolve('granted')
      }
      onclick: ((event: Event) => void) | null = null
      constructor(title: string, options?: NotificationOptions) {
        record.seenNotifications.push({
          title,
          body: options?.body ?? '',
          tag: options?.tag ?? '',
        })
        record.lastNotification = this
      }
      close(): void {}
    }
    Object.defineProperty(window, 'Notification', { value: StubNotification, configurable: true })
  })
}

const seenNotifications = () =>
  page.evaluate(
    () => (window as unknown as { seenNotifications: SeenNotification[] }).seenNotifications,
  )
const permissionAsks = () =>
  page.evaluate(() => (window as unknown as { permissionAsks: number }).permissionAsks)

async function axeLightAndDark(label: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    expect(await seriousAxeViolations(page), `${label}, ${colorScheme}`).toEqual([])
    await page.screenshot({ path: `.tmp/screenshots/${label}-${colorScheme}.png` })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

describe('watch list and notifications', () => {
  it('tells once, with a notification, a toast, the tab title and the icon, when a watched job ends on another page', async () => {
    watchedDone = false
    await stubNotifications(page)
    await page.goto(`${app.url}/jobs/${WATCHED}`)
    const main = page.getByRole('main')
    await main.getByText('PROCESSING', { exact: true }).first().waitFor()
    expect(await permissionAsks(), 'no permission prompt on load').toBe(0)

    const toggle = page.getByRole('button', { name: 'Notify me' })
    expect(await toggle.getAttribute('aria-pressed')).toBe('false')
    await toggle.click()
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true')
    expect(await permissionAsks()).toBe(1)
    const watching = page.getByRole('button', { name: /^Watching \(1\)/ })
    await watching.waitFor()
    await page.screenshot({ path: '.tmp/screenshots/job-notify-me.png' })
    await page.setViewportSize({ width: 390, height: 844 })
    await page.screenshot({ path: '.tmp/screenshots/job-notify-me-phone.png', fullPage: true })
    await page.setViewportSize({ width: 1280, height: 900 })

    // Somewhere else in the app; the job ends while the person is there.
    await page.getByRole('link', { name: 'Batch lookup' }).click()
    await page.waitForURL(`${app.url}/batch`)
    watchedDone = true

    await expect.poll(seenNotifications, { timeout: 20_000 }).toHaveLength(1)
    const [notification] = await seenNotifications()
    expect(`${notification?.title} ${notification?.body}`).toContain('COMPLETED')
    expect(`${notification?.title} ${notification?.body}`).toContain(WATCHED)

    const toast = page.getByRole('status').filter({ hasText: `Job ${WATCHED}` })
    await toast.waitFor()
    expect(await toast.textContent()).toContain('ended: COMPLETED')
    expect(await page.title()).toMatch(/^● COMPLETED 5a7c9e1b · /)
    expect(await page.locator('link[rel~="icon"]').getAttribute('href')).toBe('/favicon-green.svg')
    expect(await page.getByRole('button', { name: /^Watching \(0\)/ }).textContent()).toContain(
      '1 ended',
    )

    await page.getByRole('button', { name: /^Watching/ }).click()
    const panel = page.getByRole('region', { name: 'Watching' })
    expect(await panel.getByText('COMPLETED', { exact: true }).count()).toBe(1)
    await axeLightAndDark('watching-open-and-toast')
    await page.keyboard.press('Escape')

    // Still exactly one, however long the person stays.
    await page.waitForTimeout(3_000)
    expect(await seenNotifications()).toHaveLength(1)

    // Clicking the notification brings the person to the job, and the news is read.
    await page.evaluate(() =>
      (
        window as unknown as { lastNotification: { onclick: (event: Event) => void } }
      ).lastNotification.onclick(new Event('click', { cancelable: true })),
    )
    await page.waitForURL(jobUrl(`${app.url}/jobs/${WATCHED}`))
    await expect.poll(() => toast.count()).toBe(0)
    expect(await page.locator('link[rel~="icon"]').getAttribute('href')).toBe('/favicon.svg')
  })
})

describe('timeline', () => {
  it('lists the four statuses a job moved through, with gaps, and keeps them across a reload', async () => {
    await page.goto(`${app.url}/jobs/${FOUR_STEPS}`)
    const timeline = page.getByRole('region', { name: 'Timeline' })
    const rows = timeline.getByRole('row').filter({ has: page.locator('td') })
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(4)
    const texts = await rows.allTextContents()
    expect(texts.map((text) => /[A-Z_]{4,}/.exec(text)?.[0])).toEqual([
      'CREATED',
      'QUEUED',
      'PROCESSING',
      'COMPLETED',
    ])
    expect(texts[0]).toMatch(/^\d\d:\d\d:\d\d\s*CREATED \(first seen\)$/)
    for (const text of texts.slice(1)) expect(text).toMatch(/ \+\d+ (ms|s)$/)
    expect(await timeline.textContent()).toContain('not the API’s own history')
    expect(await timeline.textContent()).toContain('Created (API):')
    await axeLightAndDark('timeline')

    // A reload loads the page again (under the dev server, module by module): as long as the first
    // visit may take, not expect.poll's 1 s, which a busy machine overran.
    await page.reload()
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(4)
    await page
      .getByRole('group', { name: 'Show times in' })
      .getByRole('button', { name: 'UTC' })
      .click()
    expect(await rows.first().textContent()).toMatch(/^\d\d:\d\d:\d\d UTC/)
  })
})

describe('Recent', () => {
  it('remembers a batch as one entry that leads back to it', async () => {
    await page.goto(`${app.url}/batch?ids=${BATCH.join(',')}`)
    const filters = page.getByRole('group', { name: 'Filter by status' })
    await expect.poll(() => filters.textContent(), { timeout: 20_000 }).toMatch(/3\s*COMPLETED/)

    await page.getByRole('link', { name: 'Jobscope' }).click()
    const recent = page.getByRole('region', { name: 'Recent' })
    const batch = recent.getByRole('link', { name: 'Batch of 3 · 3 final' })
    await batch.waitFor()
    expect(await recent.getByRole('link').count()).toBe(1)
    // The link carries each id's kind (all images: "0" each), so reopening asks images only.
    expect(await batch.getAttribute('href')).toBe(`/batch?ids=${BATCH.join(',')}&kinds=000`)
    await page.screenshot({ path: '.tmp/screenshots/recent-batch.png', fullPage: true })

    await page.reload()
    await batch.waitFor()
    await batch.click()
    await page.waitForURL(`${app.url}/batch?ids=${BATCH.join(',')}&kinds=000`)
  })
})
