// The support workflow in a real browser: a log with 25 ids pasted into /batch, every row to its final
// state through the live proxy, CSV export, and Recent (one entry for the batch) after a reload.
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

    // Filtering by a count shows just those rows.
    await filters.getByRole('button', { name: /ERROR/ }).click()
    await expect.poll(() => rows.count()).toBe(2)
    await filters.getByRole('button', { name: /All/ }).click()
    await expect.poll(() => rows.count()).toBe(25)

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
    expect(await batch.getAttribute('href')).toBe(`/batch?ids=${IDS.join(',')}`)
    await page.screenshot({ path: '.tmp/screenshots/recent-after-batch.png', fullPage: true })
  })
})
