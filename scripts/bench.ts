// npm run bench — how fast the answer appears and what watching costs, against the production build
// served by the project's nginx (with its default rate limit), with a stub upstream of fixed latency
// on loopback, in headless Chromium. Prints a table; nothing here is a test (the figures go in the
// README by hand).
//
//   npm run bench -- [--latency=100] [--runs=20] [--poll-job-s=30] [--postponed-s=60]
//                    [--hidden-s=30] [--batch=1000] [--memory-s=120] [--quick]
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import react from '@vitejs/plugin-react'
import type { Browser, Page } from 'playwright-core'
import { build } from 'vite'
import { freePort } from '../test/browser/support/app-server.ts'
import { launchChromium } from '../test/browser/support/chromium.ts'
import {
  type StubUpstream,
  json,
  startStubUpstream,
} from '../test/browser/support/stub-upstream.ts'
import { measureInitialLoad } from './bundle-size.ts'
import { measureFirstLoad } from './measure-first-load.ts'
import { DEFAULT_RATE_LIMIT } from '../server/settings.ts'
import { DIST_DIR, ROOT, ensureBuilt, startServe, waitForHealthy } from './nginx-runtime.ts'

// ---------------------------------------------------------------------------------------------
// Options

function option(name: string, fallback: number): number {
  const found = process.argv.find((arg) => arg.startsWith(`--${name}=`))
  const value = found ? Number(found.split('=')[1]) : fallback
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number ≥ 0`)
  return value
}
const quick = process.argv.includes('--quick')
const LATENCY_MS = option('latency', 100)
const RUNS = option('runs', quick ? 5 : 20)
const POLL_JOB_S = option('poll-job-s', quick ? 10 : 30)
const POSTPONED_S = option('postponed-s', quick ? 20 : 60)
const HIDDEN_S = option('hidden-s', quick ? 10 : 30)
const BATCH = option('batch', quick ? 200 : 1000)
const MEMORY_S = option('memory-s', quick ? 20 : 120)
const API_KEY = 'bench-key-0c1d2e3f'
/** nginx's limit on lookups per second per person: the default unless JOBSCOPE_RATE_LIMIT is set. */
const RATE_LIMIT = Number(process.env.JOBSCOPE_RATE_LIMIT || DEFAULT_RATE_LIMIT)

// ---------------------------------------------------------------------------------------------
// Helpers

const median = (values: readonly number[]) => percentile(values, 50)
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] ?? Number.NaN
}
const ms = (value: number) => `${Math.round(value)} ms`
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

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

function completedJob(stub: StubUpstream, id: string) {
  return json(200, {
    id,
    status: 'COMPLETED',
    created: '2025-05-17T07:00:24.000Z',
    finished: '2025-05-17T07:00:31.000Z',
    model: 'Flux.1 [dev]',
    results: [{ url: stub.imageUrl(id), revised_prompt: 'A benchmark lighthouse at dusk' }],
  })
}

/** Waits in the page until the final status and the first image are visible; returns performance.now(). */
async function waitForAnswer(page: Page, timeoutMs = 30_000): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const status = document.querySelector('[aria-live="polite"]')?.textContent ?? ''
      const image = document.querySelector<HTMLImageElement>('main img')
      return /COMPLETED/.test(status) && image?.complete && image.naturalWidth > 0
        ? performance.now()
        : false
    },
    null,
    { polling: 'raf', timeout: timeoutMs },
  )
  return (await handle.jsonValue()) as number
}

// ---------------------------------------------------------------------------------------------
// 1. Answer overhead

async function answerOverhead(browser: Browser, stub: StubUpstream, url: string) {
  console.log(`\n1. Answer overhead (${RUNS} runs each, upstream latency ${LATENCY_MS} ms)`)
  const submit: number[] = []
  const cold: number[] = []
  /** Per warm run: API request start and end, image request start and end (ms after submit). */
  const breakdown: number[][] = []
  for (let run = 0; run < RUNS; run += 1) {
    // From submitting the id on a loaded home page.
    const warm = await browser.newPage()
    await warm.goto(url)
    await warm.getByLabel('Job ID').waitFor()
    const id = nextId()
    stub.script(id, () => ({ ...completedJob(stub, id), delayMs: LATENCY_MS }))
    await warm.evaluate(() => {
      document.addEventListener(
        'submit',
        () => {
          ;(window as unknown as { benchStart: number }).benchStart = performance.now()
        },
        { capture: true, once: true },
      )
    })
    await warm.getByLabel('Job ID').fill(id)
    await warm.getByRole('button', { name: 'Look up' }).click()
    const done = await waitForAnswer(warm)
    const start = await warm.evaluate(
      () => (window as unknown as { benchStart: number }).benchStart,
    )
    submit.push(done - start - LATENCY_MS)
    const timing = await warm.evaluate<number[]>(`(() => {
      const entries = performance.getEntriesByType('resource')
      const api = entries.find((e) => e.name.includes('/api/async/images/result'))
      const img = entries.find((e) => e.name.endsWith('.png'))
      return [api.startTime, api.responseEnd, img ? img.startTime : NaN, img ? img.responseEnd : NaN]
    })()`)
    breakdown.push(timing.map((value) => value - start))
    await warm.close()

    // Opening /jobs/:id cold: new context, empty cache, from navigation start.
    const context = await browser.newContext()
    const page = await context.newPage()
    const coldId = nextId()
    stub.script(coldId, () => ({ ...completedJob(stub, coldId), delayMs: LATENCY_MS }))
    await page.goto(`${url}/jobs/${coldId}`)
    cold.push((await waitForAnswer(page)) - LATENCY_MS)
    await context.close()
  }
  report(
    'submit → answer, minus latency: median / p95',
    `${ms(median(submit))} / ${ms(percentile(submit, 95))}`,
  )
  report(
    'cold /jobs/:id → answer, minus latency: median / p95',
    `${ms(median(cold))} / ${ms(percentile(cold, 95))}`,
  )
  report('ideal (one round trip + a frame), minus latency', '≈ 17 ms')
  const part = (index: number) => ms(median(breakdown.map((timing) => timing[index] ?? Number.NaN)))
  report(
    'after submit: API request starts / its answer ends / image requested / image loaded (medians)',
    `${part(0)} / ${part(1)} / ${part(2)} / ${part(3)}`,
  )
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
    await page.goto(`${url}/jobs/${id}`)
    return { context, page }
  }

  const finishingRun = (async () => {
    const { context, page } = await open(finishing)
    await waitForAnswer(page, (POLL_JOB_S + 30) * 1000)
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
  report('requests in 10 s after it completed', String(finished.after))
  report(`requests in ${POSTPONED_S} s for a job stuck in POSTPONED`, String(postponedCount))
  report(`requests in ${HIDDEN_S} s while the tab is hidden`, String(hiddenCount))
}

// ---------------------------------------------------------------------------------------------
// 3. Batch, and 5. memory

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

async function batch(browser: Browser, stub: StubUpstream, url: string, accessLog: string) {
  console.log(`\n3. Batch of ${BATCH} ids, and 5. memory while they poll`)
  const finals = Array.from({ length: BATCH }, () => nextId())
  for (const id of finals)
    stub.script(id, () => ({ ...completedJob(stub, id), delayMs: LATENCY_MS }))
  stub.resetStats()

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const limitedInBrowser = count429(page)
  const limitedBefore = nginxLimited(accessLog)
  await page.goto(`${url}/batch`)
  await page.getByLabel('Job IDs').fill(finals.join('\n'))
  const start = Date.now()
  await page.getByRole('button', { name: 'Look up all' }).click()
  await page.locator('tbody tr[data-row-group]').first().waitFor()
  // Interactive: the first row is there and a click on a sort header is handled.
  await page.getByRole('button', { name: 'Status' }).click()
  const interactive = Date.now() - start
  await page.waitForFunction(
    (count) =>
      new RegExp(`${count}\\s*COMPLETED`).test(
        document.querySelector('[aria-label="Filter by status"]')?.textContent ?? '',
      ),
    BATCH,
    { timeout: 10 * 60_000, polling: 250 },
  )
  const total = Date.now() - start
  // The page may start at most 6 / latency requests a second (6 in flight), and nginx takes at most
  // RATE_LIMIT a second: the slower of the two sets the pace.
  const ideal = (BATCH / Math.min(6 / (LATENCY_MS / 1000), RATE_LIMIT)) * 1000
  report('time until the table is interactive', ms(interactive))
  report('most requests in flight (at the upstream)', String(stub.maxInFlight))
  report(
    `time until all rows are final vs ideal (ids ÷ min(6 ÷ latency, ${RATE_LIMIT}/s))`,
    `${ms(total)} vs ${ms(ideal)} (×${(total / ideal).toFixed(2)})`,
  )
  report(
    'answers 429: seen by the browser / in nginx’s access log',
    `${limitedInBrowser()} / ${nginxLimited(accessLog) - limitedBefore}`,
  )
  await page.close()

  // Memory: rows that never finish keep polling; compare the heap after load with MEMORY_S later.
  const pending = Array.from({ length: BATCH }, () => nextId())
  for (const id of pending) {
    stub.script(id, () => ({
      ...json(200, { id, status: 'PROCESSING', created: '2025-05-17T07:00:24Z' }),
      delayMs: LATENCY_MS,
    }))
  }
  const watcher = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const limitedWhileWatching = count429(watcher)
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
    `${kb(afterLoad)} → ${kb(later)} (×${(later / afterLoad).toFixed(2)}, ${polled} polls, ${limitedWhileWatching()} × 429)`,
  )
}

// ---------------------------------------------------------------------------------------------
// 4. Weight

async function reactFloorJsBytes(): Promise<number> {
  const dir = join(ROOT, '.tmp', 'react-floor')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(join(dir, 'src'), { recursive: true })
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><div id="root"></div><script type="module" src="/src/main.jsx"></script>\n',
  )
  writeFileSync(
    join(dir, 'src', 'main.jsx'),
    "import { createRoot } from 'react-dom/client'\ncreateRoot(document.getElementById('root')).render(<h1>Hello</h1>)\n",
  )
  await build({
    root: dir,
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: join(dir, 'dist'), target: 'es2022' },
  })
  const { jsGzipBytes } = measureInitialLoad(join(dir, 'dist'))
  rmSync(dir, { recursive: true, force: true })
  return jsGzipBytes
}

async function weight(browser: Browser, url: string) {
  console.log('\n4. Weight of the first page load')
  const load = await measureFirstLoad(browser, url)
  const files = measureInitialLoad(DIST_DIR)
  const floor = await reactFloorJsBytes()
  const over = (type: string) =>
    load.resources
      .filter((resource) => resource.type === type)
      .reduce((sum, resource) => sum + resource.bodyBytes, 0)
  report(
    'HTML + JS + CSS over the wire (gzip from nginx)',
    `${kb(load.appBodyBytes)} (HTML ${kb(over('document'))}, JS ${kb(over('script'))}, CSS ${kb(over('stylesheet'))})`,
  )
  report(
    'initial JS vs React + react-dom alone (gzip 6, same build)',
    `${kb(files.jsGzipBytes)} vs ${kb(floor)} (+${kb(files.jsGzipBytes - floor)})`,
  )
}

// ---------------------------------------------------------------------------------------------

async function main() {
  process.env.NODE_ENV = 'production'
  console.log('Building…')
  ensureBuilt({ quiet: true })
  const stub = await startStubUpstream()
  const port = await freePort()
  const serve = await startServe(
    {
      ...process.env,
      PORT: String(port),
      DISTRIBUTE_API_KEY: API_KEY,
      DISTRIBUTE_API_URL: stub.url,
      JOBSCOPE_IMG_SRC: stub.url,
      // Thousands of lookups: not into the audit trail `npm run serve` keeps by default.
      JOBSCOPE_AUDIT_LOG: join(ROOT, '.tmp', 'bench', 'audit.log'),
    },
    { detached: true, stdio: 'pipe', quietBuild: true },
  )
  await waitForHealthy(serve)
  const browser = await launchChromium()
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${browser.version()}`
  console.log(
    `Jobscope benchmark — ${machine}\nnginx at ${serve.url} (${RATE_LIMIT} lookups/s per client), stub upstream at ${stub.url}`,
  )
  try {
    await answerOverhead(browser, stub, serve.url)
    await pollingCost(browser, stub, serve.url)
    await batch(browser, stub, serve.url, serve.accessLog)
    await weight(browser, serve.url)
  } finally {
    await browser.close()
    await serve.stop()
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

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
    process.exit(1)
  },
)
