// The support workflow in a real browser: a log with 25 ids pasted into /batch, every row to its final
// state through the live proxy, CSV export, and Recent (one entry for the batch) after a reload. Then triage: paste order kept,
// Status sorts problems first, a filter exports exactly its rows, problem ids, the time zone in the
// headers, the invalid tokens after a reload, and the page at phone width (light and dark).
import { readFile } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RunningApp, startApp } from './support/app-server.ts'
import { seriousAxeViolations } from './support/axe.ts'
import { launchChromium } from './support/chromium.ts'
import { type StubUpstream, json, startStubUpstream } from './support/stub-upstream.ts'

const API_KEY = 'batch-test-key-51d0'
/** 22 jobs that complete, 2 that fail, 1 the API does not know. */
function makeIds(): string[] {
  return Array.from({ length: 25 }, (_, index) => {
    const hex = index.toString(16).padStart(2, '0')
    return `${hex}6b1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c${hex}`
  })
}
const IDS = makeIds()
const MISSING = IDS[24] ?? ''
const FAILING = new Set(IDS.slice(22, 24))

let upstream: StubUpstream
let app: RunningApp
let browser: Browser
let page: Page
let pageErrors: string[]

beforeAll(async () => {
  upstream = await startStubUpstream()
  for (const id of IDS.slice(0, 24)) {
    upstream.script(id, (index) => {
      const done = index >= 2
      const status = done
        ? FAILING.has(id)
          ? 'ERROR'
          : 'COMPLETED'
        : index === 0
          ? 'QUEUED'
          : 'PROCESSING'
      return {
        ...json(200, {
          id,
          status,
          created: '2025-05-17T07:00:24.000Z',
          finished: done ? '2025-05-17T07:00:34.500Z' : null,
          model: 'Flux.1 [dev]',
          results:
            done && !FAILING.has(id)
              ? [
                  {
                    url: `https://images.example/${id}/0.png`,
                    revised_prompt: `A lighthouse, "storm", waves, ${id}`,
                  },
                ]
              : [],
        }),
        delayMs: 150,
      }
    })
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
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
  pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
})

afterEach(async () => {
  await page.close()
  expect(pageErrors, 'uncaught errors in the page').toEqual([])
})

describe('batch lookup', () => {
  it('pastes 25 ids from a log, follows every row to its final state, exports CSV, and remembers them', async () => {
    const log = IDS.map(
      (id, index) =>
        `2025-05-17T07:${String(index).padStart(2, '0')}:00Z worker-3 INFO image job accepted job_id=${index % 2 ? id.toUpperCase() : id} size=768x768`,
    ).join('\n')
    await page.goto(`${app.url}/batch`)
    await page
      .getByLabel('Job IDs')
      .fill(`${log}\n2025-05-17T08:00:00Z WARN bad id 3f2b8c1e-7a4d-1e6f-9b1a-2c5d8e0f4a71`)
    await page.getByRole('button', { name: 'Look up all' }).click()

    await expect.poll(() => page.getByText('Found 25 job ids').count()).toBe(1)
    expect(
      await page
        .locator('#batch-feedback')
        .getByText('3f2b8c1e-7a4d-1e6f-9b1a-2c5d8e0f4a71')
        .count(),
    ).toBe(1)
    expect(new URL(page.url()).searchParams.get('ids')?.split(',')).toEqual(IDS)

    const rows = page.locator('tbody tr[data-row-group]')
    await expect.poll(() => rows.count()).toBe(25)
    const filters = page.getByRole('group', { name: 'Filter by status' })
    await expect
      .poll(() => filters.textContent(), { timeout: 30_000 })
      .toMatch(/22\s*COMPLETED.*2\s*ERROR.*1\s*not found/)
    expect(upstream.maxInFlight).toBeLessThanOrEqual(6)
    expect(upstream.maxInFlight).toBeGreaterThan(1)

    // Filtering by a count shows just those rows, says so, and exports exactly those.
    await filters.getByRole('button', { name: /ERROR/ }).click()
    await expect.poll(() => rows.count()).toBe(2)
    expect(await page.getByText('Showing 2 of 25').count()).toBe(1)
    const [filteredDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export 2 of 25 as CSV' }).click(),
    ])
    const filteredCsv = await readFile(await filteredDownload.path(), 'utf8')
    expect(
      filteredCsv
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',').slice(0, 2).join(',')),
    ).toEqual([...FAILING].map((id) => `${id},ERROR`))
    await page.getByRole('button', { name: 'Clear filter' }).click()
    await expect.poll(() => rows.count()).toBe(25)
    expect(await page.getByText('Showing 2 of 25').count()).toBe(0)

    expect(await seriousAxeViolations(page)).toEqual([])

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ])
    const path = await download.path()
    const csv = await readFile(path, 'utf8')
    const lines = csv.trimEnd().split('\r\n')
    expect(lines[0]).toBe(
      'id,status,model,created,finished,duration_s,image_count,image_urls,kind,total_tokens,audio_urls',
    )
    expect(lines).toHaveLength(26)
    const first = IDS[0] ?? ''
    expect(lines).toContain(
      `${first},COMPLETED,Flux.1 [dev],2025-05-17T07:00:24.000Z,2025-05-17T07:00:34.500Z,10.5,1,https://images.example/${first}/0.png,images,,`,
    )
    expect(lines).toContain(`${MISSING},not found,,,,,,,,,`)

    // Recent keeps the batch as one entry that leads back to it (issue 9).
    await page.goto(app.url)
    const recent = page.getByRole('region', { name: 'Recent' })
    const batch = recent.getByRole('link', { name: 'Batch of 25 · 25 final' })
    await batch.waitFor()
    await page.reload()
    await batch.waitFor()
    expect(await recent.getByRole('link').count()).toBe(1)
    expect(await recent.textContent()).toContain('22 COMPLETED · 2 ERROR · 1 not found')
    // It leads back with the ids, each one's kind ("0" images; "." for the one no endpoint knows)
    // and the invalid token, as pasted.
    const back = new URL((await batch.getAttribute('href')) ?? '', app.url)
    expect(back.pathname).toBe('/batch')
    expect(back.searchParams.get('ids')).toBe(IDS.join(','))
    expect(back.searchParams.get('kinds')).toBe(
      IDS.map((id) => (id === MISSING ? '.' : '0')).join(''),
    )
    expect(back.searchParams.get('invalid')).toBe('3f2b8c1e-7a4d-1e6f-9b1a-2c5d8e0f4a71')
    await page.screenshot({ path: '.tmp/screenshots/recent-after-batch.png', fullPage: true })
  })
})

// A batch to triage, in the order it is pasted: every kind of problem between healthy rows.
const TRIAGE = {
  done: 'd0e1f2a3-0001-4a00-8b00-000000000001',
  stuck: '5a1c2b3d-0002-4a00-8b00-000000000002',
  failed: 'e7707000-0003-4a00-8b00-000000000003',
  odd: '0dd00000-0004-4a00-8b00-000000000004',
  postponed: 'b0570000-0005-4a00-8b00-000000000005',
  missing: 'f0f00000-0006-4a00-8b00-000000000006',
  queued: 'c0e0e000-0007-4a00-8b00-000000000007',
  chat: 'c4a70000-0008-4a00-8b00-000000000008',
  done2: 'd0e1f2a3-0009-4a00-8b00-000000000009',
} as const
const PASTED = Object.values(TRIAGE)
const NOT_V4 = '3f2b8c1e-7a4d-1e6f-9b1a-2c5d8e0f4a71'

function scriptTriage() {
  const image = (id: string, status: string, extra: Record<string, unknown> = {}) =>
    upstream.script(id, () => ({
      ...json(200, {
        id,
        status,
        model: 'Flux.1 [dev]',
        created: '2025-05-17T07:00:24.000Z',
        finished: status === 'COMPLETED' || status === 'ERROR' ? '2025-05-17T07:00:41.000Z' : null,
        results:
          status === 'COMPLETED'
            ? [{ url: upstream.imageUrl(id), revised_prompt: 'A lighthouse in a storm' }]
            : [],
        ...extra,
      }),
      delayMs: 80,
    }))
  image(TRIAGE.done, 'COMPLETED')
  // created long ago and still working: stuck
  image(TRIAGE.stuck, 'PROCESSING')
  image(TRIAGE.failed, 'ERROR')
  image(TRIAGE.odd, 'ARCHIVED')
  // no creation time: not stuck until this page has watched them for 15 minutes
  image(TRIAGE.postponed, 'POSTPONED', { created: null })
  image(TRIAGE.queued, 'QUEUED', { created: null })
  image(TRIAGE.done2, 'COMPLETED')
  upstream.script(
    TRIAGE.chat,
    () =>
      json(200, {
        status: 'COMPLETED',
        created: 1747465224,
        finished: 1747465236,
        model: 'Llama-3.1-8B-Instruct',
        usage: { prompt_tokens: 1200, completion_tokens: 345, total_tokens: 1545 },
        choices: [
          {
            index: 0,
            finish_reason: 'stop',
            message: { role: 'assistant', content: 'Your parcel left the depot today.' },
          },
        ],
      }),
    'chat',
  )
}

/** The ids of the rendered rows, top to bottom. */
function shownIds(target: Page): Promise<string[]> {
  return target
    .locator('tbody tr[data-row-group] td:first-child a')
    .evaluateAll((links) => links.map((link) => link.textContent ?? ''))
}

/** Opens the triage batch (pasted with one invalid token) and waits until every row has answered. */
async function openTriageBatch(target: Page): Promise<void> {
  await target.goto(`${app.url}/batch`)
  await target
    .getByLabel('Job IDs')
    .fill(`ticket #4411, ids from the customer:\n${PASTED.join('\n')}\nalso ${NOT_V4}?`)
  await target.getByRole('button', { name: 'Look up all' }).click()
  await expect.poll(() => target.locator('tbody tr[data-row-group]').count()).toBe(PASTED.length)
  await expect
    .poll(() => target.locator('tbody tr[data-row-group="waiting"]').count(), { timeout: 20_000 })
    .toBe(0)
}

describe('batch triage', () => {
  let triagePage: Page
  beforeAll(() => scriptTriage())
  beforeEach(async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Europe/Berlin',
      acceptDownloads: true,
    })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url })
    triagePage = await context.newPage()
    triagePage.on('pageerror', (error) => pageErrors.push(error.message))
  })
  afterEach(async () => {
    await triagePage.context().close()
  })

  it('keeps the paste order, sorts problems first by Status, and goes back to paste order', async () => {
    await openTriageBatch(triagePage)
    expect(await shownIds(triagePage)).toEqual(PASTED)
    const headers = triagePage.locator('thead th:has(button)')
    expect(await headers.evaluateAll((cells) => cells.map((cell) => cell.ariaSort))).toEqual(
      Array(8).fill('none'),
    )
    expect(await triagePage.getByText('Rows in paste order.').count()).toBe(1)

    const status = triagePage.getByRole('columnheader', { name: 'Status' })
    await status.getByRole('button').click()
    const problemsFirst = [
      TRIAGE.failed,
      TRIAGE.missing,
      TRIAGE.odd,
      TRIAGE.postponed,
      TRIAGE.queued,
      TRIAGE.stuck,
      TRIAGE.done,
      TRIAGE.chat,
      TRIAGE.done2,
    ]
    expect(await shownIds(triagePage)).toEqual(problemsFirst)
    expect(await status.getAttribute('aria-sort')).toBe('ascending')
    expect(await triagePage.getByText('Sorted by Status, problems first.').count()).toBe(1)
    await triagePage.screenshot({
      path: '.tmp/screenshots/batch-triage-desktop.png',
      fullPage: true,
    })

    await status.getByRole('button').click()
    expect(await status.getAttribute('aria-sort')).toBe('descending')
    expect(await shownIds(triagePage)).toEqual([
      TRIAGE.done,
      TRIAGE.chat,
      TRIAGE.done2,
      TRIAGE.stuck,
      TRIAGE.queued,
      TRIAGE.postponed,
      TRIAGE.odd,
      TRIAGE.missing,
      TRIAGE.failed,
    ])

    // a third click, or the "Paste order" button, goes back to the order pasted
    await status.getByRole('button').click()
    expect(await status.getAttribute('aria-sort')).toBe('none')
    expect(await shownIds(triagePage)).toEqual(PASTED)
    await status.getByRole('button').click()
    await triagePage.getByRole('button', { name: 'Paste order' }).click()
    expect(await shownIds(triagePage)).toEqual(PASTED)
  })

  it('copies the problem ids, one per line, and says how many', async () => {
    await openTriageBatch(triagePage)
    const copy = triagePage.getByRole('button', { name: /^Copy problem ids/ })
    expect(await copy.textContent()).toContain('4')
    await copy.click()
    await expect.poll(() => triagePage.getByText('Copied 4 ids').count()).toBeGreaterThan(0)
    const copied = await triagePage.evaluate(() => navigator.clipboard.readText())
    expect(copied).toBe([TRIAGE.stuck, TRIAGE.failed, TRIAGE.odd, TRIAGE.missing].join('\n'))
    expect(
      await triagePage.locator(`tr:has(a[href^="/jobs/${TRIAGE.stuck}"])`).textContent(),
    ).toMatch(/PROCESSING\s*stuck \d/)
  })

  it('names the time zone in the time headers, and keeps the invalid tokens over a reload', async () => {
    await openTriageBatch(triagePage)
    expect(await triagePage.locator('thead').textContent()).toContain('Created (CEST)')
    expect(await triagePage.locator('thead').textContent()).toContain('Finished (CEST)')
    const doneRow = triagePage.locator(`tr:has(a[href^="/jobs/${TRIAGE.done}"])`)
    expect(await doneRow.textContent()).toContain('2025-05-17 09:00:24')
    await triagePage
      .getByRole('group', { name: 'Show times in' })
      .getByRole('button', { name: 'UTC' })
      .click()
    expect(await triagePage.locator('thead').textContent()).toContain('Created (UTC)')
    expect(await doneRow.textContent()).toContain('2025-05-17 07:00:24 UTC')

    expect(await triagePage.locator('#batch-feedback').textContent()).toContain(NOT_V4)
    await triagePage.reload()
    await expect
      .poll(() => triagePage.locator('#batch-feedback').textContent())
      .toMatch(/Found 9 job ids\. 1 token looked like ids but is invalid/)
    expect(await triagePage.locator('#batch-feedback li').allTextContents()).toEqual([NOT_V4])
  })

  it('counts the ids while they are typed, before "Look up all"', async () => {
    await triagePage.goto(`${app.url}/batch`)
    const box = triagePage.getByLabel('Job IDs')
    await box.pressSequentially(`${TRIAGE.done} ${TRIAGE.failed}`, { delay: 2 })
    await expect
      .poll(() => triagePage.locator('#batch-feedback').textContent())
      .toBe('Found 2 job ids.')
    expect(new URL(triagePage.url()).search).toBe('')
  })

  it('is free of serious axe violations at 1280 px and 375 px, light and dark', async () => {
    await openTriageBatch(triagePage)
    await triagePage.getByRole('button', { name: /ERROR/ }).click()
    for (const width of [1280, 375]) {
      await triagePage.setViewportSize({ width, height: 900 })
      for (const colorScheme of ['light', 'dark'] as const) {
        await triagePage.emulateMedia({ colorScheme })
        expect(await seriousAxeViolations(triagePage), `${width} px, ${colorScheme}`).toEqual([])
      }
    }
  })

  it('shows stacked cards at phone width: id, status and kind whole, the sort a choice above them', async () => {
    await triagePage.setViewportSize({ width: 375, height: 812 })
    await openTriageBatch(triagePage)
    for (const colorScheme of ['light', 'dark'] as const) {
      await triagePage.emulateMedia({ colorScheme })
      await triagePage.screenshot({
        path: `.tmp/screenshots/batch-phone-${colorScheme}.png`,
        fullPage: true,
      })
    }
    const overflow = await triagePage.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)

    const layout = await triagePage.evaluate(() => {
      const inView = (element: Element) => {
        const box = element.getBoundingClientRect()
        return box.width > 0 && box.left >= 0 && box.right <= window.innerWidth
      }
      const rows = [...document.querySelectorAll('tbody tr[data-row-group]')].map((row) => {
        const cells = row.querySelectorAll('td')
        const badge = cells[2]?.querySelector('.truncate')
        return {
          id: inView(cells[0]?.querySelector('a') ?? row),
          status: inView(cells[2] ?? row),
          statusWhole: badge ? badge.scrollWidth <= badge.clientWidth : true,
          kind: inView(cells[1] ?? row) || cells[1]?.textContent === '—',
        }
      })
      return { rows }
    })
    // The sort is a choice above the cards (no header row scrolled sideways).
    expect(await triagePage.getByLabel('Sort').isVisible()).toBe(true)
    for (const row of layout.rows)
      expect(row).toEqual({ id: true, status: true, statusWhole: true, kind: true })

    // Cards are still a table to assistive technology: every row keeps its nine cells, each under
    // its column header (as Chromium itself reports it).
    const cdp = await triagePage.context().newCDPSession(triagePage)
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: Array<{ ignored: boolean; role?: { value: unknown } }>
    }
    const roles = nodes.filter((node) => !node.ignored).map((node) => node.role?.value)
    const count = (role: string) => roles.filter((value) => value === role).length
    expect(count('table')).toBe(1)
    expect(count('columnheader')).toBe(9)
    expect(count('row')).toBe(PASTED.length + 1)
    expect(count('cell')).toBe(PASTED.length * 9)

    // Narrower than an id: it wraps after a hyphen, never inside a group of digits.
    await triagePage.setViewportSize({ width: 300, height: 812 })
    const groupsWhole = await triagePage.evaluate(() =>
      [...document.querySelectorAll('tbody td:first-child a > span')].every(
        (group) => group.getClientRects().length === 1,
      ),
    )
    expect(groupsWhole).toBe(true)
    const wrapped = await triagePage.evaluate(
      () =>
        [...document.querySelectorAll('tbody td:first-child a')].filter(
          (link) => link.getClientRects().length > 1,
        ).length,
    )
    expect(wrapped).toBeGreaterThan(0)
    await triagePage.screenshot({ path: '.tmp/screenshots/batch-phone-300.png', fullPage: true })
  })
})
