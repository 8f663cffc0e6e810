import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  type RuntimeConfigFile,
  type RuntimeConfigResult,
  fetchRuntimeConfig,
  runtimeConfigSchema,
} from '../../src/api/runtime-config.ts'
import {
  DEFAULT_RUNTIME_CONFIG,
  type RuntimeConfig,
  resolveRuntimeConfig,
} from '../../src/config/runtime-config.ts'
import { DEFAULT_POLL_BOUNDS } from '../../src/config/runtime-config.ts'

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('runtimeConfigSchema', () => {
  it.each<[string, unknown]>([
    ['an empty object', {}],
    [
      'every field',
      {
        apiBase: '/api',
        demo: true,
        environmentLabel: 'EU production',
        polling: { minMs: 1_000, maxMs: 10_000 },
        rateLimit: { perSecond: 20 },
        recentDays: 30,
      },
    ],
    ['the lowest rate limit and retention', { rateLimit: { perSecond: 1 }, recentDays: 1 }],
    ['the highest rate limit and retention', { rateLimit: { perSecond: 1_000 }, recentDays: 365 }],
    ['a nested apiBase', { apiBase: '/jobscope/api' }],
    ['a null environmentLabel', { environmentLabel: null }],
    ['the lowest polling bounds', { polling: { minMs: 250, maxMs: 1_000 } }],
    ['the highest polling bounds', { polling: { minMs: 60_000, maxMs: 600_000 } }],
  ])('accepts %s', (_, file) => {
    expect(runtimeConfigSchema.safeParse(file).success).toBe(true)
  })

  it.each<[string, unknown]>([
    ['an array', []],
    ['null', null],
    ['an absolute apiBase', { apiBase: 'https://api.distribute.ai' }],
    ['a protocol-relative apiBase', { apiBase: '//evil.example' }],
    // "//localhost/async/…" is another origin to the browser, not a path on this one.
    ['a protocol-relative apiBase to a dotless host', { apiBase: '//localhost' }],
    ['an apiBase without a leading slash', { apiBase: 'api' }],
    ['an apiBase with a dot segment', { apiBase: '/api/../x' }],
    ['an apiBase with a query', { apiBase: '/api?x=1' }],
    ['demo as a string', { demo: 'true' }],
    ['an environmentLabel over 60 characters', { environmentLabel: 'x'.repeat(61) }],
    ['a polling minimum below 250 ms', { polling: { minMs: 100, maxMs: 10_000 } }],
    ['a polling maximum above 10 min', { polling: { minMs: 1_000, maxMs: 600_001 } }],
    ['fractional polling bounds', { polling: { minMs: 1_000.5, maxMs: 10_000 } }],
    ['polling without maxMs', { polling: { minMs: 1_000 } }],
    ['a rate limit of 0', { rateLimit: { perSecond: 0 } }],
    ['a fractional rate limit', { rateLimit: { perSecond: 2.5 } }],
    ['a rate limit as a bare number', { rateLimit: 20 }],
    ['a rate limit without perSecond', { rateLimit: {} }],
    ['a rate limit over 1000 per second', { rateLimit: { perSecond: 1_001 } }],
    ['recentDays of 0', { recentDays: 0 }],
    ['recentDays over a year', { recentDays: 366 }],
    ['recentDays as a string', { recentDays: '30' }],
  ])('rejects %s', (_, file) => {
    expect(runtimeConfigSchema.safeParse(file).success).toBe(false)
  })
})

describe('resolveRuntimeConfig', () => {
  const ok = (config: RuntimeConfigFile): RuntimeConfigResult => ({ ok: true, config })

  it.each<[string, RuntimeConfigResult, RuntimeConfig]>([
    [
      'a complete valid file is used as written',
      ok({
        apiBase: '/jobscope/api',
        demo: true,
        environmentLabel: 'EU production',
        polling: { minMs: 2_000, maxMs: 20_000 },
        rateLimit: { perSecond: 50 },
        recentDays: 7,
      }),
      {
        apiBase: '/jobscope/api',
        demo: true,
        environmentLabel: 'EU production',
        pollBounds: { minMs: 2_000, maxMs: 20_000 },
        rateLimitPerSecond: 50,
        recentDays: 7,
        warning: null,
      },
    ],
    [
      'without rateLimit and recentDays: no pacing, 30 days',
      ok({ apiBase: '/api' }),
      { ...DEFAULT_RUNTIME_CONFIG, rateLimitPerSecond: null, recentDays: 30 },
    ],
    ['an empty file gives the defaults without a warning', ok({}), DEFAULT_RUNTIME_CONFIG],
    [
      'a trailing slash on apiBase is trimmed',
      ok({ apiBase: '/api/' }),
      { ...DEFAULT_RUNTIME_CONFIG, apiBase: '/api' },
    ],
    [
      'several trailing slashes on apiBase are trimmed',
      ok({ apiBase: '/proxy///' }),
      { ...DEFAULT_RUNTIME_CONFIG, apiBase: '/proxy' },
    ],
    [
      'a blank environmentLabel is no label',
      ok({ environmentLabel: '   ' }),
      { ...DEFAULT_RUNTIME_CONFIG, environmentLabel: null },
    ],
    [
      'an environmentLabel is trimmed',
      ok({ environmentLabel: '  Staging ' }),
      { ...DEFAULT_RUNTIME_CONFIG, environmentLabel: 'Staging' },
    ],
    [
      'equal polling bounds are allowed',
      ok({ polling: { minMs: 5_000, maxMs: 5_000 } }),
      { ...DEFAULT_RUNTIME_CONFIG, pollBounds: { minMs: 5_000, maxMs: 5_000 } },
    ],
  ])('%s', (_, result, expected) => {
    expect(resolveRuntimeConfig(result)).toEqual(expected)
  })

  it('a missing or invalid file gives the defaults with a warning naming the problem', () => {
    const config = resolveRuntimeConfig({ ok: false, problem: '/config.json answered HTTP 404' })
    expect(config).toEqual({ ...DEFAULT_RUNTIME_CONFIG, warning: expect.any(String) as string })
    expect(config.warning).toContain('/config.json answered HTTP 404')
    expect(config.warning).toMatch(/default/)
  })

  it('polling with minMs above maxMs falls back to default polling, keeps the rest, and warns', () => {
    const config = resolveRuntimeConfig(
      ok({ apiBase: '/proxy', demo: true, polling: { minMs: 20_000, maxMs: 5_000 } }),
    )
    expect(config.pollBounds).toEqual(DEFAULT_POLL_BOUNDS)
    expect(config.apiBase).toBe('/proxy')
    expect(config.demo).toBe(true)
    expect(config.warning).toMatch(/minMs.*maxMs/)
  })
})

describe('fetchRuntimeConfig', () => {
  function serve(response: () => Response | Promise<Response>) {
    const spy = vi.fn<typeof fetch>(() => Promise.resolve(response()))
    vi.stubGlobal('fetch', spy)
    return spy
  }

  it('reads a good file from /config.json without the HTTP cache', async () => {
    const spy = serve(() => Response.json({ apiBase: '/api', demo: true }))
    await expect(fetchRuntimeConfig()).resolves.toEqual({
      ok: true,
      config: { apiBase: '/api', demo: true },
    })
    expect(spy.mock.calls[0]?.[0]).toBe('/config.json')
    expect(spy.mock.calls[0]?.[1]?.cache).toBe('no-store')
  })

  it.each<[string, () => Response, RegExp]>([
    ['a 404', () => new Response('Not found', { status: 404 }), /HTTP 404/],
    ['a 500', () => new Response('', { status: 500 }), /HTTP 500/],
    ['invalid JSON', () => new Response('{"apiBase": '), /not valid JSON/],
    [
      'an HTML page served as the file',
      () => new Response('<!doctype html><html></html>'),
      /not valid JSON/,
    ],
    ['the wrong shape', () => Response.json({ polling: { minMs: 'fast' } }), /invalid \(polling/],
    ['a JSON array', () => Response.json([1, 2]), /invalid/],
  ])('reports %s as a problem instead of throwing', async (_, response, problem) => {
    serve(response)
    const result = await fetchRuntimeConfig()
    expect(result.ok).toBe(false)
    expect(result.ok ? '' : result.problem).toMatch(problem)
  })

  it('reports a fetch that rejects as a problem', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')))
    await expect(fetchRuntimeConfig()).resolves.toEqual({
      ok: false,
      problem: '/config.json could not be loaded',
    })
  })

  it('gives up on a file that does not arrive within the timeout', async () => {
    vi.stubGlobal(
      'fetch',
      (_input: unknown, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new Error('aborted')))
        }),
    )
    await expect(fetchRuntimeConfig('/config.json', 30)).resolves.toEqual({
      ok: false,
      problem: '/config.json could not be loaded',
    })
  })
})
