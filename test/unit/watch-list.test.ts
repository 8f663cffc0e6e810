// The watch list's rules: what survives in storage (anything may be there), the cap of 200, a watch
// that ends once, and storage that is full, disabled or missing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  ENDED_KEPT_MS,
  ENDED_LIMIT,
  WATCH_LIMIT,
  WATCH_STORAGE_KEY,
  type WatchEntry,
  createWatchListStore,
  parseStoredWatches,
} from '../../src/features/watch/watch-list.ts'
import { MemoryStorage } from '../component/support/memory-storage.ts'

const A = '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71'
const B = 'a9c41d27-5e8b-4f30-8d6c-1b7e2f9a0c53'
const NOW = Date.parse('2025-05-17T09:00:00Z')
const nthId = (n: number) => `${n.toString(16).padStart(8, '0')}-1a2b-4c3d-8e4f-000000000000`

function entry(overrides: Partial<WatchEntry> = {}): WatchEntry {
  const fields = {
    id: A,
    kind: 'images',
    notifyOn: 'end' as const,
    addedAt: NOW - 60_000,
    status: 'PROCESSING',
    endedAt: null,
    endReason: null,
    ...overrides,
  }
  // As a list written before tabs merged them is read: changed when added, or when it ended.
  return {
    ...fields,
    changedAt: overrides.changedAt ?? Math.max(fields.addedAt, fields.endedAt ?? 0),
  }
}

const ids = (entries: readonly WatchEntry[]) => entries.map((item) => item.id)

describe('parseStoredWatches: whatever is in storage', () => {
  it.each<[string, unknown]>([
    ['nothing', undefined],
    ['null', null],
    ['a string', 'watch'],
    ['an array', [entry()]],
    ['entries that are an object', { entries: { 0: entry() } }],
  ])('%s → an empty list', (_, stored) => {
    expect(parseStoredWatches(stored, NOW)).toEqual([])
  })

  it.each<[string, unknown]>([
    ['an id that is not a uuid v4', { ...entry(), id: 'nope' }],
    ['an unknown kind', { ...entry(), kind: 'video' }],
    ['an unknown notify choice', { ...entry(), notifyOn: 'always' }],
    ['a time that is not a number', { ...entry(), addedAt: 'yesterday' }],
    ['an endless time', { ...entry(), addedAt: null }],
    ['a status of 10,000 characters', { ...entry(), status: 'X'.repeat(10_000) }],
    ['an unknown end reason', { ...entry(), endedAt: NOW, endReason: 'bored' }],
  ])('drops an entry with %s, keeping the others', (_, bad) => {
    expect(ids(parseStoredWatches({ entries: [bad, entry({ id: B })] }, NOW))).toEqual([B])
  })

  it('keeps the first of two entries for one id (either case), lowercased', () => {
    const parsed = parseStoredWatches(
      { entries: [entry({ id: A.toUpperCase(), status: 'QUEUED' }), entry({ id: A })] },
      NOW,
    )
    expect(parsed).toEqual([entry({ id: A, status: 'QUEUED' })])
  })

  it('forgets watches that ended more than a day ago, and keeps newer ones', () => {
    const parsed = parseStoredWatches(
      {
        entries: [
          entry({ id: A, endedAt: NOW - ENDED_KEPT_MS - 1, endReason: 'final' }),
          entry({ id: B, endedAt: NOW - 60_000, endReason: 'final' }),
        ],
      },
      NOW,
    )
    expect(ids(parsed)).toEqual([B])
  })

  it('reads a half-ended entry as still watched (polling will tell)', () => {
    const [parsed] = parseStoredWatches({ entries: [entry({ endedAt: NOW })] }, NOW)
    expect(parsed).toMatchObject({ endedAt: null, endReason: null })
  })

  it(`keeps at most ${WATCH_LIMIT} active and ${ENDED_LIMIT} ended watches, the first ones listed`, () => {
    const active = Array.from({ length: WATCH_LIMIT + 5 }, (_, n) => entry({ id: nthId(n) }))
    const ended = Array.from({ length: ENDED_LIMIT + 5 }, (_, n) =>
      entry({ id: nthId(1_000 + n), endedAt: NOW, endReason: 'final' }),
    )
    const parsed = parseStoredWatches({ entries: [...active, ...ended] }, NOW)
    expect(parsed.filter((item) => item.endedAt === null)).toHaveLength(WATCH_LIMIT)
    expect(parsed.filter((item) => item.endedAt !== null)).toHaveLength(ENDED_LIMIT)
    expect(parsed[0]?.id).toBe(nthId(0))
  })
})

describe('the watch list store', () => {
  let storage: MemoryStorage

  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(NOW)
    storage = new MemoryStorage()
    vi.stubGlobal('localStorage', storage)
  })

  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  it('watches jobs newest first, a batch in its order, and keeps what it was told', () => {
    const store = createWatchListStore()
    store.watch([{ id: A, kind: 'chat', status: 'QUEUED' }])
    store.watch([{ id: nthId(1) }, { id: nthId(2) }])

    expect(ids(store.getSnapshot())).toEqual([nthId(1), nthId(2), A])
    expect(store.get(A.toUpperCase())).toMatchObject({ kind: 'chat', status: 'QUEUED' })
  })

  it(`refuses past ${WATCH_LIMIT} active watches, and says how many`, () => {
    const store = createWatchListStore()
    const outcome = store.watch(
      Array.from({ length: WATCH_LIMIT + 3 }, (_, n) => ({ id: nthId(n) })),
    )
    expect(outcome).toEqual({ watching: WATCH_LIMIT, refused: 3 })
    expect(store.watch([{ id: nthId(0) }])).toEqual({ watching: 1, refused: 0 })
  })

  it('ends a watch once, and a second end is refused', () => {
    const store = createWatchListStore()
    store.watch([{ id: A }])
    expect(store.end(A, 'final', 'COMPLETED', NOW)).toBe(true)
    expect(store.end(A, 'final', 'COMPLETED', NOW)).toBe(false)
    expect(store.get(A)).toMatchObject({ status: 'COMPLETED', endedAt: NOW, endReason: 'final' })
    // And newer news about it is ignored.
    expect(store.seen(A, 'PROCESSING', 'images')).toBeUndefined()
  })

  it('tells what a status change replaced, and nothing for a repeat', () => {
    const store = createWatchListStore()
    store.watch([{ id: A, status: 'QUEUED' }])
    expect(store.seen(A, 'QUEUED', null)).toBeUndefined()
    expect(store.seen(A, 'PROCESSING', 'images')?.status).toBe('QUEUED')
    expect(store.get(A)).toMatchObject({ status: 'PROCESSING', kind: 'images' })
  })

  it('restarts an ended watch when asked again', () => {
    const store = createWatchListStore()
    store.watch([{ id: A }])
    store.end(A, 'failing', null)
    store.watch([{ id: A }])
    expect(store.get(A)).toMatchObject({ endedAt: null, endReason: null })
  })

  it('writes once after a burst of changes, and a new store reads it back', async () => {
    const store = createWatchListStore()
    store.watch([{ id: A }])
    store.watch([{ id: B }])
    store.setNotifyOn(A, 'change')
    await vi.advanceTimersByTimeAsync(250)

    expect(storage.writes.filter(([key]) => key === WATCH_STORAGE_KEY)).toHaveLength(1)
    expect(createWatchListStore().getSnapshot()).toEqual(store.getSnapshot())
  })

  it.each<[string, { failReads?: boolean; failWrites?: boolean }]>([
    ['reading', { failReads: true }],
    ['writing', { failWrites: true }],
  ])(
    'works in memory when storage throws on %s, and says when it cannot save',
    async (_, failures) => {
      vi.stubGlobal('localStorage', new MemoryStorage(failures))
      const store = createWatchListStore()
      store.watch([{ id: A }])
      await vi.advanceTimersByTimeAsync(250)

      expect(ids(store.getSnapshot())).toEqual([A])
      expect(store.saveFailed).toBe(failures.failWrites === true)
    },
  )

  it('works in memory when there is no localStorage at all', async () => {
    vi.stubGlobal('localStorage', undefined)
    const store = createWatchListStore()
    store.watch([{ id: A }])
    await vi.advanceTimersByTimeAsync(250)
    expect(ids(store.getSnapshot())).toEqual([A])
  })
})
