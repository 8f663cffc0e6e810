// npm run bench — how fast the answer appears, what watching costs and what the first load weighs,
// against the production build served by the project's nginx, with a stub upstream of fixed latency
// on loopback, in headless Chromium. Every goal is measured beside its floor in the same run and
// printed as a ratio (scripts/floor-app.ts builds the floors). Prints a table; nothing here is a test.
//
//   npm run bench -- [--latency=100] [--runs=15] [--poll-job-s=30] [--postponed-s=60]
//                    [--hidden-s=30] [--batch=1000] [--growth=100,1000,10000] [--memory-s=120]
//                    [--lighthouse-runs=3] [--quick]
import { existsSync, readFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '../test/browser/support/chromium.ts'
import {
  type StubUpstream,
  json,
  startStubUpstream,
} from '../test/browser/support/stub-upstream.ts'
import { DEFAULT_RATE_LIMIT } from '../server/settings.ts'
import { type LighthouseFigures, lighthouseMedians } from './bench-lighthouse.ts'
import { median, percentile } from './bench-stats.ts'
import { runScript, startStubSite } from './bench-site.ts'
import { buildFloorApps } from './floor-app.ts'
import { measureFirstLoad } from './measure-first-load.ts'
import { type Serve, ensureBuilt } from './nginx-runtime.ts'

// ---------------------------------------------------------------------------------------------
// Options

function option(name: string, fallback: number): number {
  const found = process.argv.find((arg) => arg.startsWith(`--${name}=`))
  const value = found ? Number(found.split('=')[1]) : fallback
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number ≥ 0`)
  return value
}
function listOption(name: string, fallback: readonly number[]): number[] {
  const found = process.argv.find((arg) => arg.startsWith(`--${name}=`))
  if (!found) return [...fallback]
  const values = (found.split('=')[1] ?? '').split(',').map(Number)
  if (values.some((value) => !Number.isInteger(value) || value < 1)) {
    throw new Error(`--${name} must be whole numbers ≥ 1, separated by commas`)
  }
  return values
}
const quick = process.argv.includes('--quick')
const LATENCY_MS = option('latency', 100)
const RUNS = option('runs', quick ? 5 : 15)
const POLL_JOB_S = option('poll-job-s', quick ? 10 : 30)
const POSTPONED_S = option('postponed-s', quick ? 20 : 60)
const HIDDEN_S = option('hidden-s', quick ? 10 : 30)
const BATCH = option('batch', quick ? 200 : 1000)
const GROWTH = listOption('growth', quick ? [100, 1000] : [100, 1000, 10_000])
const MEMORY_S = option('memory-s', quick ? 20 : 120)
/** Lighthouse audits per page (0 skips part 7). */
const LIGHTHOUSE_RUNS = option('lighthouse-runs', quick ? 1 : 3)
/** nginx's limit on lookups per second per person: the default unless JOBSCOPE_RATE_LIMIT is set. */
const RATE_LIMIT = Number(process.env.JOBSCOPE_RATE_LIMIT || DEFAULT_RATE_LIMIT)
/** The growth rows measure the page, not the limit: their nginx lets 6 in flight bind instead. */
const GROWTH_RATE_LIMIT = 1_000

// ---------------------------------------------------------------------------------------------
// Helpers

const ms = (value: number) => `${Math.round(value)} ms`
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const ratio = (value: number, floor: number) => `×${(value / floor).toFixed(2)}`

let idCounter = 0
/** A fresh, valid UUID v4 per call, so no run reuses another's cache. */
function nextId(): string {
  idCounter += 1
  const hex = idCounter.toString(16).padStart(12, '0')
  return `b3c4d5e6-f7a8-4b9c-8d0e-${hex}`
}

const rows: Array<[string, string]> = []
function report(metric: string, value: string) {
  rows.push([metric, value])
  console.log(`  ${metric}: ${value}`)
}

function completedImageJob(stub: StubUpstream, id: string) {
  return {
    ...json(200, {
      id,
      status: 'COMPLETED',
      created: '2025-05-17T07:00:24.000Z',
      finished: '2025-05-17T07:00:31.000Z',
      model: 'Flux.1 [dev]',
      results: [{ url: stub.imageUrl(id), revised_prompt: 'A benchmark lighthouse at dusk' }],
    }),
    delayMs: LATENCY_MS,
  }
}

function completedChatJob() {
  return {
    ...json(200, {
      status: 'COMPLETED',
      created: 1747465224,
      finished: 1747465231,
      model: 'Llama-3.1-8B-Instruct',
      usage: { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 },
      choices: [
        {
          index: 0,
          finish_reason: 'stop',
          message: { role: 'assistant', content: 'The benchmark answer.' },
        },
      ],
    }),
    delayMs: LATENCY_MS,
  }
}

/** What counts as the answer: the final status alone, or with the first result shown too. */
type Answer = 'status' | 'image' | 'chat'

/**
 * Waits in the page until the final status is shown and, for 'image' and 'chat', the first result
 * too (the first image loaded, or the answer's text); returns performance.now() then. The floors use
 * the same marks.
 */
async function waitForAnswer(page: Page, answer: Answer, timeoutMs = 30_000): Promise<number> {
  const handle = await page.waitForFunction(
    (kind) => {
      // The status region (the floors have one live region; the app several, this one says Status)
      const regions = [...document.querySelectorAll('[aria-live="polite"]')]
      const status = regions.map((region) => region.textContent ?? '').join('\n')
      if (!/COMPLETED/.test(status)) return false
      if (kind === 'status') return performance.now()
      if (kind === 'chat') {
        return /The benchmark answer\./.test(document.querySelector('main')?.textContent ?? '')
          ? performance.now()
          : false
      }
      const image = document.querySelector<HTMLImageElement>('main img')
      return image?.complete && image.naturalWidth > 0 ? performance.now() : false
    },
    answer,
    { polling: 'raf', timeout: timeoutMs },
  )
  return (await handle.jsonValue()) as number
}

/** Opens `url` in a fresh context (empty cache) and returns ms from navigation start to the answer. */
async function coldOpen(browser: Browser, url: string, answer: Answer): Promise<number> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(url, { waitUntil: 'commit' })
  const done = await waitForAnswer(page, answer)
  await context.close()
  return done
}

function summary(values: readonly number[]): string {
  return `${ms(median(values))} (p95 ${ms(percentile(values, 95))})`
}

// ---------------------------------------------------------------------------------------------
// 1. Cold open and submit, against the network floor

interface Sites {
  /** Jobscope behind nginx with the default rate limit. */
  readonly app: string
  /** The floor apps behind the same nginx configuration. */
  readonly floor: string
}

async function answerSpeed(browser: Browser, stub: StubUpstream, sites: Sites) {
  console.log(
    `\n1. The answer (${RUNS} runs each, side by side, upstream latency ${LATENCY_MS} ms)`,
  )
  const floor: number[] = []
  const stack: number[] = []
  const bare: number[] = []
  const linked: number[] = []
  const bareChat: number[] = []
  const linkedChat: number[] = []
  const script = (answer: Answer) => {
    const id = nextId()
    if (answer === 'image') stub.script(id, () => completedImageJob(stub, id))
    else stub.script(id, () => completedChatJob(), 'chat')
    return id
  }
  // Interleaved, so a noisy moment of the shared machine costs every variant alike.
  for (let run = 0; run < RUNS; run += 1) {
    floor.push(await coldOpen(browser, `${sites.floor}/cold.html?id=${script('image')}`, 'image'))
    stack.push(await coldOpen(browser, `${sites.floor}/jobs/${script('image')}`, 'image'))
    bare.push(await coldOpen(browser, `${sites.app}/jobs/${script('image')}`, 'image'))
    linked.push(
      await coldOpen(browser, `${sites.app}/jobs/${script('image')}?kind=images`, 'image'),
    )
    bareChat.push(await coldOpen(browser, `${sites.app}/jobs/${script('chat')}`, 'chat'))
    linkedChat.push(
      await coldOpen(browser, `${sites.app}/jobs/${script('chat')}?kind=chat`, 'chat'),
    )
  }
  const floorMedian = median(floor)
  const stackMedian = median(stack)
  report('network floor: tiny page + one proxied lookup → status and image shown', summary(floor))
  report(
    'stack floor: React + React Query + zod/mini job viewer → same',
    `${summary(stack)} ${ratio(stackMedian, floorMedian)} the network floor`,
  )
  report(
    'cold open /jobs/:id (bare image id) → same; goal ≤ ×1.15 the stack floor',
    `${summary(bare)} ${ratio(median(bare), stackMedian)} (network floor ${ratio(median(bare), floorMedian)})`,
  )
  report(
    'cold open /jobs/:id?kind=images → same; goal ≤ ×1.15 the stack floor',
    `${summary(linked)} ${ratio(median(linked), stackMedian)} (network floor ${ratio(median(linked), floorMedian)})`,
  )
  report('cold open, bare chat id → status and answer shown', summary(bareChat))
  report(
    'cold open, ?kind=chat link → same (the search costs the difference)',
    `${summary(linkedChat)} (bare − link: ${ms(median(bareChat) - median(linkedChat))})`,
  )

  // Submit on a loaded home page: what the page adds to the lookup's own round trip.
  const overheads: number[] = []
  const roundTrips: number[] = []
  for (let run = 0; run < RUNS; run += 1) {
    const page = await browser.newPage()
    await page.goto(sites.app)
    await page.getByLabel('Job ID').waitFor()
    const id = script('image')
    await page.evaluate(() => {
      document.addEventListener(
        'submit',
        () => {
          ;(window as unknown as { benchStart: number }).benchStart = performance.now()
        },
        { capture: true, once: true },
      )
    })
    await page.getByLabel('Job ID').fill(id)
    await page.getByRole('button', { name: 'Look up' }).click()
    // The goal is about the status: the first image's own download would add its host's latency.
    const done = await waitForAnswer(page, 'status')
    const [start, roundTrip] = await page.evaluate<[number, number]>(`(() => {
      const api = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/async/images/result'))
      return [window.benchStart, api ? api.responseEnd - api.startTime : NaN]
    })()`)
    overheads.push(done - start - roundTrip)
    roundTrips.push(roundTrip)
    await page.close()
  }
  report(
    'submit → final status shown, minus the lookup’s own round trip; goal ≤ +20 ms',
    summary(overheads),
  )
  report('  (the lookup’s round trip itself)', summary(roundTrips))
}

// ---------------------------------------------------------------------------------------------
// 2. Polling cost

function countRequests(stub: StubUpstream, id: string): number {
  return stub.requests.filter((request) => request.body.includes(id)).length
}

async function pollingCost(browser: Browser, stub: StubUpstream, url: string) {
  console.log(`\n2. Polling cost (run side by side, in separate tabs)`)
  const finishing = nextId()
  const postponed = nextId()
  const hidden = nextId()
  let finishingStart: number | undefined
  stub.script(finishing, () => {
    finishingStart ??= Date.now()
    const done = Date.now() - finishingStart >= POLL_JOB_S * 1000
    return {
      ...json(200, {
        id: finishing,
        status: done ? 'COMPLETED' : 'PROCESSING',
        created: '2025-05-17T07:00:24.000Z',
        finished: done ? '2025-05-17T07:00:54.000Z' : null,
        results: done ? [{ url: stub.imageUrl(finishing), revised_prompt: 'done' }] : [],
      }),
      delayMs: LATENCY_MS,
    }
  })
  const stuck = (id: string) => () => ({
    ...json(200, { id, status: 'POSTPONED', created: '2025-05-17T07:00:24Z' }),
    delayMs: LATENCY_MS,
  })
  stub.script(postponed, stuck(postponed))
  stub.script(hidden, stuck(hidden))

  const open = async (id: string) => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${url}/jobs/${id}?kind=images`)
    return { context, page }
  }

  const finishingRun = (async () => {
    const { context, page } = await open(finishing)
    await waitForAnswer(page, 'image', (POLL_JOB_S + 30) * 1000)
    const atCompletion = countRequests(stub, finishing)
    await page.waitForTimeout(10_000)
    const after = countRequests(stub, finishing) - atCompletion
    await context.close()
    return { atCompletion, after }
  })()

  const postponedRun = (async () => {
    const { context, page } = await open(postponed)
    await page.waitForTimeout(POSTPONED_S * 1000)
    const count = countRequests(stub, postponed)
    await context.close()
    return count
  })()

  const hiddenRun = (async () => {
    const { context, page } = await open(hidden)
    await page.locator('[aria-live="polite"]', { hasText: 'POSTPONED' }).waitFor()
    // Headless tabs are always visible: tell the page it was hidden, as a browser would.
    // (A string, not a function: tsx would wrap a function's arrows in helpers the page lacks.)
    await page.evaluate(`
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' })
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true })
      document.dispatchEvent(new Event('visibilitychange'))
    `)
    const before = countRequests(stub, hidden)
    await page.waitForTimeout(HIDDEN_S * 1000)
    const during = countRequests(stub, hidden) - before
    await context.close()
    return during
  })()

  const [finished, postponedCount, hiddenCount] = await Promise.all([
    finishingRun,
    postponedRun,
    hiddenRun,
  ])
  report(`requests for a job that completes after ${POLL_JOB_S} s`, String(finished.atCompletion))
  report('requests in 10 s after it completed (goal 0)', String(finished.after))
  report(`requests in ${POSTPONED_S} s for a job stuck in POSTPONED`, String(postponedCount))
  report(`requests in ${HIDDEN_S} s while the tab is hidden (goal 0)`, String(hiddenCount))
}

// ---------------------------------------------------------------------------------------------
// 3. Batch under the rate limit, 4. growth, 5. memory

async function heapUsed(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page)
  await session.send('HeapProfiler.collectGarbage')
  await session.send('Performance.enable')
  const { metrics } = await session.send('Performance.getMetrics')
  await session.detach()
  return metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? Number.NaN
}

/** The 429s nginx answered so far, from its access log (`"POST /api/… HTTP/1.1" 429 …`). */
function nginxLimited(accessLog: string): number {
  if (!existsSync(accessLog)) return 0
  return readFileSync(accessLog, 'utf8').match(/" 429 /g)?.length ?? 0
}

/** Counts the 429 answers a page receives. */
function count429(page: Page): () => number {
  let limited = 0
  page.on('response', (response) => {
    if (response.status() === 429) limited += 1
  })
  return () => limited
}

interface BatchRun {
  readonly interactiveMs: number
  readonly finalMs: number
  readonly heapBytes: number
  readonly limited: number
}

/** Pastes `count` COMPLETED image ids on /batch and follows them until every row is final. */
async function runBatch(
  browser: Browser,
  stub: StubUpstream,
  url: string,
  count: number,
): Promise<BatchRun> {
  const ids = Array.from({ length: count }, () => nextId())
  for (const id of ids) stub.script(id, () => completedImageJob(stub, id))
  stub.resetStats()
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const limited = count429(page)
  await page.goto(`${url}/batch`)
  // As a paste lands, in one step: Playwright's fill() types multi-line text through Chromium's
  // editing commands, which take ~30 s for 4,000 lines before the page sees any of it.
  await page.getByLabel('Job IDs').evaluate((box: HTMLTextAreaElement, text: string) => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(box, text)
    box.dispatchEvent(new Event('input', { bubbles: true }))
  }, ids.join('\n'))
  const start = Date.now()
  await page.getByRole('button', { name: 'Look up all' }).click()
  await page.locator('tbody tr[data-row-group]').first().waitFor()
  // Interactive: the first row is there and a click on a sort header is handled.
  await page
    .getByRole('button', { name: /^Status/ })
    .first()
    .click()
  const interactiveMs = Date.now() - start
  await page.waitForFunction(
    (total) =>
      new RegExp(`${total}\\s*COMPLETED`).test(
        document.querySelector('[aria-label="Filter by status"]')?.textContent ?? '',
      ),
    count,
    { timeout: 30 * 60_000, polling: 250 },
  )
  const finalMs = Date.now() - start
  const heapBytes = await heapUsed(page)
  await page.close()
  return { interactiveMs, finalMs, heapBytes, limited: limited() }
}

/** Ideal time for `count` answers: 6 in flight at `latency`, or the rate limit when that binds. */
function idealMs(count: number, rateLimit: number): number {
  return (count / Math.min(6 / (LATENCY_MS / 1000), rateLimit)) * 1000
}

async function batchUnderLimit(browser: Browser, stub: StubUpstream, app: Serve) {
  console.log(`\n3. Batch of ${BATCH} ids under the default rate limit (${RATE_LIMIT}/s)`)
  const before = nginxLimited(app.accessLog)
  const run = await runBatch(browser, stub, app.url, BATCH)
  const ideal = idealMs(BATCH, RATE_LIMIT)
  report('time until the table is interactive', ms(run.interactiveMs))
  report('most requests in flight (at the upstream)', String(stub.maxInFlight))
  report(
    `time until all rows are final vs ideal (ids ÷ min(6 ÷ latency, ${RATE_LIMIT}/s))`,
    `${ms(run.finalMs)} vs ${ms(ideal)} (${ratio(run.finalMs, ideal)})`,
  )
  report(
    'answers 429: seen by the browser / in nginx’s access log (goal 0)',
    `${run.limited} / ${nginxLimited(app.accessLog) - before}`,
  )
}

async function growth(browser: Browser, stub: StubUpstream, fast: Serve) {
  console.log(
    `\n4. Growth: ${GROWTH.join(', ')} ids (nginx at ${GROWTH_RATE_LIMIT}/s, so 6 in flight bind)`,
  )
  const runs = new Map<number, BatchRun>()
  for (const count of GROWTH) {
    const run = await runBatch(browser, stub, fast.url, count)
    runs.set(count, run)
    const ideal = idealMs(count, GROWTH_RATE_LIMIT)
    report(
      `${count.toLocaleString('en-US')} ids: interactive / all final vs ideal / JS heap`,
      `${ms(run.interactiveMs)} / ${ms(run.finalMs)} vs ${ms(ideal)} (${ratio(run.finalMs, ideal)}) / ${kb(run.heapBytes)} (${(run.heapBytes / count / 1024).toFixed(1)} KB per id)`,
    )
  }
  const small = runs.get(1_000)
  const large = runs.get(10_000)
  if (small && large) {
    report(
      '10,000 ids vs ten times 1,000 (goal ≤ ×1.30): interactive / all final / heap',
      `${ratio(large.interactiveMs, 10 * small.interactiveMs)} / ${ratio(large.finalMs, 10 * small.finalMs)} / ${ratio(large.heapBytes, 10 * small.heapBytes)}`,
    )
  }
}

async function memory(browser: Browser, stub: StubUpstream, url: string) {
  console.log(`\n5. Memory while ${BATCH} rows poll for ${MEMORY_S} s`)
  const pending = Array.from({ length: BATCH }, () => nextId())
  for (const id of pending) {
    stub.script(id, () => ({
      ...json(200, { id, status: 'PROCESSING', created: '2025-05-17T07:00:24Z' }),
      delayMs: LATENCY_MS,
    }))
  }
  const watcher = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const limited = count429(watcher)
  await watcher.goto(`${url}/batch`)
  await watcher.getByLabel('Job IDs').fill(pending.join('\n'))
  await watcher.getByRole('button', { name: 'Look up all' }).click()
  await watcher.waitForFunction(
    (count) =>
      new RegExp(`${count}\\s*PROCESSING`).test(
        document.querySelector('[aria-label="Filter by status"]')?.textContent ?? '',
      ),
    BATCH,
    { timeout: 10 * 60_000, polling: 250 },
  )
  const afterLoad = await heapUsed(watcher)
  stub.resetStats()
  await watcher.waitForTimeout(MEMORY_S * 1000)
  const later = await heapUsed(watcher)
  const polled = stub.requests.length
  await watcher.close()
  report(
    `JS heap with ${BATCH} rows: after load → after ${MEMORY_S} s of polling`,
    `${kb(afterLoad)} → ${kb(later)} (×${(later / afterLoad).toFixed(2)}, ${polled} polls, ${limited()} × 429)`,
  )
}

// ---------------------------------------------------------------------------------------------
// 6. Weight

async function weight(browser: Browser, stub: StubUpstream, sites: Sites) {
  console.log('\n6. Weight of the first load (document + JS + CSS, compressed, with headers)')
  const id = nextId()
  stub.script(id, () => completedImageJob(stub, id))
  const floor = await measureFirstLoad(browser, `${sites.floor}/jobs/${id}`)
  const home = await measureFirstLoad(browser, `${sites.app}/`)
  const job = await measureFirstLoad(browser, `${sites.app}/jobs/${id}`)
  const parts = (load: typeof home) => {
    const of = (type: string) =>
      load.resources
        .filter((resource) => resource.type === type)
        .reduce((sum, resource) => sum + resource.bodyBytes + resource.headerBytes, 0)
    return `HTML ${kb(of('document'))}, JS ${kb(of('script'))}, CSS ${kb(of('stylesheet'))}`
  }
  report(
    'stack floor (React + React Query + zod/mini job viewer, same build and nginx)',
    `${kb(floor.appTransferBytes)} (${parts(floor)})`,
  )
  report(
    'first load of / ; goal ≤ ×1.30',
    `${kb(home.appTransferBytes)} ${ratio(home.appTransferBytes, floor.appTransferBytes)} (${parts(home)})`,
  )
  report(
    'first load of /jobs/:id ; goal ≤ ×1.30',
    `${kb(job.appTransferBytes)} ${ratio(job.appTransferBytes, floor.appTransferBytes)} (${parts(job)})`,
  )
}

// ---------------------------------------------------------------------------------------------
// 7. Lighthouse, mobile preset

async function lighthouseScores(stub: StubUpstream, sites: Sites) {
  if (LIGHTHOUSE_RUNS === 0) return
  console.log(
    `\n7. Lighthouse 12.2.3, mobile preset, performance (median of ${LIGHTHOUSE_RUNS} audits each)`,
  )
  const job = (site: string) => () => {
    const id = nextId()
    stub.script(id, () => completedImageJob(stub, id))
    return `${site}/jobs/${id}`
  }
  const [floor, home, jobPage] = await lighthouseMedians(
    [
      { label: 'stack floor /jobs/:id', url: job(sites.floor) },
      { label: 'Jobscope /', url: () => `${sites.app}/` },
      { label: 'Jobscope /jobs/:id', url: job(sites.app) },
    ],
    LIGHTHOUSE_RUNS,
  )
  if (floor === undefined || home === undefined || jobPage === undefined) return
  const figures = (lh: LighthouseFigures) =>
    `score ${lh.score}, FCP ${ms(lh.fcpMs)}, LCP ${ms(lh.lcpMs)}, TBT ${ms(lh.tbtMs)}, ${kb(lh.bytes)}`
  report('Lighthouse: stack floor /jobs/:id (completed image job)', figures(floor))
  report('Lighthouse: / ; goal score ≥ 98', figures(home))
  report(
    'Lighthouse: /jobs/:id (completed image job); goal score ≥ 98, LCP ≤ ×1.15 the floor’s',
    `${figures(jobPage)}; LCP ${ratio(jobPage.lcpMs, floor.lcpMs)}, FCP ${ratio(jobPage.fcpMs, floor.fcpMs)}`,
  )
}

// ---------------------------------------------------------------------------------------------

async function main() {
  process.env.NODE_ENV = 'production'
  console.log('Building Jobscope and the floors…')
  ensureBuilt({ quiet: true })
  const floorDir = await buildFloorApps()
  const stub = await startStubUpstream()
  const rateLimit = process.env.JOBSCOPE_RATE_LIMIT
    ? { JOBSCOPE_RATE_LIMIT: String(RATE_LIMIT) }
    : {}
  const app = await startStubSite(stub, { env: rateLimit })
  // The floors get no rate limit to trip over, and the growth rows a limit that never binds.
  const floor = await startStubSite(stub, {
    siteDir: floorDir,
    env: { JOBSCOPE_RATE_LIMIT: String(GROWTH_RATE_LIMIT) },
  })
  const fast = await startStubSite(stub, {
    env: { JOBSCOPE_RATE_LIMIT: String(GROWTH_RATE_LIMIT) },
  })
  const browser = await launchChromium()
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${browser.version()}`
  console.log(
    `Jobscope benchmark — ${machine}\nnginx at ${app.url} (${RATE_LIMIT} lookups/s per client), floors at ${floor.url}, stub upstream at ${stub.url}`,
  )
  const sites = { app: app.url, floor: floor.url }
  try {
    await answerSpeed(browser, stub, sites)
    await weight(browser, stub, sites)
    await pollingCost(browser, stub, app.url)
    await batchUnderLimit(browser, stub, app)
    await growth(browser, stub, fast)
    await memory(browser, stub, fast.url)
    await lighthouseScores(stub, sites)
  } finally {
    await browser.close()
    await Promise.all([app.stop(), floor.stop(), fast.stop()])
    await stub.close()
  }
  const width = Math.max(...rows.map(([metric]) => metric.length))
  console.log(`\nJobscope benchmark — ${new Date().toISOString().slice(0, 10)} — ${machine}`)
  console.log(
    `upstream latency ${LATENCY_MS} ms, rate limit ${RATE_LIMIT}/s${quick ? ' (quick run)' : ''}\n`,
  )
  console.log(`| ${'metric'.padEnd(width)} | value |`)
  console.log(`|${'-'.repeat(width + 2)}|-------|`)
  for (const [metric, value] of rows) console.log(`| ${metric.padEnd(width)} | ${value} |`)
}

runScript(main)
