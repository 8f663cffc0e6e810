// Part 7 of `npm run bench`: Lighthouse's performance audit, mobile preset, of Jobscope's home page,
// of a completed image job's page, and of the stack floor's job page — in the same run, so every
// figure has its floor beside it. Lighthouse is pinned at 12.2.3 (13 needs Node 22) and drives
// Debian's Chromium through its own launcher. Its default preset is the mobile one: a Moto G Power
// screen, slow 4G and a 4× slower CPU, simulated from what the page loads (so the figures say what
// a phone would see, not what this machine does). Its runs vary: each page is audited several times,
// the pages in turn, and the median of each metric is printed.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import { median } from './bench-stats.ts'
import { CHROMIUM_ARGS, findChromium } from '../test/browser/support/chromium.ts'

export interface LighthouseFigures {
  /** Performance score, 0–100. */
  readonly score: number
  readonly fcpMs: number
  readonly lcpMs: number
  readonly tbtMs: number
  /** Every byte the page loaded (Lighthouse's total byte weight: HTML, JS, CSS, config, images). */
  readonly bytes: number
}

export interface LighthousePage {
  /** Names the page in errors. */
  readonly label: string
  /** A fresh address per run (a new job id), so no run shares another's answer. */
  readonly url: () => string
}

/** Audits each page `runs` times, in turn, and returns the median figures per page, in order. */
export async function lighthouseMedians(
  pages: readonly LighthousePage[],
  runs: number,
): Promise<LighthouseFigures[]> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'jobscope-lighthouse-'))
  const chrome = await chromeLauncher.launch({
    chromePath: findChromium(),
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
    userDataDir,
    logLevel: 'silent',
  })
  const figures: LighthouseFigures[][] = pages.map(() => [])
  try {
    for (let run = 0; run < runs; run += 1) {
      for (const [index, page] of pages.entries()) {
        figures[index]?.push(await auditWithRetries(page, chrome.port))
      }
    }
  } finally {
    chrome.kill()
    rmSync(userDataDir, { recursive: true, force: true })
  }
  return figures.map((list) => ({
    score: median(list.map((figure) => figure.score)),
    fcpMs: median(list.map((figure) => figure.fcpMs)),
    lcpMs: median(list.map((figure) => figure.lcpMs)),
    tbtMs: median(list.map((figure) => figure.tbtMs)),
    bytes: median(list.map((figure) => figure.bytes)),
  }))
}

/** Lighthouse failed to record the page (its `runtimeError`, e.g. NO_NAVSTART): not a figure. */
class LighthouseRunError extends Error {}

/** How many times one audit is tried when Lighthouse itself fails to record the trace. */
const AUDIT_ATTEMPTS = 3

/**
 * An audit, again on a fresh address when Lighthouse fails to record it: Lighthouse 12 on this
 * Chromium now and then loses a trace (NO_NAVSTART), which says nothing of the page. Said on stderr
 * each time, so a run that needed it is known; the page's own errors are never retried.
 */
async function auditWithRetries(page: LighthousePage, port: number): Promise<LighthouseFigures> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await audit(page, port)
    } catch (error) {
      if (!(error instanceof LighthouseRunError) || attempt >= AUDIT_ATTEMPTS) throw error
      console.warn(`  (audit ${attempt} of ${page.label} lost: ${error.message}; again)`)
    }
  }
}

async function audit(page: LighthousePage, port: number): Promise<LighthouseFigures> {
  const url = page.url()
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance'],
  })
  const report = result?.lhr
  if (report === undefined)
    throw new Error(`Lighthouse returned no report for ${page.label} (${url})`)
  if (report.runtimeError !== undefined) {
    throw new LighthouseRunError(
      `Lighthouse could not audit ${page.label} (${url}): ${report.runtimeError.message}`,
    )
  }
  const metric = (id: string) => {
    const value = report.audits[id]?.numericValue
    if (value === undefined)
      throw new Error(`Lighthouse measured no ${id} for ${page.label} (${url})`)
    return value
  }
  const score = report.categories.performance?.score
  if (score === undefined || score === null)
    throw new Error(`Lighthouse gave ${page.label} (${url}) no score`)
  return {
    score: Math.round(score * 100),
    fcpMs: metric('first-contentful-paint'),
    lcpMs: metric('largest-contentful-paint'),
    tbtMs: metric('total-blocking-time'),
    bytes: metric('total-byte-weight'),
  }
}
