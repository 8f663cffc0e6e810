// Fault injection in a real browser: the app in live mode, its dev proxy in front of an upstream that
// misbehaves on demand (support/fault-upstream.ts). For each fault: no crash, no uncaught error or
// unexpected console error, a clear message where one is due, the last good data kept, and recovery
// once the upstream behaves again. docs/fault-behaviour.md records what these tests observe.
import { randomUUID } from 'node:crypto'
import type { Browser, Page } from 'playwright-core'
import { type ExpectStatic, afterAll, beforeAll, describe, it as baseIt } from 'vitest'
import { type RunningApp, startApp } from './support/app-server.ts'
import { launchChromium } from './support/chromium.ts'
import {
  type FaultRequest,
  type FaultUpstream,
  gatewayPage,
  startFaultUpstream,
} from './support/fault-upstream.ts'

/**
 * The upstream timeout of the proxy that the hang tests use, so a hanging API costs 2 s instead of
 * 20 s. Only theirs: on CI's two cores a healthy exchange through the dev proxy and the stub (which
 * runs in this file's worker) has taken over 3 s, and a 2 s timeout turned it into a 504 — after
 * the stub had counted the answer as served.
 */
const PROXY_TIMEOUT_MS = 2_000
const MODEL = 'Flux.1 [dev]'
const CREATED = '2025-05-17T07:00:24.027Z'
const FINISHED = '2025-05-17T07:00:31.527Z'

let upstream: FaultUpstream
/** The app as shipped: the proxy's own upstream timeout (20 s). */
let app: RunningApp
/** The same app whose proxy gives up after PROXY_TIMEOUT_MS, for the tests of that timeout. */
let shortTimeoutApp: RunningApp
let browser: Browser

interface ApiResult {
  url: string
  revised_prompt: string
}

function jobBody(id: string, status: string, results: ApiResult[] = []) {
  const done = status === 'COMPLETED'
  return { id, status, created: CREATED, finished: done ? FINISHED : null, model: MODEL, results }
}

/** A new job id whose healthy answer is `status`. */
function newJob(status = 'PROCESSING', results: ApiResult[] = []): string {
  const id = randomUUID()
  upstream.setJob(id, jobBody(id, status, results))
  return id
}

beforeAll(async () => {
  upstream = await startFaultUpstream()
  const env = { DISTRIBUTE_API_KEY: 'fault-test-key', DISTRIBUTE_API_URL: upstream.url }
  ;[browser, app, shortTimeoutApp] = await Promise.all([
    launchChromium(),
    startApp(env),
    startApp({ ...env, JOBSCOPE_UPSTREAM_TIMEOUT_MS: String(PROXY_TIMEOUT_MS) }),
  ])
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await shortTimeoutApp?.stop()
  await upstream?.close()
})

/** Requests for `id` the stub has neither answered nor seen closed. */
function openRequestsFor(id: string): number {
  return upstream.requestsFor(id).filter((request) => request.outcome === 'pending').length
}

/**
 * The job page as a test sees it. Its assertions use the test's own `expect`: tests of one kind run
 * concurrently, and a shared `expect` cannot tell which test an assertion belongs to.
 */
function jobView(page: Page, expect: ExpectStatic) {
  const statusRegion = page.locator('[aria-live="polite"]').filter({ hasText: /Status/ })
  const alert = page.getByRole('alert')
  return {
    statusRegion,
    alert,

    /** Opens the job page, on `on` (the app as shipped unless told) and waits for `status`. */
    async open(id: string, status = 'PROCESSING', on: RunningApp = app) {
      await page.goto(`${on.url}/jobs/${id}`)
      await this.expectStatus(status)
    },

    async expectStatus(status: string) {
      await expect.poll(() => statusRegion.textContent(), { timeout: 15_000 }).toContain(status)
    },

    /** Bad answers are polled again after `polling.maxMs`: 2 s here instead of the default 10 s. */
    async useShortPollingBounds() {
      await page.route('**/config.json', (route) =>
        route.fulfill({
          json: { apiBase: '/api', demo: false, polling: { minMs: 1_000, maxMs: 2_000 } },
        }),
      )
    },

    /** The small mark beside "updated … ago" while a failed check is retried. */
    async expectRetryingMark(pattern: RegExp) {
      await expect
        .poll(() => page.getByText(/retrying…/).textContent(), { timeout: 15_000 })
        .toMatch(pattern)
    },

    async expectAlert(pattern: RegExp) {
      await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toMatch(pattern)
    },

    /** The badge, the facts and the note that they are old are all still there under the alert. */
    async expectLastGoodDataKept() {
      expect(await statusRegion.textContent()).toContain('PROCESSING')
      expect(await page.getByText(MODEL, { exact: true }).isVisible()).toBe(true)
      expect(await alert.textContent()).toContain(
        'The details below are from the last successful answer.',
      )
    },

    /** The upstream is healthy again and the job has finished: the alert goes, COMPLETED shows. */
    async expectRecovery(id: string) {
      upstream.clearFault(id)
      upstream.setJob(id, jobBody(id, 'COMPLETED'))
      await this.expectStatus('COMPLETED')
      expect(await alert.count()).toBe(0)
    },

    /** Waits until the upstream has answered `count` requests for `id` with `answer`. */
    async expectServed(id: string, answer: FaultRequest['answer'], count: number) {
      await expect
        .poll(
          () => upstream.requestsFor(id).filter((request) => request.answer === answer).length,
          {
            timeout: 15_000,
          },
        )
        .toBeGreaterThanOrEqual(count)
    },
  }
}

/**
 * A fresh page per test, failing the test on uncaught exceptions, console errors other than
 * Chromium's own lines for 4xx/5xx responses (those are the faults we inject), and any dialog: an
 * alert() would mean injected script ran.
 */
const it = baseIt.extend<{ page: Page; view: ReturnType<typeof jobView> }>({
  page: async ({ task }, use) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
    page.on('console', (message) => {
      if (
        message.type() === 'error' &&
        !message.text().startsWith('Failed to load resource: the server responded with a status of')
      ) {
        problems.push(`console.error: ${message.text()}`)
      }
    })
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.type()} ${dialog.message()}`)
      void dialog.dismiss()
    })
    await use(page)
    await page.close()
    task.context.expect(problems, `problems in the page during "${task.name}"`).toEqual([])
  },
  // Built-in `expect` is not a fixture; the test's own is on its context.
  view: async ({ page, task }, use) => {
    await use(jobView(page, task.context.expect))
  },
})

// Cases of one kind run side by side, each on its own page and job id: the upstream's fault is per id.
describe.concurrent('server errors with HTML bodies', () => {
  it.for([500, 502, 503, 504])(
    'HTTP %i: says the API had a problem, retries, keeps the data and recovers',
    async (status, { page, view, expect }) => {
      await view.useShortPollingBounds()
      const id = newJob()
      await view.open(id)

      upstream.setFault({ kind: 'http-error', status }, id)
      await view.expectAlert(new RegExp(`The API had a problem.*HTTP ${status}`))
      await view.expectLastGoodDataKept()
      // Asked again while the fault lasts (the component test checks the 1 s → 2 s → 4 s timing).
      await view.expectServed(id, 'http-error', 2)
      // The gateway page is shown as text for support, never rendered.
      const raw = view.alert.locator('details')
      await raw.locator('summary').click()
      expect(await raw.locator('pre').textContent()).toBe(gatewayPage(status))
      expect(await page.getByRole('heading', { name: new RegExp(`^${status} `) }).count()).toBe(0)

      await view.expectRecovery(id)
    },
  )
})

describe('a single failed poll', () => {
  it('that its retry fixes: no banner, nothing on the page moves, a "retrying…" mark meanwhile', async ({
    page,
    view,
    expect,
  }) => {
    const id = newJob()
    await view.open(id)
    const facts = page.getByRole('main').locator('dl').first()
    const before = await facts.boundingBox()

    upstream.setFault([{ kind: 'http-error', status: 502 }], id)
    await view.expectRetryingMark(/API error 502/)
    expect(await view.alert.count()).toBe(0)
    expect(await facts.boundingBox()).toEqual(before)

    // The retry (1 s later) works; the mark goes, still no banner, still nothing moved.
    await expect.poll(() => page.getByText(/retrying…/).count(), { timeout: 10_000 }).toBe(0)
    expect(await view.alert.count()).toBe(0)
    expect(await facts.boundingBox()).toEqual(before)
    expect(await view.statusRegion.textContent()).toContain('PROCESSING')
  })
})

// Lower bounds on waits only, so these two can share the machine.
describe.concurrent('rate limiting', () => {
  it('429 with Retry-After: 3 — a quiet "retrying" mark, no banner, the next request at least 3 s later', async ({
    view,
    expect,
  }) => {
    const id = newJob()
    await view.open(id)

    upstream.setFault([{ kind: 'rate-limited', retryAfter: '3' }], id)
    await view.expectRetryingMark(/rate-limited/)
    expect(await view.alert.count()).toBe(0)
    upstream.setJob(id, jobBody(id, 'COMPLETED'))
    await expect
      .poll(() => view.statusRegion.textContent(), { timeout: 10_000 })
      .toContain('COMPLETED')
    expect(await view.alert.count()).toBe(0)

    const requests = upstream.requestsFor(id)
    const limited = requests.findIndex((request) => request.answer === 'rate-limited')
    const [refused, next] = [requests[limited], requests[limited + 1]]
    if (refused === undefined || next === undefined) throw new Error('no request after the 429')
    const waited = next.receivedAt - refused.receivedAt
    console.log(`429 with Retry-After: 3 → next request ${Math.round(waited)} ms later`)
    expect(waited).toBeGreaterThanOrEqual(3_000)
  })

  it('429 without Retry-After — retries back off, 1 s then 2 s, quietly', async ({
    view,
    expect,
  }) => {
    const id = newJob()
    await view.open(id)

    upstream.setFault([{ kind: 'rate-limited' }, { kind: 'rate-limited' }], id)
    await view.expectRetryingMark(/rate-limited/)
    upstream.setJob(id, jobBody(id, 'COMPLETED'))
    await expect
      .poll(() => view.statusRegion.textContent(), { timeout: 10_000 })
      .toContain('COMPLETED')
    expect(await view.alert.count()).toBe(0)

    const requests = upstream.requestsFor(id)
    const first = requests.findIndex((request) => request.answer === 'rate-limited')
    const times = requests.slice(first, first + 3).map((request) => request.receivedAt)
    expect(times).toHaveLength(3)
    const [a = 0, b = 0, c = 0] = times
    console.log(`429 without Retry-After → gaps ${Math.round(b - a)} ms, ${Math.round(c - b)} ms`)
    expect(b - a).toBeGreaterThanOrEqual(1_000)
    expect(c - b).toBeGreaterThanOrEqual(2_000)
  })
})

// One at a time: a page's request may be cancelled when another page takes the focus, and these
// tests time how long each hung request was held.
describe('broken connections', () => {
  it('connection reset: the proxy answers 502, the page says so, keeps the data and recovers', async ({
    view,
    expect,
  }) => {
    await view.useShortPollingBounds()
    const id = newJob()
    await view.open(id)

    upstream.setFault({ kind: 'connection-reset' }, id)
    await view.expectAlert(/HTTP 502.*could not reach the Distribute\.ai API/)
    await view.expectLastGoodDataKept()
    await view.expectServed(id, 'connection-reset', 2)
    const resets = upstream
      .requestsFor(id)
      .filter((request) => request.answer === 'connection-reset')
    expect(resets.every((request) => request.outcome === 'reset-by-stub')).toBe(true)

    await view.expectRecovery(id)
  })

  it('hang: the proxy gives up after its timeout with 504, closes the upstream request, and recovers', async ({
    page,
    view,
    expect,
  }) => {
    await view.useShortPollingBounds()
    const id = newJob()
    await view.open(id, 'PROCESSING', shortTimeoutApp)

    // How long each 504 took, from the browser's start of the request to the end of the answer: the
    // proxy's timer starts after the former and fires before the latter, whatever the load.
    const gaveUpAfter: Promise<number>[] = []
    page.on('response', (response) => {
      if (response.status() !== 504) return
      gaveUpAfter.push(response.finished().then(() => response.request().timing().responseEnd))
    })
    upstream.setFault({ kind: 'hang' }, id)
    await view.expectAlert(/HTTP 504.*did not answer within 2 s/)
    await view.expectLastGoodDataKept()
    await view.expectRecovery(id)

    // The proxy gave up only once its timeout had passed…
    const waits = await Promise.all(gaveUpAfter)
    expect(waits.length).toBeGreaterThanOrEqual(1)
    for (const waited of waits) expect(waited).toBeGreaterThanOrEqual(PROXY_TIMEOUT_MS)
    // …and nothing dangles: every hung request was closed then. (The stub's own clock is no lower
    // bound: it sees a request only when this busy worker gets to it, which took 100 ms and more.)
    await expect.poll(() => openRequestsFor(id), { timeout: 5_000 }).toBe(0)
    const hung = upstream.requestsFor(id).filter((request) => request.answer === 'hang')
    expect(hung.length).toBeGreaterThanOrEqual(1)
    for (const request of hung) {
      expect(request.outcome).toBe('aborted-by-client')
      const heldMs = (request.endedAt ?? 0) - request.receivedAt
      expect(heldMs).toBeLessThan(PROXY_TIMEOUT_MS + 3_000)
    }
  })

  it('hang, then the person leaves the page: the request is cancelled all the way upstream', async ({
    page,
    view,
    expect,
  }) => {
    const id = newJob()
    await view.open(id, 'PROCESSING', shortTimeoutApp)

    upstream.setFault({ kind: 'hang' }, id)
    const hanging = () =>
      upstream
        .requestsFor(id)
        .find((request) => request.answer === 'hang' && request.outcome === 'pending')
    await expect.poll(() => hanging() !== undefined, { timeout: 5_000 }).toBe(true)
    const request = hanging()
    await page.getByRole('link', { name: 'Jobscope' }).click()
    await page.waitForURL(`${shortTimeoutApp.url}/`)

    await expect.poll(() => request?.outcome, { timeout: 5_000 }).toBe('aborted-by-client')
    // Closed because the browser cancelled, well before the proxy's own timeout would have.
    expect((request?.endedAt ?? Infinity) - (request?.receivedAt ?? 0)).toBeLessThan(
      PROXY_TIMEOUT_MS - 200,
    )
    expect(openRequestsFor(id)).toBe(0)
    // And nothing is polled for a page that is gone.
    const count = upstream.requestsFor(id).length
    await page.waitForTimeout(1_500)
    expect(upstream.requestsFor(id).length).toBe(count)
  })
})

describe.concurrent('bad 200 answers', () => {
  it.for([
    ['invalid JSON', { kind: 'invalid-json' }, /The response was not JSON \(HTTP 200\)/],
    ['the wrong shape', { kind: 'wrong-shape' }, /does not have the expected shape: id: .*status/],
    ['an empty body', { kind: 'empty-body' }, /The response was empty \(HTTP 200\)/],
  ] as const)(
    '200 with %s: "Unexpected response" with the raw body, data kept, recovers at the next poll',
    async ([, fault, reason], { view, expect }) => {
      await view.useShortPollingBounds()
      const id = newJob()
      await view.open(id)

      upstream.setFault(fault, id)
      await view.expectAlert(/Unexpected response from the API/)
      expect(await view.alert.textContent()).toMatch(reason)
      expect(await view.alert.getByText('Show the raw response').count()).toBe(1)
      await view.expectLastGoodDataKept()
      await view.expectRecovery(id)

      // Not retried at once: after a bad answer the next request waits for the slow pace (2 s here).
      const requests = upstream.requestsFor(id)
      const bad = requests.findIndex((request) => request.answer === fault.kind)
      const [first, next] = [requests[bad], requests[bad + 1]]
      expect((next?.receivedAt ?? 0) - (first?.receivedAt ?? Infinity)).toBeGreaterThanOrEqual(
        1_900,
      )
    },
  )

  it('a 10 MB HTML body: "not JSON", the raw text cut to 20,000 characters, and recovery', async ({
    view,
    expect,
  }) => {
    await view.useShortPollingBounds()
    const id = newJob()
    await view.open(id)

    upstream.setFault({ kind: 'huge-body', format: 'html' }, id)
    await view.expectAlert(/Unexpected response from the API.*not JSON/)
    await view.expectLastGoodDataKept()
    const raw = (await view.alert.locator('pre').textContent()) ?? ''
    expect(raw.length).toBeLessThan(20_100)
    expect(raw).toMatch(/… \(\d+ more characters\)$/)

    await view.expectRecovery(id)
  })
})

/** A task of the page's main thread in a Chromium trace: wall-clock and the thread's CPU time. */
interface MainThreadTask {
  readonly wallMs: number
  readonly cpuMs: number
}

interface TraceEvent {
  readonly name: string
  readonly ph: string
  readonly pid: number
  readonly tid: number
  readonly dur?: number
  readonly tdur?: number
  readonly args?: { readonly name?: string; readonly data?: { frames?: { processId: number }[] } }
}

/**
 * The top-level tasks of the traced page's renderer main thread. `tdur` is the thread's CPU time:
 * what the page itself spent, whereas a task's wall-clock also counts the time the OS gave the core
 * to another process (on CI's two cores, another browser file beside this one).
 */
function mainThreadTasks(trace: Buffer): MainThreadTask[] {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents
  const started = events.find((event) => event.name === 'TracingStartedInBrowser')
  const pid = started?.args?.data?.frames?.[0]?.processId
  const main = events.find(
    (event) =>
      event.ph === 'M' &&
      event.name === 'thread_name' &&
      event.pid === pid &&
      event.args?.name === 'CrRendererMain',
  )
  if (main === undefined) throw new Error('the trace has no main thread for the page')
  return events
    .filter(
      (event) =>
        event.ph === 'X' && event.name === 'RunTask' && event.pid === pid && event.tid === main.tid,
    )
    .map((event) => {
      if (event.tdur === undefined) throw new Error('the trace has no thread times (tdur)')
      return { wallMs: (event.dur ?? 0) / 1000, cpuMs: event.tdur / 1000 }
    })
}

describe('big answers', () => {
  it('a 10 MB valid JSON answer (a giant revised prompt): polled without freezing, quick to show', async ({
    page,
    view,
    expect,
  }) => {
    // Every answer: the job as it stands, with one result whose revised prompt is 10 MB.
    const id = newJob()
    upstream.setFault({ kind: 'huge-body', format: 'json' }, id)
    const started = Date.now()
    await page.goto(`${app.url}/jobs/${id}`)
    const showFull = page.getByRole('button', { name: 'Show full prompt' })
    await showFull.waitFor({ timeout: 20_000 })
    expect(await view.statusRegion.textContent()).toContain('PROCESSING')
    const renderMs = Date.now() - started
    console.log(`10 MB job answer: page loaded and the job on screen in ${renderMs} ms`)
    expect(renderMs).toBeLessThan(10_000)

    // Polled while PROCESSING: each poll downloads and parses 10 MB without freezing the page. The
    // bound is on the CPU time of the page's longest task, which the app controls: its wall-clock
    // (a long task's duration) also counts the time the page waited for a core, which stretched a
    // ~40 ms task to 347 ms beside another browser file and a busy core, and once to 1.26 s on CI.
    await browser.startTracing(page, {
      categories: ['toplevel', 'disabled-by-default-devtools.timeline'],
    })
    const polled = upstream.requestsFor(id).length
    await expect
      .poll(() => upstream.requestsFor(id).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(polled + 3)
    const tasks = mainThreadTasks(await browser.stopTracing())
    expect(tasks.length).toBeGreaterThan(0)
    const longest = (key: keyof MainThreadTask) => Math.round(Math.max(...tasks.map((t) => t[key])))
    console.log(
      `10 MB job answer: longest task over 3 polls: ${longest('cpuMs')} ms of CPU (longest wall-clock ${longest('wallMs')} ms)`,
    )
    expect(longest('cpuMs')).toBeLessThan(1_000)
    upstream.setJob(id, jobBody(id, 'COMPLETED'))
    await view.expectStatus('COMPLETED')

    // The card shows a clamped preview; expanded, at most 20,000 characters and a note.
    const main = page.getByRole('main')
    const prompt = main.locator('li p[dir="auto"]')
    expect(await prompt.evaluate((element) => element.clientHeight)).toBeLessThan(100)
    const interactionStarted = Date.now()
    await showFull.click()
    await main.getByText(/more characters not shown here/).waitFor()
    expect(((await prompt.textContent()) ?? '').length).toBe(20_000)
    await main.getByRole('button', { name: 'Show less' }).click()
    await main.getByRole('button', { name: 'Open image 1 of 1 larger' }).click()
    await page
      .getByRole('dialog')
      .getByText(/more characters not shown here/)
      .waitFor()
    await page.keyboard.press('Escape')
    const interactionMs = Date.now() - interactionStarted
    console.log(`10 MB job answer: expand, collapse and open the lightbox in ${interactionMs} ms`)
    expect(interactionMs).toBeLessThan(10_000)
    expect(((await main.getByRole('img').getAttribute('alt')) ?? '').length).toBeLessThanOrEqual(
      301,
    )
    expect(await view.alert.count()).toBe(0)
  })

  it('1,000 results: the gallery shows all of them, loads images lazily and stays responsive', async ({
    page,
    expect,
  }) => {
    const results = Array.from({ length: 1_000 }, (_, index) => ({
      url: `${upstream.url}/images/${index}.png`,
      revised_prompt: `Result ${index + 1}: a red fox in fresh snow`,
    }))
    const id = newJob('COMPLETED', results)
    const imagesBefore = upstream.imageRequests.length

    const started = Date.now()
    await page.goto(`${app.url}/jobs/${id}`)
    await page.getByRole('heading', { name: 'Results (1000)' }).waitFor({ timeout: 20_000 })
    const gallery = page.getByRole('region', { name: /Results/ }).locator('li')
    await expect.poll(() => gallery.count()).toBe(1_000)
    const renderMs = Date.now() - started
    console.log(`1,000 results: page loaded and all 1,000 gallery items rendered in ${renderMs} ms`)
    expect(renderMs).toBeLessThan(10_000)

    const images = page.getByRole('main').locator('img')
    expect(await images.count()).toBe(1_000)
    expect(
      await images.evaluateAll((all) =>
        all.slice(1).every((img) => img.getAttribute('loading') === 'lazy'),
      ),
    ).toBe(true)
    await expect.poll(() => upstream.imageRequests.length - imagesBefore).toBeGreaterThan(0)
    // Lazy: only the images near the viewport have been fetched.
    expect(upstream.imageRequests.length - imagesBefore).toBeLessThan(200)

    // Responsive: the lightbox opens and moves at once.
    const clickStarted = Date.now()
    await page.getByRole('button', { name: 'Open image 1 of 1000 larger' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText('Image 1 of 1000').waitFor()
    await page.keyboard.press('ArrowLeft')
    await dialog.getByText('Image 1000 of 1000').waitFor()
    const interactionMs = Date.now() - clickStarted
    console.log(`1,000 results: lightbox open and moved to the last image in ${interactionMs} ms`)
    expect(interactionMs).toBeLessThan(10_000)
    await page.keyboard.press('Escape')

    // The last one loads when scrolled to (once the viewer has closed and given the focus back).
    await expect.poll(() => dialog.count()).toBe(0)
    const last = images.last()
    await expect
      .poll(async () => {
        try {
          await last.scrollIntoViewIfNeeded({ timeout: 2_000 })
          return await last.evaluate(
            (img: HTMLImageElement) => img.complete && img.naturalWidth > 0,
          )
        } catch {
          return false // re-rendered meanwhile: look it up again
        }
      })
      .toBe(true)
  })
})

describe.concurrent('job states the API should not send', () => {
  it('COMPLETED flips back to PROCESSING: polling stopped, Refresh shows it and polling resumes', async ({
    page,
    view,
    expect,
  }) => {
    // The first answer says COMPLETED; every later one says PROCESSING again.
    const id = randomUUID()
    upstream.setJobSequence(id, [jobBody(id, 'COMPLETED'), jobBody(id, 'PROCESSING')])
    await view.open(id, 'COMPLETED')
    const atCompleted = upstream.requestsFor(id).length
    await page.waitForTimeout(2_000)
    expect(upstream.requestsFor(id).length).toBe(atCompleted)

    await page.getByRole('button', { name: 'Refresh' }).click()
    await expect.poll(() => view.statusRegion.textContent()).toContain('PROCESSING')
    expect(await page.getByRole('button', { name: 'Pause auto-refresh' }).isVisible()).toBe(true)
    expect(await page.getByText('not finished yet').isVisible()).toBe(true)
    await expect
      .poll(() => upstream.requestsFor(id).length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(atCompleted + 3)
  })

  it('unknown status strings are shown as sent and polled on; a final status still stops it', async ({
    page,
    view,
    expect,
  }) => {
    const id = newJob()
    await view.open(id)

    for (const status of [
      'CANCELLED_BY_OPERATOR',
      'completed',
      '<img src=x onerror=alert(1)>',
      `VERY_LONG_${'X'.repeat(300)}`,
    ]) {
      upstream.setJob(id, jobBody(id, status))
      await expect
        .poll(() => view.statusRegion.textContent(), { timeout: 10_000 })
        .toContain(status)
      expect(await view.statusRegion.textContent()).toContain('A status this version does not know')
    }
    upstream.setJob(id, jobBody(id, ''))
    await expect
      .poll(() => view.statusRegion.textContent(), { timeout: 10_000 })
      .toContain('(empty status)')
    expect(await page.locator('main img[src="x"]').count()).toBe(0)
    // The long one is cut off by the badge, not by the page: no sideways scrolling.
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0)

    await view.expectRecovery(id)
    const final = upstream.requestsFor(id).length
    await page.waitForTimeout(2_000)
    expect(upstream.requestsFor(id).length).toBe(final)
  })
})

describe.concurrent('hostile content', () => {
  it('unsafe result URLs are never an image or a link: inert text with a warning', async ({
    page,
    view,
    expect,
  }) => {
    const unsafe = [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      '/relative.png',
      'http://',
      'ht!tp://x',
    ]
    const id = newJob('COMPLETED', [
      { url: `${upstream.url}/images/safe.png`, revised_prompt: 'The safe one' },
      ...unsafe.map((url, index) => ({ url, revised_prompt: `Unsafe ${index + 1}` })),
    ])
    await view.open(id, 'COMPLETED')

    const main = page.getByRole('main')
    expect(await main.getByText('Image not shown').count()).toBe(unsafe.length)
    for (const url of unsafe) {
      expect(await main.locator('code').getByText(url, { exact: true }).isVisible()).toBe(true)
    }
    const attributes = await page.evaluate(() =>
      [...document.querySelectorAll('[src], [href]')].map(
        (element) => element.getAttribute('src') ?? element.getAttribute('href') ?? '',
      ),
    )
    for (const url of unsafe) expect(attributes).not.toContain(url)
    expect(attributes.filter((value) => /^(javascript|data):/i.test(value))).toEqual([])
    expect(await main.locator('img').count()).toBe(1)

    // In the lightbox too: moving onto an unsafe result shows why, and no image or link.
    await page.getByRole('button', { name: 'Open image 1 of 6 larger' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText('Image 1 of 6').waitFor()
    await page.keyboard.press('ArrowRight')
    await dialog.getByText('Image 2 of 6').waitFor()
    expect(await dialog.getByText(/A javascript: URL is never opened/).isVisible()).toBe(true)
    expect(await dialog.locator('img').count()).toBe(0)
    expect(await dialog.getByRole('link').count()).toBe(0)
    await page.keyboard.press('Escape')
  })

  it('revised prompts with markup, right-to-left text, emoji and 10,000 characters stay text', async ({
    page,
    view,
    expect,
  }) => {
    const prompts = {
      markup: '<img src=x onerror=alert(1)><script>alert(2)</script><b>bold?</b>',
      arabic: 'قطة سوداء تجلس على نافذة في ليلة ممطرة',
      hebrew: 'חתול שחור יושב על אדן החלון בלילה גשום',
      emoji: '🦊🌲❄️ a fox in snow 👨‍👩‍👧‍👦 🏳️‍🌈',
      long: `A very long prompt. ${'lorem ipsum dolor sit amet '.repeat(400)}`.slice(0, 10_000),
    }
    const id = newJob(
      'COMPLETED',
      Object.values(prompts).map((prompt, index) => ({
        url: `${upstream.url}/images/p${index}.png`,
        revised_prompt: prompt,
      })),
    )
    await view.open(id, 'COMPLETED')
    const main = page.getByRole('main')

    for (const prompt of [prompts.markup, prompts.arabic, prompts.hebrew, prompts.emoji]) {
      expect(await main.getByText(prompt, { exact: true }).isVisible()).toBe(true)
    }
    expect(await main.locator('script, b, img[src="x"]').count()).toBe(0)
    const direction = (text: string) =>
      main
        .locator('li p[dir="auto"]')
        .filter({ hasText: text })
        .evaluate((element) => getComputedStyle(element).direction)
    expect(await direction(prompts.arabic)).toBe('rtl')
    expect(await direction(prompts.hebrew)).toBe('rtl')
    expect(await direction('a fox in snow')).toBe('ltr')

    // The 10,000-character prompt is clamped with a toggle, and whole when asked for.
    const long = main.locator('li p[dir="auto"]').filter({ hasText: 'A very long prompt.' })
    const clamped = await long.evaluate((element) => element.clientHeight)
    expect(clamped).toBeLessThan(100)
    await main.getByRole('button', { name: 'Show full prompt' }).click()
    expect(await long.textContent()).toBe(prompts.long)
    expect(await long.evaluate((element) => element.clientHeight)).toBeGreaterThan(clamped * 10)
    expect(await main.getByText(/more characters not shown/).count()).toBe(0)
    await main.getByRole('button', { name: 'Show less' }).click()
    expect(await long.evaluate((element) => element.clientHeight)).toBe(clamped)
  })
})
