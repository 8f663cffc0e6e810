// npm run profile — where the main thread's time goes when a completed image job's page is opened
// cold, to move measured costs rather than guesses (issue 18). The project's nginx serves the build,
// a stub upstream answers after a fixed latency, headless Chromium runs at Lighthouse's mobile CPU
// slow-down (4×), and each part prints the median over the runs:
//   1. React's own trace: the production build again, with react-dom's profiling build and without
//      minifying (so components keep their names; it runs a little slower than the shipped build) —
//      its render, commit and paint phases until the answer shows, and each component's render time
//      (inclusive, summed over its renders);
//   2. the shipped build under the DevTools CPU profiler, every sample mapped back through the source
//      maps: self time per source file and package, beside the stack floor's (scripts/floor-app.ts).
// Prints tables; nothing here is a test.
//
//   npm run profile -- [--runs=5] [--cpu=4] [--latency=100] [--top=25]
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, CDPSession, Page } from 'playwright-core'
import { SourceMapConsumer } from 'source-map-js'
import { build } from 'vite'
import { launchChromium } from '../test/browser/support/chromium.ts'
import {
  type StubUpstream,
  json,
  startStubUpstream,
} from '../test/browser/support/stub-upstream.ts'
import { runScript, startStubSite } from './bench-site.ts'
import { median } from './bench-stats.ts'
import { buildFloorApps } from './floor-app.ts'
import { DIST_DIR, ROOT, ensureBuilt } from './nginx-runtime.ts'

function option(name: string, fallback: number): number {
  const raw = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1]
  const value = raw === undefined ? fallback : Number(raw)
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`)
  return value
}

const RUNS = option('runs', 5)
const CPU = option('cpu', 4)
const LATENCY_MS = option('latency', 100)
const TOP = option('top', 25)
const PROFILING_DIR = join(ROOT, '.tmp', 'profile', 'dist')

let jobCounter = 0
/** A fresh completed image job on the stub; returns its page's path. */
function completedJob(stub: StubUpstream): string {
  jobCounter += 1
  const id = `0196e0d1-0000-4000-8000-${jobCounter.toString(16).padStart(12, '0')}`
  stub.script(id, () => ({
    ...json(200, {
      id,
      status: 'COMPLETED',
      created: '2025-05-17T07:00:24.000Z',
      finished: '2025-05-17T07:00:31.000Z',
      model: 'Flux.1 [dev]',
      results: [{ url: stub.imageUrl(id), revised_prompt: 'A profiled lighthouse at dusk' }],
    }),
    delayMs: LATENCY_MS,
  }))
  return `/jobs/${id}`
}

/** Opens `url` cold at CPU ×CPU, waits for the status and the image, then 1 s more. */
async function openCold(
  browser: Browser,
  url: string,
  prepare: (page: Page, cdp: CDPSession) => Promise<void>,
): Promise<{ page: Page; cdp: CDPSession; answeredAt: number; close: () => Promise<void> }> {
  const context = await browser.newContext()
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU })
  await prepare(page, cdp)
  await page.goto(url, { waitUntil: 'commit' })
  const answered = await page.waitForFunction(
    () => {
      const status = [...document.querySelectorAll('[aria-live="polite"]')]
        .map((region) => region.textContent ?? '')
        .join('\n')
      const image = document.querySelector<HTMLImageElement>('main img')
      return /COMPLETED/.test(status) && image?.complete === true && image.naturalWidth > 0
        ? performance.now()
        : false
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  )
  const answeredAt = (await answered.jsonValue()) as number
  // What runs right after the answer is painted (after-paint work) is on the main thread too.
  await page.waitForTimeout(1000)
  return { page, cdp, answeredAt, close: () => context.close() }
}

function printRows(rows: ReadonlyMap<string, number[]>, runs: number) {
  const medians = [...rows]
    // A name missing from a run counts 0 there.
    .map(
      ([name, list]) =>
        [name, median([...list, ...Array<number>(runs - list.length).fill(0)])] as const,
    )
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
  for (const [name, ms] of medians) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`)
}

/** Adds one run's figures (a sum per name) to the rows, one entry per name per run. */
function addRun(rows: Map<string, number[]>, run: ReadonlyMap<string, number>) {
  for (const [name, ms] of run) rows.set(name, [...(rows.get(name) ?? []), ms])
}

const sumInto = (run: Map<string, number>, name: string, ms: number) =>
  run.set(name, (run.get(name) ?? 0) + ms)

// ---------------------------------------------------------------------------------------------
// 1. React's trace (react-dom's profiling build logs every phase and component through
//    console.timeStamp, the Performance panel's custom tracks; components only with DevTools present)

type Stamp = [name: string, start: number, end: number, track: string]

/** In the page before its scripts: keeps what React stamps, and gives it a DevTools hook to see. */
function recordReactStamps() {
  const stamps: unknown[] = []
  Object.assign(window, { __stamps: stamps })
  // What React looks for to measure components; it reports to it, and nothing else listens.
  Object.assign(window, {
    __REACT_DEVTOOLS_GLOBAL_HOOK__: {
      supportsFiber: true,
      isDisabled: false,
      renderers: new Map(),
      // Methods, not arrow functions: tsx would wrap those in a helper the page does not have.
      inject() {
        return 1
      },
      onCommitFiberRoot() {},
      onCommitFiberUnmount() {},
      onPostCommitFiberRoot() {},
      onScheduleFiberRoot() {},
      setStrictMode() {},
      checkDCE() {},
    },
  })
  // React's tracks go through console.timeStamp (Chrome's extended form); the original still runs.
  const original = Reflect.get(console, 'timeStamp') as (...args: unknown[]) => void
  Reflect.set(console, 'timeStamp', (...args: unknown[]) => {
    stamps.push(args.slice(0, 4))
    original.apply(console, args)
  })
}

async function reactTrace(browser: Browser, stub: StubUpstream, site: string) {
  const phases = new Map<string, number[]>()
  const components = new Map<string, number[]>()
  const answers: number[] = []
  for (let run = 0; run < RUNS; run += 1) {
    const { page, answeredAt, close } = await openCold(browser, site + completedJob(stub), (page) =>
      page.addInitScript(recordReactStamps).then(() => undefined),
    )
    const stamps = await page.evaluate(() => (window as unknown as { __stamps: Stamp[] }).__stamps)
    await close()
    answers.push(answeredAt)
    const runPhases = new Map<string, number>()
    const runComponents = new Map<string, number>()
    for (const [name, start, end, track] of stamps) {
      if (typeof start !== 'number' || typeof end !== 'number') continue
      if (track === 'Components ⚛') sumInto(runComponents, name, end - start)
      // The phases until the answer showed (what came after is not on its path).
      else if (start < answeredAt && end > start)
        sumInto(runPhases, `${track}: ${name}`, end - start)
    }
    addRun(phases, runPhases)
    addRun(components, runComponents)
  }
  console.log(
    `\n1. React's trace (profiling build, not minified), CPU ×${CPU}: answer shown at ${median(answers).toFixed(0)} ms (median of ${RUNS})`,
  )
  console.log('\nPhases before the answer (summed per kind):')
  printRows(phases, RUNS)
  console.log('\nComponents, render time including their children, summed over their renders:')
  printRows(components, RUNS)
}

// ---------------------------------------------------------------------------------------------
// 2. CPU profile of the shipped build, mapped to sources

interface ProfileNode {
  id: number
  callFrame: { url: string; functionName: string; lineNumber: number; columnNumber: number }
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** The source maps of a build's scripts, by URL path (`/assets/index-….js`), loaded when asked. */
function sourceMaps(dist: string): (path: string) => SourceMapConsumer | undefined {
  const cache = new Map<string, SourceMapConsumer | undefined>()
  return (path) => {
    if (!cache.has(path)) {
      try {
        const map = JSON.parse(readFileSync(join(dist, `${path}.map`), 'utf8')) as never
        cache.set(path, new SourceMapConsumer(map))
      } catch {
        cache.set(path, undefined)
      }
    }
    return cache.get(path)
  }
}

/** A source as a reader wants it: `pkg <name>` for a package, else its path under the project. */
function sourceName(source: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)
  if (inPackage?.[1] !== undefined) return `pkg ${inPackage[1]}`
  return source.replace(/^(\.\.\/)+/, '')
}

function selfTimes(profile: Profile, mapFor: (path: string) => SourceMapConsumer | undefined) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const times = new Map<string, number>()
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000
    const frame = byId.get(id)?.callFrame
    // (program): the browser's own work (parsing, compiling, style, layout, paint); (idle) is left out.
    let name = frame?.functionName || '(anonymous)'
    // Only the page's own scripts have a URL to map; Chromium's internal ones (extensions, snippets)
    // are named by their function.
    if (frame?.url && URL.canParse(frame.url)) {
      const path = new URL(frame.url).pathname
      const position = mapFor(path)?.originalPositionFor({
        line: frame.lineNumber + 1,
        column: frame.columnNumber,
      })
      name = position?.source ? sourceName(position.source) : `${path} (top level)`
    } else if (!name.startsWith('(')) {
      name = '(browser API)'
    }
    if (name !== '(idle)') times.set(name, (times.get(name) ?? 0) + ms)
  })
  return times
}

async function cpuProfiles(browser: Browser, stub: StubUpstream, app: string, floor: string) {
  const targets = [
    {
      name: 'Jobscope',
      site: app,
      mapFor: sourceMaps(DIST_DIR),
      rows: new Map<string, number[]>(),
    },
    {
      name: 'stack floor',
      site: floor,
      mapFor: () => undefined,
      rows: new Map<string, number[]>(),
    },
  ]
  const totals = targets.map(() => [] as number[])
  for (let run = 0; run < RUNS; run += 1) {
    for (const [index, target] of targets.entries()) {
      const { cdp, close } = await openCold(
        browser,
        target.site + completedJob(stub),
        async (_, cdp) => {
          await cdp.send('Profiler.enable')
          await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
          await cdp.send('Profiler.start')
        },
      )
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile }
      await close()
      const times = selfTimes(profile, target.mapFor)
      addRun(target.rows, times)
      totals[index]?.push([...times.values()].reduce((sum, ms) => sum + ms, 0))
    }
  }
  console.log(
    `\n2. CPU profile of the shipped build, CPU ×${CPU}: main-thread self time until the answer and 1 s after (median of ${RUNS})`,
  )
  for (const [index, target] of targets.entries()) {
    console.log(`\n${target.name}: ${median(totals[index] ?? []).toFixed(0)} ms busy`)
    printRows(target.rows, RUNS)
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  process.env.NODE_ENV = 'production'
  console.log('Building Jobscope, its profiling build and the floor…')
  ensureBuilt({ quiet: true })
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    resolve: { alias: [{ find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }] },
    build: { outDir: PROFILING_DIR, emptyOutDir: true, minify: false },
  })
  const floorDir = await buildFloorApps()
  const stub = await startStubUpstream()
  const sites = await Promise.all(
    [DIST_DIR, PROFILING_DIR, floorDir].map((siteDir) => startStubSite(stub, { siteDir })),
  )
  const [app, profiling, floor] = sites
  const browser = await launchChromium()
  try {
    if (app && profiling && floor) {
      await reactTrace(browser, stub, profiling.url)
      await cpuProfiles(browser, stub, app.url, floor.url)
    }
  } finally {
    await browser.close()
    await Promise.all(sites.map((site) => site.stop()))
    await stub.close()
  }
}

runScript(main)
