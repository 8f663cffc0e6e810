// The production build, checked as shipped: the API key never reaches a built file, and the first
// load of `/` and of `/jobs/:id` (HTML + JS + CSS, gzip) stays within its recorded ratio to the stack
// floor — a minimal React + React Query + zod/mini job viewer (scripts/floor-app.ts) built in the
// same run from the same packages — so the guard follows what we add, not what the libraries weigh.
import { spawnSync } from 'node:child_process'
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FirstScreen, measureInitialLoad } from '../../scripts/bundle-size.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const OUT = join(ROOT, '.tmp', 'build-check')
const FLOOR_OUT = join(ROOT, '.tmp', 'build-check-floor')
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
  const floor = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/floor-app.ts', FLOOR_OUT],
    {
      cwd: ROOT,
      env: { ...process.env, VITEST: undefined, NODE_ENV: 'production' },
      encoding: 'utf8',
    },
  )
  if (floor.status !== 0) throw new Error(`floor build failed:\n${floor.stdout}\n${floor.stderr}`)
})

afterAll(() => {
  rmSync(OUT, { recursive: true, force: true })
  rmSync(FLOOR_OUT, { recursive: true, force: true })
})

interface SizeBudget {
  readonly goalFloorRatio: number
  readonly maxFloorRatio: Readonly<Record<FirstScreen, number>>
}

const loadBytes = (size: ReturnType<typeof measureInitialLoad>) =>
  size.htmlGzipBytes + size.jsGzipBytes + size.cssGzipBytes

describe('production build', () => {
  it('contains the API key in no file, not even when it is in the build environment', () => {
    const files = filesUnder(OUT)
    expect(files.length).toBeGreaterThan(3)
    const leaking = files.filter((file) => readFileSync(file).includes(CANARY_KEY))
    expect(leaking).toEqual([])
  })

  it.each<[FirstScreen, string]>([
    ['home', '/'],
    ['job', '/jobs/:id'],
  ])('keeps the first load of %s (%s) within its recorded ratio to the stack floor', (screen) => {
    const budget = JSON.parse(readFileSync(join(ROOT, 'size-budget.json'), 'utf8')) as SizeBudget
    const floor = loadBytes(measureInitialLoad(join(FLOOR_OUT, 'dist')))
    const size = measureInitialLoad(OUT, screen)
    const ratio = loadBytes(size) / floor
    console.log(
      `${screen}: ${loadBytes(size)} B gzip (JS ${size.jsGzipBytes}, CSS ${size.cssGzipBytes}, HTML ${size.htmlGzipBytes}) = ×${ratio.toFixed(3)} the stack floor's ${floor} B (limit ×${budget.maxFloorRatio[screen]}, goal ×${budget.goalFloorRatio})`,
    )
    // The floor is React + react-dom + React Query + zod/mini: tens of KB, or the build went wrong.
    expect(floor).toBeGreaterThan(50_000)
    expect(size.js.length).toBeGreaterThan(2)
    expect(ratio).toBeLessThanOrEqual(budget.maxFloorRatio[screen])
  })
})
