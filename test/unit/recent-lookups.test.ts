// The "Recent" list: what survives in localStorage (anything may be there), and the store's rules.
// Node has no localStorage: each test stubs one backed by a Map.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  RECENT_LIMIT,
  RECENT_STORAGE_KEY,
  type RecentLookup,
  type SeenJob,
  createRecentLookupStore,
  parseStoredRecent,
  recentLookupsPart,
} from '../../src/features/recent/recent-lookups.ts'
import {
  DEFAULT_RECENT_DAYS,
  DEFAULT_RUNTIME_CONFIG,
  configPart,
} from '../../src/config/runtime-config.ts'
import { createAppScope, give } from '../../src/lib/app-scope.ts'
import { MemoryStorage } from '../component/support/memory-storage.ts'
import { QueryClient } from '@tanstack/query-core'
import { followJobsForRecent } from '../../src/features/recent/recent-recording.ts'
import { jobKeys } from '../../src/jobs/job-data.ts'
import { parsedJob, watched } from '../component/support/batch-fixtures.ts'

const A = '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71'
const B = 'a9c41d27-5e8b-4f30-8d6c-1b7e2f9a0c53'
const C = '6d0e9f4a-2b7c-4a18-a3e5-9f1c7b2d8e06'
const NOW = Date.parse('2025-05-17T09:00:00Z')
const DAY = 24 * 60 * 60 * 1000

/** A deterministic, valid v4 id for index n. */
const nthId = (n: number) => `${n.toString(16).padStart(8, '0')}-1a2b-4c3d-8e4f-000000000000`

function entry(overrides: Partial<RecentLookup> = {}): RecentLookup {
  const fields = {
    id: A,
    kind: 'images',
    status: 'COMPLETED',
    model: 'Flux.1 [dev]',
    lookedUpAt: NOW - 60_000,
    thumbnailUrl: null,
    pinned: false,
    ...overrides,
  }
  // As a list written before tabs merged them is read: changed when it was looked up.
  return { ...fields, changedAt: overrides.changedAt ?? fields.lookedUpAt }
}

function seen(id: string, overrides: Partial<SeenJob> = {}): SeenJob {
  return { id, kind: null, status: null, model: null, thumbnailUrl: null, ...overrides }
}

const ids = (entries: readonly RecentLookup[]) => entries.map((item) => item.id)

describe('parseStoredRecent: whatever is in storage', () => {
  it('reads an entry stored before job kinds as an image lookup, and keeps a stored kind', () => {
    const old: Record<string, unknown> = { ...entry({ id: A }) }
    delete old.kind
    const parsed = parseStoredRecent({
      version: 1,
      entries: [old, entry({ id: B, kind: 'chat' }), entry({ id: C, kind: null })],
    })
    expect(parsed.map((item) => [item.id, item.kind])).toEqual([
      [A, 'images'],
      [B, 'chat'],
      [C, null],
    ])
  })

  it('drops an entry whose kind is not one of the three', () => {
    expect(parseStoredRecent({ version: 1, entries: [{ ...entry(), kind: 'video' }] })).toEqual([])
  })

  it.each<[string, unknown]>([
    ['nothing stored', undefined],
    ['null', null],
    ['a string', 'recent'],
    ['a number', 42],
    ['an array (an older format)', [entry()]],
    ['an object without entries', { version: 1 }],
    ['entries that are a string', { entries: 'x' }],
    ['entries that are null', { entries: null }],
    ['entries that are an object', { entries: { 0: entry() } }],
  ])('%s → an empty list', (_, stored) => {
    expect(parseStoredRecent(stored)).toEqual([])
  })

  it.each<[string, unknown]>([
    ['an id that is not a uuid', { ...entry(), id: 'not-an-id' }],
    ['a v1 uuid', { ...entry(), id: '3f2b8c1e-7a4d-11ef-9b1a-2c5d8e0f4a71' }],
    ['no id', { ...entry(), id: undefined }],
    ['no pinned flag', { ...entry(), pinned: undefined }],
    ['no lookedUpAt', { ...entry(), lookedUpAt: undefined }],
    ['a lookedUpAt as a string', { ...entry(), lookedUpAt: String(NOW) }],
    ['an infinite lookedUpAt', { ...entry(), lookedUpAt: Number.POSITIVE_INFINITY }],
    ['pinned as a string', { ...entry(), pinned: 'yes' }],
    ['a numeric status', { ...entry(), status: 3 }],
    ['a status longer than 100 characters', { ...entry(), status: 'X'.repeat(101) }],
    ['a model longer than 200 characters', { ...entry(), model: 'm'.repeat(201) }],
    ['a thumbnail that is a number', { ...entry(), thumbnailUrl: 7 }],
    ['null', null],
    ['a string', A],
  ])('drops an entry with %s, keeping the good one next to it', (_, bad) => {
    const good = entry({ id: B })
    expect(parseStoredRecent({ entries: [bad, good] })).toEqual([good])
  })

  it.each<[string, string | null, string | null]>([
    ['an https thumbnail is kept', 'https://img.example/a.png', 'https://img.example/a.png'],
    ['an http thumbnail is kept', 'http://img.example/a.png', 'http://img.example/a.png'],
    ['a javascript: thumbnail becomes null', 'javascript:alert(1)', null],
    ['a data: thumbnail becomes null', 'data:image/png;base64,AAAA', null],
    ['a relative thumbnail becomes null', '/a.png', null],
    ['no thumbnail stays null', null, null],
  ])('%s', (_, thumbnailUrl, expected) => {
    const [parsed] = parseStoredRecent({ entries: [entry({ thumbnailUrl })] })
    expect(parsed?.thumbnailUrl).toBe(expected)
  })

  it('keeps a valid entry as it was stored, without unknown fields', () => {
    const stored = { ...entry({ id: B, pinned: true, status: null, model: null }), color: 'red' }
    expect(parseStoredRecent({ version: 1, entries: [stored] })).toEqual([
      entry({ id: B, pinned: true, status: null, model: null }),
    ])
  })

  it('lowercases ids and keeps the first of the same id written in different case', () => {
    const parsed = parseStoredRecent({
      entries: [
        entry({ id: A.toUpperCase(), status: 'COMPLETED' }),
        entry({ id: A, status: 'QUEUED' }),
      ],
    })
    expect(parsed).toEqual([entry({ id: A, status: 'COMPLETED' })])
  })

  it('orders pinned entries first, then the most recently looked up', () => {
    const parsed = parseStoredRecent({
      entries: [
        entry({ id: A, lookedUpAt: NOW - 3_000 }),
        entry({ id: B, lookedUpAt: NOW - 1_000 }),
        entry({ id: C, lookedUpAt: NOW - 9_000, pinned: true }),
      ],
    })
    expect(ids(parsed)).toEqual([C, B, A])
  })

  it(`keeps the newest ${RECENT_LIMIT} of 60 entries`, () => {
    const entries = Array.from({ length: 60 }, (_, n) => entry({ id: nthId(n), lookedUpAt: n }))
    const parsed = parseStoredRecent({ entries })
    expect(parsed).toHaveLength(RECENT_LIMIT)
    expect(ids(parsed)).toEqual(Array.from({ length: RECENT_LIMIT }, (_, n) => nthId(59 - n)))
  })

  it('keeps every pinned entry even beyond the limit', () => {
    const entries = Array.from({ length: 60 }, (_, n) =>
      entry({ id: nthId(n), lookedUpAt: n, pinned: n < 55 }),
    )
    const parsed = parseStoredRecent({ entries })
    expect(parsed).toHaveLength(55)
    expect(parsed.every((item) => item.pinned)).toBe(true)
  })
})

describe('createRecentLookupStore', () => {
  let storage: MemoryStorage

  beforeEach(() => {
    storage = new MemoryStorage()
    vi.stubGlobal('localStorage', storage)
    vi.useFakeTimers({ now: NOW })
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  const store = () => createRecentLookupStore()
  const stored = () => {
    const text = storage.getItem(RECENT_STORAGE_KEY)
    return text === null ? undefined : (JSON.parse(text) as { version: number; entries: unknown })
  }
  function seed(entries: RecentLookup[]): void {
    storage.setItem(RECENT_STORAGE_KEY, JSON.stringify({ version: 1, entries }))
    storage.writes.length = 0
  }

  it('starts empty with nothing stored', () => {
    expect(store().getSnapshot()).toEqual([])
  })

  it('starts from what is stored', () => {
    seed([entry({ id: A }), entry({ id: B, lookedUpAt: NOW - 1 })])
    expect(ids(store().getSnapshot())).toEqual([B, A])
  })

  it('reads only its own key', () => {
    seed([entry({ id: A })])
    expect(createRecentLookupStore('jobscope.other').getSnapshot()).toEqual([])
  })

  it('moves a job looked up again to the top, stamped now, keeping its last known facts', () => {
    seed([
      entry({ id: A, lookedUpAt: NOW - 60_000, status: 'QUEUED' }),
      entry({ id: B, lookedUpAt: NOW - 120_000, status: 'PROCESSING', model: 'sdxl' }),
    ])
    const recent = store()

    recent.record([seen(B)], { fresh: true }, NOW)

    expect(recent.getSnapshot()).toEqual([
      entry({ id: B, lookedUpAt: NOW, status: 'PROCESSING', model: 'sdxl' }),
      entry({ id: A, lookedUpAt: NOW - 60_000, status: 'QUEUED' }),
    ])
  })

  it('keeps the pin of a job looked up again', () => {
    seed([entry({ id: A, lookedUpAt: NOW - 60_000, pinned: true })])
    const recent = store()
    recent.record([seen(A)], { fresh: true }, NOW)
    expect(recent.getSnapshot()).toEqual([entry({ id: A, lookedUpAt: NOW, pinned: true })])
  })

  it('puts a fresh lookup above older unpinned ones', () => {
    seed([entry({ id: A, lookedUpAt: NOW - 1_000 }), entry({ id: B, lookedUpAt: NOW - 2_000 })])
    const recent = store()

    recent.record([seen(C)], { fresh: true }, NOW)

    expect(ids(recent.getSnapshot())).toEqual([C, A, B])
    expect(recent.getSnapshot()[0]).toEqual({
      id: C,
      kind: null,
      status: null,
      model: null,
      lookedUpAt: NOW,
      thumbnailUrl: null,
      pinned: false,
      changedAt: NOW,
    })
  })

  it('stamps a fresh record with the clock when no time is given', () => {
    const recent = store()
    recent.record([seen(A)], { fresh: true })
    expect(recent.getSnapshot()[0]?.lookedUpAt).toBe(NOW)
  })

  it('gives each id of a fresh batch its own time, the last one now', () => {
    const recent = store()
    recent.record([seen(A), seen(B), seen(C)], { fresh: true }, NOW)
    expect(recent.getSnapshot().map((item) => [item.id, item.lookedUpAt])).toEqual([
      [C, NOW],
      [B, NOW - 1],
      [A, NOW - 2],
    ])
  })

  it('records the kind an endpoint answered for, and keeps it when later news has none', () => {
    const recent = store()
    recent.record([seen(A)], { fresh: true }, NOW)
    recent.record([seen(A, { kind: 'speech', status: 'QUEUED' })], { fresh: false }, NOW + 1)
    recent.record([seen(A, { status: 'COMPLETED' })], { fresh: false }, NOW + 2)
    expect(recent.getSnapshot()[0]).toMatchObject({ id: A, kind: 'speech', status: 'COMPLETED' })
  })

  it('does not notify subscribers when polling news repeats what is known', () => {
    const recent = store()
    recent.record([seen(A, { status: 'QUEUED' })], { fresh: true }, NOW)
    const listener = vi.fn()
    recent.subscribe(listener)
    recent.record([seen(A, { status: 'QUEUED' })], { fresh: false }, NOW + 1)
    expect(listener).not.toHaveBeenCalled()
    recent.record([seen(A, { status: 'COMPLETED' })], { fresh: false }, NOW + 2)
    expect(listener).toHaveBeenCalledTimes(1)
  })

  it('updates facts from polling without changing when the job was looked up', () => {
    seed([entry({ id: A, lookedUpAt: NOW - 5_000, status: 'QUEUED', model: null })])
    const recent = store()

    recent.record(
      [
        seen(A, {
          status: 'COMPLETED',
          model: 'Flux.1 [dev]',
          thumbnailUrl: 'https://img.example/a.png',
        }),
      ],
      { fresh: false },
      NOW,
    )

    expect(recent.getSnapshot()).toEqual([
      entry({
        id: A,
        lookedUpAt: NOW - 5_000,
        status: 'COMPLETED',
        model: 'Flux.1 [dev]',
        thumbnailUrl: 'https://img.example/a.png',
        // The news changed the entry (for other tabs to merge), not when it was looked up.
        changedAt: NOW,
      }),
    ])
  })

  it('does not add a job it does not know from polling news', () => {
    seed([entry({ id: A })])
    const recent = store()
    recent.record([seen(B, { status: 'COMPLETED' })], { fresh: false }, NOW)
    expect(ids(recent.getSnapshot())).toEqual([A])
  })

  it.each<[string, string, string[]]>([
    ['an invalid id is ignored', 'not-an-id', []],
    ['an uppercase id is stored lowercased', A.toUpperCase(), [A]],
  ])('%s', (_, id, expected) => {
    const recent = store()
    recent.record([seen(id)], { fresh: true }, NOW)
    expect(ids(recent.getSnapshot())).toEqual(expected)
  })

  it('pins an entry to the top and unpins it back into time order', () => {
    seed([
      entry({ id: A, lookedUpAt: NOW - 1_000 }),
      entry({ id: B, lookedUpAt: NOW - 2_000 }),
      entry({ id: C, lookedUpAt: NOW - 3_000 }),
    ])
    const recent = store()

    recent.setPinned(C, true)
    expect(ids(recent.getSnapshot())).toEqual([C, A, B])
    expect(recent.getSnapshot()[0]?.pinned).toBe(true)

    recent.setPinned(C, false)
    expect(ids(recent.getSnapshot())).toEqual([A, B, C])
  })

  it('removes an entry', () => {
    seed([entry({ id: A }), entry({ id: B, lookedUpAt: NOW - 120_000 })])
    const recent = store()
    recent.remove(A)
    expect(ids(recent.getSnapshot())).toEqual([B])
  })

  it('clears everything, and restore puts it back without duplicating newer lookups', () => {
    seed([entry({ id: A, pinned: true }), entry({ id: B, lookedUpAt: NOW - 120_000 })])
    const recent = store()
    const saved = recent.getSnapshot()

    recent.clear()
    expect(recent.getSnapshot()).toEqual([])

    recent.record([seen(B), seen(C)], { fresh: true }, NOW)
    recent.restore(saved)
    expect(ids(recent.getSnapshot())).toEqual([A, C, B])
    expect(recent.getSnapshot()[0]?.pinned).toBe(true)
  })

  it(`keeps the newest ${RECENT_LIMIT} lookups, and every pinned one`, () => {
    seed([
      entry({ id: A, lookedUpAt: NOW - 2 * DAY, pinned: true }),
      entry({ id: B, lookedUpAt: NOW - DAY, pinned: true }),
    ])
    const recent = store()

    recent.record(
      Array.from({ length: 60 }, (_, n) => seen(nthId(n))),
      { fresh: true },
      NOW,
    )

    const snapshot = recent.getSnapshot()
    expect(snapshot).toHaveLength(RECENT_LIMIT)
    expect(ids(snapshot).slice(0, 2)).toEqual([B, A])
    expect(ids(snapshot).slice(2)).toEqual(
      Array.from({ length: RECENT_LIMIT - 2 }, (_, n) => nthId(59 - n)),
    )
  })

  it('tells subscribers about every change until they unsubscribe', () => {
    const recent = store()
    const listener = vi.fn()
    const unsubscribe = recent.subscribe(listener)

    recent.record([seen(A)], { fresh: true }, NOW)
    recent.setPinned(A, true)
    expect(listener).toHaveBeenCalledTimes(2)

    unsubscribe()
    recent.remove(A)
    expect(listener).toHaveBeenCalledTimes(2)
  })

  it('gathers many changes into one storage write 250 ms after the first', async () => {
    const recent = store()
    for (let n = 0; n < 100; n += 1) recent.record([seen(nthId(n))], { fresh: true }, NOW + n)
    recent.setPinned(nthId(3), true)

    await vi.advanceTimersByTimeAsync(249)
    expect(storage.writes).toEqual([])

    await vi.advanceTimersByTimeAsync(1)
    expect(storage.writes).toHaveLength(1)
    expect(stored()).toEqual({ version: 1, entries: recent.getSnapshot(), removed: [] })

    recent.remove(nthId(3))
    await vi.advanceTimersByTimeAsync(250)
    expect(storage.writes).toHaveLength(2)
    expect(ids(parseStoredRecent(stored()))).not.toContain(nthId(3))
  })

  it('is read back by a new store (the next page load)', async () => {
    const first = store()
    first.record([seen(A, { status: 'COMPLETED' }), seen(B)], { fresh: true }, NOW)
    first.setPinned(A, true)
    await vi.advanceTimersByTimeAsync(250)

    expect(store().getSnapshot()).toEqual(first.getSnapshot())
  })

  it('treats corrupt JSON in storage as an empty list, and overwrites it on the next change', async () => {
    storage.setItem(RECENT_STORAGE_KEY, '{not json')
    let recent: ReturnType<typeof createRecentLookupStore> | undefined
    expect(() => {
      recent = store()
    }).not.toThrow()
    expect(recent?.getSnapshot()).toEqual([])

    recent?.record([seen(A)], { fresh: true }, NOW)
    await vi.advanceTimersByTimeAsync(250)
    expect(ids(parseStoredRecent(stored()))).toEqual([A])
  })

  it.each([
    ['reading', { failReads: true }],
    ['writing', { failWrites: true }],
    ['reading and writing', { failReads: true, failWrites: true }],
  ])('works in memory when storage throws on %s', async (_, failures) => {
    vi.stubGlobal('localStorage', new MemoryStorage(failures))
    const recent = store()

    recent.record([seen(A), seen(B)], { fresh: true }, NOW)
    recent.setPinned(A, true)
    recent.remove(B)
    await vi.advanceTimersByTimeAsync(250)

    expect(recent.getSnapshot()).toEqual([
      {
        id: A,
        kind: null,
        status: null,
        model: null,
        lookedUpAt: NOW - 1,
        thumbnailUrl: null,
        pinned: true,
        // Pinned in the same millisecond it was recorded: still later, so the pin wins any merge.
        changedAt: NOW + 1,
      },
    ])
  })

  it('works in memory when there is no localStorage at all', async () => {
    vi.stubGlobal('localStorage', undefined)
    const recent = store()
    recent.record([seen(A)], { fresh: true }, NOW)
    await vi.advanceTimersByTimeAsync(250)
    expect(ids(recent.getSnapshot())).toEqual([A])
  })
})

describe('how long Recent keeps an entry (config.json recentDays)', () => {
  let storage: MemoryStorage

  beforeEach(() => {
    storage = new MemoryStorage()
    vi.stubGlobal('localStorage', storage)
    vi.useFakeTimers({ now: NOW })
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  function seed(entries: RecentLookup[]): void {
    storage.setItem(RECENT_STORAGE_KEY, JSON.stringify({ version: 1, entries }))
  }

  it('keeps 30 days by default', () => {
    expect(DEFAULT_RECENT_DAYS).toBe(30)
  })

  it.each<[string, number, number, boolean]>([
    ['looked up a minute ago', 30, 60_000, true],
    ['looked up exactly 30 days ago', 30, 30 * DAY, true],
    ['looked up 30 days and a second ago', 30, 30 * DAY + 1_000, false],
    ['looked up a year ago', 30, 365 * DAY, false],
    ['looked up 2 days ago, with a 1-day limit', 1, 2 * DAY, false],
    ['looked up 2 days ago, with a 7-day limit', 7, 2 * DAY, true],
  ])('an entry %s is kept: %s', (_, maxAgeDays, age, kept) => {
    const stored = { entries: [entry({ id: A, lookedUpAt: NOW - age })] }
    expect(ids(parseStoredRecent(stored, { maxAgeDays, now: NOW }))).toEqual(kept ? [A] : [])
  })

  it('drops too-old entries on load, pinned ones too (they hold customer job ids)', () => {
    seed([
      entry({ id: A, lookedUpAt: NOW - 31 * DAY, pinned: true }),
      entry({ id: B, lookedUpAt: NOW - 31 * DAY }),
      entry({ id: C, lookedUpAt: NOW - 29 * DAY }),
    ])
    expect(ids(createRecentLookupStore().getSnapshot())).toEqual([C])
  })

  it('drops entries that have grown too old when the next lookup is recorded', () => {
    seed([entry({ id: A, lookedUpAt: NOW - 6 * DAY }), entry({ id: B, lookedUpAt: NOW - DAY })])
    const recent = createRecentLookupStore(RECENT_STORAGE_KEY, { maxAgeDays: 7 })
    expect(ids(recent.getSnapshot())).toEqual([B, A])

    vi.setSystemTime(NOW + 2 * DAY)
    recent.record([seen(C)], { fresh: true }, NOW + 2 * DAY)
    expect(ids(recent.getSnapshot())).toEqual([C, B])
  })

  it("applies the deployment's recentDays to the app's store", () => {
    seed([entry({ id: A, lookedUpAt: NOW - 3 * DAY }), entry({ id: B, lookedUpAt: NOW - DAY })])
    const appWith = (recentDays: number) =>
      createAppScope([give(configPart, { ...DEFAULT_RUNTIME_CONFIG, recentDays })])
    expect(ids(appWith(5).get(recentLookupsPart).getSnapshot())).toEqual([B, A])
    expect(ids(appWith(2).get(recentLookupsPart).getSnapshot())).toEqual([B])
  })
})

describe('followJobsForRecent: an answer in the cache before the id is listed', () => {
  beforeEach(() => vi.stubGlobal('localStorage', new MemoryStorage()))
  afterEach(() => vi.unstubAllGlobals())

  const body = {
    id: A,
    status: 'COMPLETED',
    model: 'Flux.1 [dev]',
    results: [{ url: 'https://img.example/fox.png', revised_prompt: 'a red fox' }],
  }
  function cacheWithAnswer(): QueryClient {
    const client = new QueryClient()
    client.setQueryData(jobKeys.detail(A), watched(parsedJob(body)))
    return client
  }
  const picture = () => 'https://img.example/fox.png'
  const facts = { id: A, status: 'COMPLETED', model: 'Flux.1 [dev]', thumbnailUrl: picture() }

  it('applies it when the id is listed after following started', () => {
    const recent = createRecentLookupStore()
    const stop = followJobsForRecent(cacheWithAnswer(), recent, picture)
    recent.record([seen(A)], { fresh: true })
    expect(recent.getSnapshot()[0]).toMatchObject(facts)
    stop()
  })

  // The job page's effect (a child's) lists the id before the app's effect starts the follower.
  it('applies it when the id was listed before following started', () => {
    const recent = createRecentLookupStore()
    recent.record([seen(A)], { fresh: true })
    expect(recent.getSnapshot()[0]?.status).toBeNull()
    const stop = followJobsForRecent(cacheWithAnswer(), recent, picture)
    expect(recent.getSnapshot()[0]).toMatchObject(facts)
    stop()
  })
})
