// Issue 17's batch and Recent items in the real app (dev server and proxy, stub upstream, Debian's
// Chromium): invalid tokens listed as pasted come back from Recent and from the link; at 1280 px the
// table fits (no column cut off, no row taller than 72 px, long texts shortened with the whole of
// them at hand); at 375 px no sideways scrolling, targets of at least 24 × 24 px and a visible sort
// choice; chat, speech and unfinished jobs show their kind's icon where an image would be.
// Screenshots at 1280 and 375 px, light and dark, land in .tmp/screenshots/.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RunningApp, startApp } from './support/app-server.ts'
import { seriousAxeViolations } from './support/axe.ts'
import { launchChromium } from './support/chromium.ts'
import { type StubUpstream, json, startStubUpstream } from './support/stub-upstream.ts'

const API_KEY = 'batch-polish-key-7c1e'
const IMAGE = '1a2b3c4d-0001-4a00-8b00-00000000a001'
const CHAT = '1a2b3c4d-0002-4a00-8b00-00000000a002'
const SPEECH = '1a2b3c4d-0003-4a00-8b00-00000000a003'
const RUNNING = '1a2b3c4d-0004-4a00-8b00-00000000a004'
const QUEUED_CHAT = '1a2b3c4d-0005-4a00-8b00-00000000a005'
const FAILED = '1a2b3c4d-0006-4a00-8b00-00000000a006'
const MISSING = '1a2b3c4d-0007-4a00-8b00-00000000a007'
const IDS = [IMAGE, CHAT, SPEECH, RUNNING, QUEUED_CHAT, FAILED, MISSING]
/** Looks like an id, is not one: letters glued to its hex run, and a version-1 UUID. */
const GLUED = 'zz0e9f4a-2b7c-4a18-a3e5-9f1c7b2d8e06'
const NOT_V4 = '3f2b8c1e-7a4d-1e6f-9b1a-2c5d8e0f4a71'
const LONG_MODEL = 'stable-diffusion-xl-base-1.0-with-a-very-long-variant-name-and-a-date-2025-05'
const LONG_ANSWER = [
  `Thanks for waiting. ${'Your parcel left the depot this morning and is on its way to the pick-up point you chose; '.repeat(6)}`,
  'A second paragraph that a table cell never needs to show.',
].join('\n')
const CREATED = '2025-05-17T07:00:24.000Z'
const FINISHED = '2025-05-17T07:00:41.000Z'

let upstream: StubUpstream
let app: RunningApp
let browser: Browser
let context: BrowserContext
let page: Page
let pageErrors: string[]

beforeAll(async () => {
  upstream = await startStubUpstream()
  const base = (id: string, status: string) => ({
    id,
    status,
    created: CREATED,
    finished: status === 'COMPLETED' || status === 'ERROR' ? FINISHED : null,
  })
  upstream.script(IMAGE, () =>
    json(200, {
      ...base(IMAGE, 'COMPLETED'),
      model: LONG_MODEL,
      results: [{ url: upstream.imageUrl('harbour'), revised_prompt: 'A harbour at dawn' }],
    }),
  )
  upstream.script(
    CHAT,
    () =>
      json(200, {
        ...base(CHAT, 'COMPLETED'),
        model: 'Llama-3.1-8B-Instruct',
        usage: { prompt_tokens: 1200, completion_tokens: 345, total_tokens: 1545 },
        choices: [
          { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: LONG_ANSWER } },
        ],
      }),
    'chat',
  )
  upstream.script(
    SPEECH,
    () =>
      json(200, {
        ...base(SPEECH, 'COMPLETED'),
        model: 'kokoro-82m',
        results: [{ url: upstream.audioUrl('hello') }],
      }),
    'speech',
  )
  upstream.script(RUNNING, () =>
    json(200, { ...base(RUNNING, 'PROCESSING'), model: 'Flux.1 [dev]', results: [] }),
  )
  upstream.script(
    QUEUED_CHAT,
    () => json(200, { ...base(QUEUED_CHAT, 'QUEUED'), model: 'Llama-3.1-8B-Instruct' }),
    'chat',
  )
  upstream.script(FAILED, () =>
    json(200, { ...base(FAILED, 'ERROR'), model: 'Flux.1 [dev]', results: [] }),
  )
  browser = await launchChromium()
  app = await startApp({ DISTRIBUTE_API_KEY: API_KEY, DISTRIBUTE_API_URL: upstream.url })
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await upstream?.close()
})

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })
  page = await context.newPage()
  pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
})

afterEach(async () => {
  await context.close()
  expect(pageErrors, 'uncaught errors in the page').toEqual([])
})

const rows = (target: Page) => target.locator('tbody tr[data-row-group]')

/** Pastes the batch (with its two invalid tokens) and waits until every row has answered. */
async function openBatch(target: Page): Promise<void> {
  await target.goto(`${app.url}/batch`)
  await target
    .getByLabel('Job IDs')
    .fill(`from the ticket: ${IDS.join(', ')}\nand ${GLUED}, ${NOT_V4}`)
  await target.getByRole('button', { name: 'Look up all' }).click()
  await expect.poll(() => rows(target).count(), { timeout: 10_000 }).toBe(IDS.length)
  await expect
    .poll(() => rows(target).and(target.locator('[data-row-group="waiting"]')).count(), {
      timeout: 20_000,
    })
    .toBe(0)
}

const listedTokens = (target: Page) => target.locator('#batch-feedback li').allTextContents()

describe('invalid tokens', () => {
  it('are listed as pasted, and come back from Recent and from the link in a new session', async () => {
    await openBatch(page)
    expect(await listedTokens(page)).toEqual([GLUED, NOT_V4])
    const link = page.url()

    // Recent, after the box has been emptied: its entry brings the list and its tokens back.
    await page.goto(app.url)
    const entry = page
      .getByRole('region', { name: 'Recent' })
      .getByRole('link', { name: /^Batch of 7/ })
    await entry.click()
    await expect.poll(() => rows(page).count(), { timeout: 10_000 }).toBe(IDS.length)
    expect(await listedTokens(page)).toEqual([GLUED, NOT_V4])
    expect(await page.locator('#batch-feedback').textContent()).toContain(
      '2 tokens looked like ids but are invalid',
    )

    // The link, opened by someone else (a fresh browser context: no storage of this one).
    const other = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const recipient = await other.newPage()
    await recipient.goto(link)
    await expect.poll(() => rows(recipient).count(), { timeout: 10_000 }).toBe(IDS.length)
    expect(await listedTokens(recipient)).toEqual([GLUED, NOT_V4])
    await other.close()
  })
})

describe('at 1280 px', () => {
  it('the table fits: no column cut off, rows at most 72 px, long texts shortened but at hand', async () => {
    await openBatch(page)
    await page.screenshot({ path: '.tmp/screenshots/batch-polish-1280.png', fullPage: true })
    const layout = await page.evaluate(() => {
      const table = document.querySelector('table')
      const frame = table?.parentElement
      const right = frame?.getBoundingClientRect().right ?? 0
      return {
        scrolls: frame ? frame.scrollWidth > frame.clientWidth : true,
        pageScrolls: document.documentElement.scrollWidth > window.innerWidth,
        cellsOut: [...document.querySelectorAll('thead th, tbody td')].filter(
          (cell) => cell.getBoundingClientRect().right > right + 0.5,
        ).length,
        heights: [...document.querySelectorAll('tbody tr[data-row-group]')].map((row) =>
          Math.round(row.getBoundingClientRect().height),
        ),
      }
    })
    expect(layout.scrolls).toBe(false)
    expect(layout.pageScrolls).toBe(false)
    expect(layout.cellsOut).toBe(0)
    for (const height of layout.heights) expect(height).toBeLessThanOrEqual(72)

    // The chat preview: at most two lines, the whole first line on hover and on focus.
    const preview = rows(page)
      .nth(1)
      .getByText(/^Thanks for waiting/)
    const lines = await preview.evaluate(
      (element) =>
        element.getBoundingClientRect().height /
        parseFloat(getComputedStyle(element).lineHeight || '16'),
    )
    expect(Math.round(lines)).toBeLessThanOrEqual(2)
    // the preview's whole text (the answer's first line, up to 300 characters) is its title
    const title = (await preview.getAttribute('title')) ?? ''
    expect(title).toBe(await preview.textContent())
    expect(title.length).toBeGreaterThan(250)
    expect(LONG_ANSWER.startsWith(title)).toBe(true)
    await preview.focus()
    expect(await preview.evaluate((element) => element === document.activeElement)).toBe(true)

    // The long model name: shortened, its full name in the title and for assistive technology.
    const model = rows(page).first().locator('td').nth(3)
    expect(await model.getAttribute('title')).toBe(LONG_MODEL)
    const cut = await model.evaluate((cell) => {
      const inner = cell.querySelector('div') ?? cell
      return inner.scrollWidth > inner.clientWidth
    })
    expect(cut).toBe(true)

    // off "Look up all": its dark hover colour is another matter (white on blue-500)
    await page.mouse.move(0, 0)
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      await page.screenshot({
        path: `.tmp/screenshots/batch-polish-1280-${colorScheme}.png`,
        fullPage: true,
      })
      expect(await seriousAxeViolations(page), colorScheme).toEqual([])
    }
  })
})

/** Controls in `main` smaller than 24 × 24 CSS px (WCAG 2.2 target size), with their text. */
function smallTargets(target: Page): Promise<string[]> {
  return target.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        'main a, main button, main input, main select, main textarea, main summary, main [tabindex="0"]',
      ),
    ]
      .filter((element) => element.offsetParent !== null && !element.closest('.sr-only'))
      .filter((element) => {
        const { width, height } = element.getBoundingClientRect()
        return width < 24 || height < 24
      })
      .map((element) => (element.textContent || element.getAttribute('aria-label') || '').trim()),
  )
}

describe('on a phone (375 px)', () => {
  it('no sideways scrolling, every control at least 24 × 24 px, and the sort a choice in view', async () => {
    await page.setViewportSize({ width: 375, height: 812 })
    await openBatch(page)
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0)
    // nothing in the page scrolls sideways on its own either (the old header row did)
    const sideways = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((element) => element.closest('.sr-only') === null)
        .filter((element) => {
          const style = getComputedStyle(element)
          return (
            ['auto', 'scroll'].includes(style.overflowX) &&
            element.scrollWidth > element.clientWidth
          )
        })
        .map((element) => element.tagName),
    )
    expect(sideways).toEqual([])
    expect(await smallTargets(page)).toEqual([])
    // the kinds of controls the page has are all there and were measured
    const main = page.getByRole('main')
    expect(await main.getByRole('link', { name: IMAGE }).isVisible()).toBe(true)
    expect(await main.getByRole('button', { name: `Notify me about ${RUNNING}` }).isVisible()).toBe(
      true,
    )
    expect(await main.getByRole('button', { name: /^All 7/ }).isVisible()).toBe(true)

    // Sorting: a visible choice above the cards, no header buttons to reach unseen.
    const sortChoice = page.getByLabel('Sort')
    expect(await sortChoice.isVisible()).toBe(true)
    expect(await page.locator('thead button').count()).toBe(0)
    const box = await sortChoice.boundingBox()
    const firstCard = await rows(page).first().boundingBox()
    expect(box && firstCard && box.y < firstCard.y).toBe(true)
    await sortChoice.selectOption({ label: 'Status, problems first' })
    await expect.poll(() => rows(page).first().getAttribute('data-row-group')).toBe('ERROR')
    expect(await page.getByRole('columnheader', { name: /Status/ }).getAttribute('aria-sort')).toBe(
      'ascending',
    )
    await sortChoice.selectOption({ label: 'Paste order' })
    await expect.poll(() => rows(page).first().locator('a').first().textContent()).toBe(IMAGE)

    await page.mouse.move(0, 0) // off "Look up all" (its dark hover colour is another matter)
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      await page.screenshot({
        path: `.tmp/screenshots/batch-polish-375-${colorScheme}.png`,
        fullPage: true,
      })
      expect(await seriousAxeViolations(page), colorScheme).toEqual([])
    }
  })
})

describe('kind icons', () => {
  it('stand in Recent for chat, speech and unfinished jobs; a finished image job keeps its picture', async () => {
    for (const [id, status] of [
      [IMAGE, 'COMPLETED'],
      [CHAT, 'COMPLETED'],
      [SPEECH, 'COMPLETED'],
      [RUNNING, 'PROCESSING'],
    ] as const) {
      await page.goto(`${app.url}/jobs/${id}`)
      await page.getByRole('main').getByText(status, { exact: true }).first().waitFor()
    }
    await page.goto(app.url)
    const recent = page.getByRole('region', { name: 'Recent' })

    const icon = (id: string) =>
      recent
        .getByRole('listitem')
        .filter({ has: page.getByRole('link', { name: id }) })
        .locator('[data-kind-icon] svg')
    await recent.getByRole('link', { name: RUNNING }).waitFor()
    // the icons come after the list, with the kinds (dev server: many small modules)
    await expect.poll(() => icon(RUNNING).count(), { timeout: 10_000 }).toBe(1)
    const iconClass = async (id: string) =>
      ((await icon(id).getAttribute('class')) ?? '')
        .split(' ')
        .find((name) => name !== 'lucide' && name.startsWith('lucide-'))
    expect(await iconClass(CHAT)).toBe('lucide-message-square-text')
    expect(await iconClass(SPEECH)).toBe('lucide-audio-lines')
    expect(await iconClass(RUNNING)).toBe('lucide-image')
    // the finished image job keeps its picture
    expect(
      await recent
        .getByRole('listitem')
        .filter({ has: page.getByRole('link', { name: IMAGE }) })
        .locator('img')
        .count(),
    ).toBe(1)
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      await page.screenshot({
        path: `.tmp/screenshots/recent-kind-icons-${colorScheme}.png`,
        fullPage: true,
      })
    }
    await page.setViewportSize({ width: 375, height: 812 })
    await page.emulateMedia({ colorScheme: 'light' })
    await page.screenshot({ path: '.tmp/screenshots/recent-kind-icons-375.png', fullPage: true })
  })
})
