// Issue 16 in the real app (dev server and proxy, stub upstream, Debian's Chromium), with several
// pages of one browser context — tabs that share storage, Web Locks and BroadcastChannel: a watch
// clicked just before the page goes away is kept; two tabs watching at once both keep theirs; one tab
// polls for all and another takes over when it closes; one notification per event; Recent follows
// what the app learns; a reopened batch asks each id's own endpoint; an unknown id is asked once per
// endpoint. Requests are counted at the stub.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { JOB_KINDS, type BuiltInKind } from '../../src/lib/job-kinds.ts'
import { type RunningApp, startApp } from './support/app-server.ts'
import { launchChromium } from './support/chromium.ts'
import { type StubUpstream, json, startStubUpstream } from './support/stub-upstream.ts'

const API_KEY = 'cross-tab-test-key-7e1a'
/** Every watched job is polled this often (config.json's polling bounds), to count requests. */
const POLL_MS = 1_000

let upstream: StubUpstream
let app: RunningApp
let browser: Browser
let context: BrowserContext
let pageErrors: string[]
/** The status each scripted job answers with now; tests move them on. */
const statusOf = new Map<string, string>()

/** A job id of its own for each test (the stub counts per id). */
let nextId = 0
function freshId(): string {
  nextId += 1
  return `${nextId.toString(16).padStart(8, '0')}-3c5e-4a7b-9d1f-2b4c6d8e0f1a`
}

/** An images (or other kind's) job that answers with `statusOf`'s status, POSTPONED at first. */
function scriptJob(id: string, kind: BuiltInKind = 'images', status = 'POSTPONED'): string {
  statusOf.set(id, status)
  upstream.script(
    id,
    () => {
      const now = statusOf.get(id) ?? 'POSTPONED'
      const done = now === 'COMPLETED'
      return json(200, {
        id,
        status: now,
        created: '2025-05-17T07:00:24.027Z',
        finished: done ? '2025-05-17T07:01:31.527Z' : null,
        model: kind === 'images' ? 'Flux.1 [dev]' : 'test-model',
        results: [],
      })
    },
    kind,
  )
  return id
}

beforeAll(async () => {
  upstream = await startStubUpstream()
  browser = await launchChromium()
  app = await startApp({
    DISTRIBUTE_API_KEY: API_KEY,
    DISTRIBUTE_API_URL: upstream.url,
    JOBSCOPE_POLL_MIN_MS: String(POLL_MS),
    JOBSCOPE_POLL_MAX_MS: String(POLL_MS),
  })
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await upstream?.close()
})

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  pageErrors = []
  // A Notification API that records what each tab shows, and grants permission when asked.
  await context.addInitScript(() => {
    const record = window as unknown as { seenNotifications: string[] }
    record.seenNotifications = []
    class StubNotification {
      static permission: NotificationPermission = 'granted'
      static requestPermission(): Promise<NotificationPermission> {
        return Promise.resolve('granted')
      }
      onclick: ((event: Event) => void) | null = null
      constructor(title: string) {
        record.seenNotifications.push(title)
      }
      close(): void {}
    }
    Object.defineProperty(window, 'Notification', { value: StubNotification, configurable: true })
  })
})

afterEach(async () => {
  await context.close()
  expect(pageErrors, 'uncaught errors in the pages').toEqual([])
})

async function openTab(path: string): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await page.goto(`${app.url}${path}`)
  return page
}

const watchingButton = (page: Page) => page.getByRole('button', { name: /^Watching \(/ })
const watchingCount = async (page: Page) =>
  /^Watching \((\d+)\)/.exec((await watchingButton(page).textContent()) ?? '')?.[1]

async function notifyMe(page: Page): Promise<void> {
  await page.getByRole('main').getByText('POSTPONED', { exact: true }).first().waitFor()
  await page.getByRole('button', { name: 'Notify me' }).click()
}

/** Lookups of `id` the stub receives while `during` runs. */
async function lookupsDuring(id: string, during: () => Promise<void>): Promise<number> {
  const before = upstream.lookups(id).length
  await during()
  return upstream.lookups(id).length - before
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

describe('a change just before the page goes away', () => {
  it.each([
    ['reloads', (page: Page) => page.reload()],
    ['types another address', (page: Page) => page.goto(`${app.url}/batch`)],
  ])('is kept when the person clicks "Notify me" and at once %s', async (_, leave) => {
    const id = scriptJob(freshId())
    const page = await openTab(`/jobs/${id}`)
    await notifyMe(page)
    await leave(page)

    await watchingButton(page).waitFor()
    expect(await watchingCount(page)).toBe('1')
  })

  it('is kept when the person clicks "Notify me" and at once closes the tab', async () => {
    const id = scriptJob(freshId())
    const page = await openTab(`/jobs/${id}`)
    await notifyMe(page)
    await page.close({ runBeforeUnload: true })

    const next = await openTab('/')
    await watchingButton(next).waitFor()
    expect(await watchingCount(next)).toBe('1')
  })
})

describe('two tabs changing the watch list at the same moment', () => {
  it('keep both watches', async () => {
    const first = scriptJob(freshId())
    const second = scriptJob(freshId())
    const [one, two] = await Promise.all([openTab(`/jobs/${first}`), openTab(`/jobs/${second}`)])
    await Promise.all([
      one.getByRole('main').getByText('POSTPONED', { exact: true }).first().waitFor(),
      two.getByRole('main').getByText('POSTPONED', { exact: true }).first().waitFor(),
    ])
    await Promise.all([
      one.getByRole('button', { name: 'Notify me' }).click(),
      two.getByRole('button', { name: 'Notify me' }).click(),
    ])

    // Both tabs hear of the other's watch, and a new tab reads both.
    await expect.poll(() => watchingCount(one)).toBe('2')
    await expect.poll(() => watchingCount(two)).toBe('2')
    const third = await openTab('/')
    await watchingButton(third).waitFor()
    expect(await watchingCount(third)).toBe('2')
  })
})

describe('one tab polls the watched jobs for all tabs', () => {
  it('costs with four tabs what it costs with one, another tab takes over, one notification', async () => {
    const id = scriptJob(freshId())
    const watcher = await openTab(`/jobs/${id}`)
    await notifyMe(watcher)
    // On the home page nothing but the watch polls the job.
    await watcher.getByRole('link', { name: 'Jobscope' }).click()
    await watchingButton(watcher).waitFor()
    await pause(2 * POLL_MS)

    const oneTab = await lookupsDuring(id, () => pause(8_000))
    const others = [await openTab('/'), await openTab('/'), await openTab('/')]
    for (const tab of others) await watchingButton(tab).waitFor()
    const fourTabs = await lookupsDuring(id, () => pause(8_000))

    console.log(`lookups of a watched job in 8 s: one tab ${oneTab}, four tabs ${fourTabs}`)
    expect(oneTab).toBeGreaterThan(4)
    expect(fourTabs).toBeLessThanOrEqual(oneTab * 1.25)

    // The polling tab closes: another takes over within a few seconds.
    await watcher.close()
    const afterClose = upstream.lookups(id).length
    await expect
      .poll(() => upstream.lookups(id).length - afterClose, { timeout: 5_000 })
      .toBeGreaterThan(0)

    // The job ends: every tab shows the news, and one system notification is raised in all.
    statusOf.set(id, 'COMPLETED')
    for (const tab of others) {
      await tab
        .getByRole('status')
        .filter({ hasText: `Job ${id}` })
        .waitFor({ timeout: 10_000 })
      await expect.poll(() => tab.title()).toMatch(/^● COMPLETED /)
    }
    await pause(2_000)
    const notifications = await Promise.all(
      others.map((tab) =>
        tab.evaluate(
          () => (window as unknown as { seenNotifications: string[] }).seenNotifications,
        ),
      ),
    )
    expect(notifications.flat()).toHaveLength(1)
    expect(notifications.flat()[0]).toContain('COMPLETED')
  })
})

describe('Recent follows what the app learns', () => {
  it('says a watched job’s final status within seconds, in every tab', async () => {
    const id = scriptJob(freshId())
    const page = await openTab(`/jobs/${id}`)
    await notifyMe(page)
    await page.getByRole('link', { name: 'Jobscope' }).click()
    const other = await openTab('/')
    const entryIn = (tab: Page) =>
      tab
        .getByRole('region', { name: 'Recent' })
        .getByRole('listitem')
        .filter({ hasText: id.slice(0, 8) })
    await expect.poll(() => entryIn(page).textContent()).toContain('POSTPONED')

    statusOf.set(id, 'COMPLETED')
    for (const tab of [page, other]) {
      await expect.poll(() => entryIn(tab).textContent(), { timeout: 5_000 }).toContain('COMPLETED')
    }
  })
})

describe('a batch remembers each id’s kind', () => {
  it('asks only the right endpoint per id when reopened from Recent or its link', async () => {
    const ids = JOB_KINDS.map((kind) => scriptJob(freshId(), kind, 'COMPLETED'))
    const unknown = freshId()
    const page = await openTab(`/batch?ids=${[...ids, unknown].join(',')}`)
    const filters = page.getByRole('group', { name: 'Filter by status' })
    await expect.poll(() => filters.textContent(), { timeout: 20_000 }).toMatch(/3\s*COMPLETED/)
    await expect.poll(() => filters.textContent()).toMatch(/1\s*not found/i)
    // The address now carries the kinds found, one character per id (unknown: '.').
    await expect.poll(() => new URL(page.url()).searchParams.get('kinds')).toBe('012.')
    const link = page.url()

    await page.getByRole('link', { name: 'Jobscope' }).click()
    const recent = page.getByRole('region', { name: 'Recent' })
    const entry = recent.getByRole('link', { name: /^Batch of 4/ })
    await entry.waitFor()
    expect(await entry.getAttribute('href')).toContain('&kinds=012.')

    for (const reopen of [
      async () => {
        const tab = await openTab('/')
        await tab
          .getByRole('region', { name: 'Recent' })
          .getByRole('link', { name: /^Batch of 4/ })
          .click()
        return tab
      },
      () => openTab(new URL(link).pathname + new URL(link).search),
    ]) {
      upstream.resetStats()
      const tab = await reopen()
      const reopened = tab.getByRole('group', { name: 'Filter by status' })
      await expect.poll(() => reopened.textContent(), { timeout: 20_000 }).toMatch(/3\s*COMPLETED/)
      await expect.poll(() => reopened.textContent()).toMatch(/1\s*not found/i)
      JOB_KINDS.forEach((kind, index) => {
        const asked = upstream.lookups(ids[index] ?? '').map((request) => request.kind)
        expect(asked, `${kind} id`).toEqual([kind])
      })
      // An id whose kind was never found is searched as before: every endpoint once.
      expect(
        upstream
          .lookups(unknown)
          .map((request) => request.kind)
          .sort(),
      ).toEqual([...JOB_KINDS].sort())
      await tab.close()
    }
  })
})

describe('a bare id that no endpoint knows', () => {
  it('is asked once per endpoint, typed into the home form', async () => {
    const id = freshId()
    const page = await openTab('/')
    await page.getByRole('textbox', { name: 'Job ID' }).first().fill(id)
    await page.keyboard.press('Enter')
    await page
      .getByText(/not found/i)
      .first()
      .waitFor({ timeout: 10_000 })
    await pause(2_000)
    expect(
      upstream
        .lookups(id)
        .map((request) => request.kind)
        .sort(),
    ).toEqual([...JOB_KINDS].sort())
  })

  it('is asked once per endpoint, opened directly', async () => {
    const id = freshId()
    const page = await openTab(`/jobs/${id}`)
    await page
      .getByText(/not found/i)
      .first()
      .waitFor({ timeout: 10_000 })
    await pause(2_000)
    expect(
      upstream
        .lookups(id)
        .map((request) => request.kind)
        .sort(),
    ).toEqual([...JOB_KINDS].sort())
  })
})
