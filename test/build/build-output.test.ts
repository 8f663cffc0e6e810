// The production build, checked as shipped: the API key never reaches a built file, and the JS of the
// first page load stays within the recorded budget.
import { spawnSync } from 'node:child_process'
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { measureInitialLoad } from '../../scripts/bundle-size.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const OUT = join(ROOT, '.tmp', 'build-check')
const CANARY_KEY = 'canary-key-9f8e7d6c5b4a'

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

beforeAll(() => {
  // Built with a key (and a VITE_-prefixed copy) in the environment, as a careless deploy might.
  const result = spawnSync(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--outDir',
      OUT,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    {
      cwd: ROOT,
      // NODE_ENV=test (set by Vitest) would make Vite bundle React's development build.
      env: {
        ...process.env,
        DISTRIBUTE_API_KEY: CANARY_KEY,
        VITE_DISTRIBUTE_API_KEY: CANARY_KEY,
        VITEST: undefined,
        NODE_ENV: 'production',
      },
      encoding: 'utf8',
    },
  )
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`)
})

afterAll(() => rmSync(OUT, { recursive: true, force: true }))

describe('production build', () => {
  it('contains the API key in no file, not even when it is in the build environment', () => {
    const files = filesUnder(OUT)
    expect(files.length).toBeGreaterThan(3)
    const leaking = files.filter((file) => readFileSync(file).includes(CANARY_KEY))
    expect(leaking).toEqual([])
  })

  it('keeps the first-load JS within 10 % of the recorded budget', () => {
    const budget = JSON.parse(readFileSync(join(ROOT, 'size-budget.json'), 'utf8')) as {
      initialJsGzipBytes: number
      tolerance: number
    }
    const size = measureInitialLoad(OUT)
    const limit = Math.round(budget.initialJsGzipBytes * (1 + budget.tolerance))
    console.log(
      `initial JS ${size.jsGzipBytes} B gzip (budget ${budget.initialJsGzipBytes} B, limit ${limit} B)`,
    )
    expect(budget.initialJsGzipBytes).toBeGreaterThan(0)
    expect(size.jsGzipBytes).toBeLessThanOrEqual(limit)
  })
})
