// Issue 17's job-page items in the real app (dev server and proxy, stub upstream, Debian's Chromium):
// the watch control shows its state; one clock style on a page, each time naming its zone; a phone
// (375 px) gets no sideways scrolling, targets of at least 24 × 24 px, ids broken only at hyphens and
// the results within two screens; a status the API reports out of order is marked as going back;
// a cold open waits for a slow API only a moment, and the results sit above the Timeline.
// Screenshots at 1280 and 375 px land in .tmp/screenshots/.
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RunningApp, startApp } from './support/app-server.ts'
import { seriousAxeViolations } from './support/axe.ts'
import { launchChromium } from './support/chromium.ts'
import { type StubUpstream, json, startStubUpstream } from './support/stub-upstream.ts'

const API_KEY = 'polish-test-key-2b7d'
const WAITING = '3c5e7a9b-1d2f-4a6c-8e0b-2d4f6a8c0e1b'
const IMAGES = '4d6f8b0c-2e3a-4b7d-9f1c-3e5a7b9d1f2c'
const CHAT = '5e7a9c1d-3f4b-4c8e-a02d-4f6b8c0e2a3d'
const SPEECH = '6f8b0d2e-4a5c-4d9f-b13e-5a7c9d1f3b4e'
const BACKWARDS = '7a9c1e3f-5b6d-4e0a-824f-6b8d0e2a4c5f'
const SLOW = '8b0d2f4a-6c7e-4f1b-935a-7c9e1f3b5d6a'
const CREATED = '2025-05-17T07:00:24.027Z'
const FINISHED = '2025-05-17T07:01:31.527Z'
const LONG_TEXT = 'A harbour at dawn, fishing boats and gulls, soft light over the water. '.repeat(
  8,
)

let upstream: StubUpstream
let app: RunningApp
let browser: Browser
let page: Page
let pageErrors: string[]

beforeAll(async () => {
  upstream = await startStubUpstream()
  upstream.script(WAITING, () =>
    json(200, {
      id: WAITING,
      status: 'POSTPONED',
      created: CREATED,
      finished: null,
      model: 'x',
      results: [],
    }),
  )
  upstream.script(IMAGES, () =>
    json(200, {
      id: IMAGES,
      status: 'COMPLETED',
      created: CREATED,
      finished: FINISHED,
      model: 'stable-diffusion-xl-base-1.0-with-a-very-long-variant-name',
      results: [1, 2, 3].map((n) => ({
        url: upstream.imageUrl(`harbour-${n}`),
        revised_prompt: LONG_TEXT,
      })),
    }),
  )
  upstream.script(
    CHAT,
    () =>
      json(200, {
        id: CHAT,
        status: 'COMPLETED',
        created: CREATED,
        finished: FINISHED,
        model: 'Llama-3.1-8B-Instruct',
        service_tier: 'default',
        usage: { prompt_tokens: 412, completion_tokens: 96, total_tokens: 508 },
        results: [
          {
            index: 0,
            finish_reason: 'stop',
            message: { role: 'assistant', content: LONG_TEXT },
          },
        ],
      }),
    'chat',
  )
  upstream.script(
    SPEECH,
    () =>
      json(200, {
        id: SPEECH,
        status: 'COMPLETED',
        created: CREATED,
        finished: FINISHED,
        model: 'Chatterbox',
        results: [{ url: upstream.audioUrl('greeting') }],
      }),
    'speech',
  )
  // Finished, then — as after a restart of the API's story — CREATED again.
  upstream.script(BACKWARDS, (index) =>
    json(200, {
      id: BACKWARDS,
      status: index === 0 ? 'COMPLETED' : 'CREATED',
      created: CREATED,
      finished: index === 0 ? FINISHED : null,
      model: 'x',
      results: [],
    }),
  )
  upstream.script(SLOW, () => ({
    ...json(200, {
      id: SLOW,
      status: 'COMPLETED',
      created: CREATED,
      finished: FINISHED,
      model: 'x',
      results: [{ url: upstream.imageUrl('slow'), revised_prompt: 'A slow answer' }],
    }),
    delayMs: 6_000,
  }))
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
  await page.addInitScript(() => {
    class GrantedNotification {
      static permission: NotificationPermission = 'granted'
      static requestPermission(): Promise<NotificationPermission> {
        return Promise.resolve('granted')
      }
      close(): void {}
    }
    Object.defineProperty(window, 'Notification', { value: GrantedNotification })
  })
})

afterEach(async () => {
  await page.close()
  expect(pageErrors, 'uncaught errors in the page').toEqual([])
})

const backgroundOf = (target: Page, name: string) =>
  target
    .getByRole('button', { name, exact: true })
    .evaluate((element) => getComputedStyle(element).backgroundColor)

describe('the watch control', () => {
  it('looks on when on, says so with aria-pressed under a stable name, and turns off visibly', async () => {
    await page.goto(`${app.url}/jobs/${WAITING}`)
    const toggle = page.getByRole('button', { name: 'Notify me', exact: true })
    await toggle.waitFor()
    const off = await backgroundOf(page, 'Notify me')
    expect(await toggle.getAttribute('aria-pressed')).toBe('false')

    await toggle.click()
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true')
    const on = await backgroundOf(page, 'Notify me')
    expect(on).not.toBe(off)
    // Filled: not the background the other buttons have.
    expect(on).not.toBe(await backgroundOf(page, 'Refresh'))
    expect(await toggle.locator('svg').getAttribute('class')).toContain('lucide-check')
    await page.screenshot({ path: '.tmp/screenshots/watch-toggle-on.png' })
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      expect(await seriousAxeViolations(page), colorScheme).toEqual([])
    }

    await toggle.click()
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false')
    await page.emulateMedia({ colorScheme: 'light' })
    expect(await backgroundOf(page, 'Notify me')).toBe(off)
  })

  it('a batch row’s bell is filled when on, and at least 24 × 24 px', async () => {
    await page.goto(`${app.url}/batch?ids=${WAITING}`)
    const bell = page.getByRole('button', { name: `Notify me about ${WAITING}` })
    await bell.waitFor()
    const off = await bell.evaluate((element) => getComputedStyle(element).backgroundColor)
    await bell.click()
    await expect.poll(() => bell.getAttribute('aria-pressed')).toBe('true')
    expect(await bell.evaluate((element) => getComputedStyle(element).backgroundColor)).not.toBe(
      off,
    )
    const box = await bell.boundingBox()
    expect(box?.width).toBeGreaterThanOrEqual(24)
    expect(box?.height).toBeGreaterThanOrEqual(24)
    await bell.click()
    await expect.poll(() => bell.getAttribute('aria-pressed')).toBe('false')
  })
})

describe('times on the job page', () => {
  it('are written in one clock style, and each names its zone, in Local and in UTC', async () => {
    await page.goto(`${app.url}/jobs/${IMAGES}`)
    const timeline = page.getByRole('region', { name: 'Timeline' })
    await timeline.getByRole('row').nth(1).waitFor()
    const facts = page.locator('dl').first()
    const created = facts
      .locator('div')
      .filter({ hasText: /^Created/ })
      .locator('time')
    const clock = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /

    for (const zone of ['Local', 'UTC'] as const) {
      await page
        .getByRole('group', { name: 'Show times in' })
        .getByRole('button', { name: zone })
        .click()
      const fact = (await created.textContent()) ?? ''
      expect(fact).toMatch(new RegExp(`${clock.source}\\S+$`))
      const zoneName = fact.split(' ').at(-1) ?? ''
      // The timeline says its zone once, and its times are the same clock.
      expect(await timeline.textContent()).toContain(
        zone === 'UTC' ? 'Times in UTC.' : `Times in local time (${zoneName}).`,
      )
      const row = (await timeline.getByRole('row').nth(1).textContent()) ?? ''
      expect(row).toMatch(/^(\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d/)
      const api = (await timeline.getByText('Created (API):').locator('..').textContent()) ?? ''
      expect(api).toMatch(/Created \(API\):\s*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/)
      // The fact and the API line show the same instant the same way.
      expect(api).toContain(fact.replace(/ \S+$/, ''))
    }
  })

  it('"in POSTPONED" never says "for at least 0 s"', async () => {
    await page.goto(`${app.url}/jobs/${WAITING}`)
    const line = page.getByText(/^in POSTPONED /)
    await line.waitFor()
    expect(await line.textContent()).toMatch(
      /^in POSTPONED (since just now|for at least [1-9]\d* s)$/,
    )
  })
})

/** Controls in `main` smaller than 24 × 24 CSS px (WCAG 2.2 target size), with their text. */
function smallTargets(target: Page): Promise<string[]> {
  return target.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        'main a, main button, main input, main select, main summary, main [tabindex="0"]',
      ),
    ]
      .filter((element) => element.offsetParent !== null)
      .filter((element) => {
        const { width, height } = element.getBoundingClientRect()
        return width < 24 || height < 24
      })
      .map((element) => (element.textContent || element.getAttribute('aria-label') || '').trim()),
  )
}

/** Where a job id wraps: the character before each line break of the page heading's id. */
function idBreaks(target: Page): Promise<string[]> {
  return target.locator('#job-heading .font-mono').evaluate((element) => {
    const breaks: string[] = []
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    const chars: Array<{ char: string; top: number }> = []
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? ''
      for (let index = 0; index < text.length; index += 1) {
        const range = document.createRange()
        range.setStart(node, index)
        range.setEnd(node, index + 1)
        chars.push({ char: text[index] ?? '', top: Math.round(range.getBoundingClientRect().top) })
      }
    }
    chars.forEach((current, index) => {
      const previous = chars[index - 1]
      if (previous && current.top > previous.top) breaks.push(previous.char)
    })
    return breaks
  })
}

describe('on a phone (375 px)', () => {
  it.each([
    ['image', IMAGES],
    ['chat', CHAT],
    ['speech', SPEECH],
    ['waiting', WAITING],
  ])(
    'the %s job page: no sideways scrolling, targets ≥ 24 px, ids broken at hyphens, results within two screens',
    async (kind, id) => {
      await page.setViewportSize({ width: 375, height: 740 })
      await page.goto(`${app.url}/jobs/${id}`)
      const results = page.getByRole('heading', { name: /^Results/ })
      await results.waitFor()
      await page.getByRole('region', { name: 'Timeline' }).waitFor()

      expect(
        await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Infinity),
      ).toBeLessThanOrEqual(375)
      expect(await smallTargets(page)).toEqual([])
      const breaks = await idBreaks(page)
      expect(breaks.length).toBeGreaterThan(0)
      for (const char of breaks) expect(char).toBe('-')
      const top = await results.evaluate(
        (element) => element.getBoundingClientRect().top + window.scrollY,
      )
      expect(top).toBeLessThan(2 * 740)
      await page.screenshot({ path: `.tmp/screenshots/job-${kind}-phone.png`, fullPage: true })
      await page.setViewportSize({ width: 1280, height: 900 })
      await page.screenshot({ path: `.tmp/screenshots/job-${kind}-desktop.png`, fullPage: true })
    },
  )
})

describe('a status the API reports out of order', () => {
  it('is marked as going back in the Timeline, not shown as if the job went backwards', async () => {
    await page.goto(`${app.url}/jobs/${BACKWARDS}`)
    await page.getByRole('main').getByText('COMPLETED', { exact: true }).first().waitFor()
    await page.getByRole('button', { name: /^Refresh/ }).click()
    const timeline = page.getByRole('region', { name: 'Timeline' })
    const rows = timeline.getByRole('row').filter({ has: page.locator('td') })
    await expect.poll(() => rows.count()).toBe(2)
    expect(await rows.nth(1).textContent()).toMatch(
      /went back to CREATED — the API reported an earlier status/,
    )
    await page.screenshot({ path: '.tmp/screenshots/timeline-went-back.png', fullPage: true })
  })
})

describe('the first answer', () => {
  // main.tsx waits a moment for the answer before the first render (decision 021): never longer.
  it('a cold open while the API is slow shows the page and "Looking up the job…" long before the answer', async () => {
    await page.goto(`${app.url}/jobs/${SLOW}`, { waitUntil: 'commit' })
    await page.getByText('Looking up the job…').waitFor({ timeout: 4_000 })
    expect(await page.getByRole('link', { name: 'Jobscope' }).isVisible()).toBe(true)
    expect(await page.getByText('COMPLETED', { exact: true }).count()).toBe(0)
    await page.getByRole('main').getByText('COMPLETED', { exact: true }).first().waitFor()
    expect(await page.getByText('Looking up the job…').count()).toBe(0)
  })

  it('the results come before the Timeline, so the Timeline arriving never pushes them down', async () => {
    await page.goto(`${app.url}/jobs/${IMAGES}`)
    const timeline = page.getByRole('region', { name: 'Timeline' })
    await timeline.waitFor()
    const results = page.getByRole('region', { name: /^Results/ })
    const tops = await Promise.all(
      [results, timeline].map((region) =>
        region.evaluate((element) => element.getBoundingClientRect().top),
      ),
    )
    expect(tops[0]).toBeLessThan(tops[1] ?? 0)
  })
})
