// How many bytes a first visit to the home page transfers, as Chromium counts them (no cache).
//   npx tsx scripts/measure-first-load.ts [URL]
// Without a URL it starts `npm run serve` (demo mode) on a free port and measures against that nginx.
import { freePort } from '../test/browser/support/free-port.ts'
import type { Browser } from 'playwright-core'
import { launchChromium } from '../test/browser/support/chromium.ts'
import { startServe, waitForHealthy } from './nginx-runtime.ts'

export interface LoadedResource {
  readonly url: string
  readonly type: string
  readonly contentEncoding: string | undefined
  /** Response body bytes on the wire (compressed when it was compressed). */
  readonly bodyBytes: number
  readonly headerBytes: number
}

export interface FirstLoad {
  readonly resources: readonly LoadedResource[]
  /** HTML + JS + CSS: response bodies as transferred (compressed). */
  readonly appBodyBytes: number
  /** The same plus their response headers. */
  readonly appTransferBytes: number
}

const APP_TYPES = new Set(['document', 'script', 'stylesheet'])

export async function measureFirstLoad(browser: Browser, url: string): Promise<FirstLoad> {
  const context = await browser.newContext()
  const page = await context.newPage()
  const pending: Promise<LoadedResource>[] = []
  page.on('requestfinished', (request) => {
    pending.push(
      Promise.all([request.sizes(), request.response()]).then(([sizes, response]) => ({
        url: request.url(),
        type: request.resourceType(),
        contentEncoding: response?.headers()['content-encoding'],
        bodyBytes: sizes.responseBodySize,
        headerBytes: sizes.responseHeadersSize,
      })),
    )
  })
  await page.goto(url, { waitUntil: 'networkidle' })
  const resources = await Promise.all(pending)
  await context.close()
  const app = resources.filter((resource) => APP_TYPES.has(resource.type))
  return {
    resources,
    appBodyBytes: app.reduce((sum, resource) => sum + resource.bodyBytes, 0),
    appTransferBytes: app.reduce(
      (sum, resource) => sum + resource.bodyBytes + resource.headerBytes,
      0,
    ),
  }
}

export function formatFirstLoad(load: FirstLoad): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
  const lines = load.resources.map(
    (resource) =>
      `  ${resource.type.padEnd(10)} ${kb(resource.bodyBytes).padStart(9)} ` +
      `${(resource.contentEncoding ?? '-').padEnd(5)} ${new URL(resource.url).pathname}`,
  )
  return [
    'First page load (Chromium, empty cache):',
    ...lines,
    `HTML + JS + CSS: ${kb(load.appBodyBytes)} compressed bodies (${load.appBodyBytes} B), ` +
      `${kb(load.appTransferBytes)} with headers (${load.appTransferBytes} B)`,
  ].join('\n')
}

async function main(): Promise<void> {
  const given = process.argv[2]
  const serve = given
    ? undefined
    : await startServe(
        {
          PATH: process.env.PATH,
          NGINX_BIN: process.env.NGINX_BIN,
          PORT: String(await freePort()),
        },
        { detached: true, stdio: 'pipe', keepLogs: false },
      )
  const browser = await launchChromium()
  try {
    if (serve) await waitForHealthy(serve)
    const url = given ?? serve?.url ?? ''
    console.log(`Measuring ${url}`)
    console.log(formatFirstLoad(await measureFirstLoad(browser, url)))
  } finally {
    await browser.close()
    await serve?.stop()
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  })
}
