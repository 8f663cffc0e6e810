// Batches in Recent: their key, what survives in storage, the limit with pinned ones kept, the link
// back, and the summary the batch page keeps current.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  BATCH_IDS_KEPT,
  RECENT_BATCH_LIMIT,
  type RecentBatch,
  createRecentBatchStore,
  parseStoredBatches,
  recentBatchHref,
} from '../../src/features/recent/recent-batches.ts'
import { batchKey, summariseBatch } from '../../src/features/recent/recent-batch-entry.ts'
import { MemoryStorage } from '../component/support/memory-storage.ts'

const NOW = Date.parse('2025-05-17T09:00:00Z')
const nthId = (n: number) => `${n.toString(16).padStart(8, '0')}-1a2b-4c3d-8e4f-000000000000`
const idList = (count: number, from = 0) => Array.from({ length: count }, (_, n) => nthId(from + n))

function batch(ids: string[], overrides: Partial<RecentBatch> = {}): RecentBatch {
  const fields = {
    key: batchKey(ids),
    ids,
    total: ids.length,
    listToken: null,
    lookedUpAt: NOW,
    pinned: false,
    final: 0,
    groups: [],
    kinds: [],
    models: [],
    idKinds: '',
    ...overrides,
  }
  // As a list written before tabs merged them is read: changed when it was looked up.
  return { ...fields, changedAt: overrides.changedAt ?? fields.lookedUpAt }
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(NOW)
  vi.stubGlobal('localStorage', new MemoryStorage())
})

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('batchKey', () => {
  it('is the same for the same list in any case, and differs for another order or list', () => {
    const ids = idList(3)
    expect(batchKey(ids.map((id) => id.toUpperCase()))).toBe(batchKey(ids))
    expect(batchKey([...ids].reverse())).not.toBe(batchKey(ids))
    expect(batchKey(ids.slice(0, 2))).not.toBe(batchKey(ids))
  })
})

describe('parseStoredBatches', () => {
  it.each<[string, unknown]>([
    ['nothing', undefined],
    ['a string', 'x'],
    ['entries that are not a list', { entries: 1 }],
  ])('%s → nothing', (_, stored) => {
    expect(parseStoredBatches(stored)).toEqual([])
  })

  it.each<[string, unknown]>([
    ['an invalid id among its ids', { ...batch(idList(2)), ids: [nthId(0), 'nope'] }],
    ['no ids', { ...batch(idList(2)), ids: [] }],
    ['a list token with odd characters', { ...batch(idList(2)), listToken: '../x' }],
    ['a negative count', { ...batch(idList(2)), final: -1 }],
    ['an unknown kind', { ...batch(idList(2)), kinds: ['video'] }],
    [
      'an invalid token that could break out of its link',
      { ...batch(idList(2)), rejected: { tokens: ['x&ids=evil'], total: 1 } },
    ],
  ])('drops a batch with %s, keeping the others', (_, bad) => {
    const good = batch(idList(1, 10))
    expect(parseStoredBatches({ entries: [bad, good] })).toEqual([good])
  })
})

describe('how long batches are kept (config.json recentDays)', () => {
  const DAY = 24 * 60 * 60 * 1000

  it('drops stored batches older than the limit, pinned or not', () => {
    const fresh = batch(idList(1), { lookedUpAt: NOW - 2 * DAY })
    const old = batch(idList(1, 5), { lookedUpAt: NOW - 31 * DAY, pinned: true })
    expect(parseStoredBatches({ entries: [fresh, old] }, { maxAgeDays: 30, now: NOW })).toEqual([
      fresh,
    ])
  })

  it('applies a shorter limit on load, and to what is written back', () => {
    const store = createRecentBatchStore('test.batches', { maxAgeDays: 30 })
    store.record(idList(2), null, NOW - 5 * DAY)
    store.record(idList(2, 9), null, NOW - DAY)
    expect(store.getSnapshot()).toHaveLength(2)
    store.dispose()
    const shorter = createRecentBatchStore('test.batches', { maxAgeDays: 3 })
    expect(shorter.getSnapshot().map((entry) => entry.ids[0])).toEqual([nthId(9)])
    shorter.record(idList(1, 20), null, NOW)
    vi.runAllTimers()
    const written: unknown = JSON.parse(localStorage.getItem('test.batches') ?? 'null')
    expect(parseStoredBatches(written).map((entry) => entry.ids[0])).toEqual([nthId(20), nthId(9)])
    shorter.dispose()
  })
})

describe('the batch store', () => {
  it('records a list at the top, and again moves it up keeping its pin and summary', () => {
    const store = createRecentBatchStore('test.batches')
    store.record(idList(2), null, NOW)
    store.record(idList(3, 5), null, NOW + 1)
    const key = batchKey(idList(2))
    store.setPinned(key, true)
    store.summarise(key, {
      final: 2,
      groups: [{ group: 'COMPLETED', count: 2 }],
      kinds: ['images'],
      models: [],
    })
    store.record(idList(2), null, NOW + 2)

    const [first] = store.getSnapshot()
    expect(first).toMatchObject({ key, pinned: true, final: 2, lookedUpAt: NOW + 2 })
    expect(store.getSnapshot()).toHaveLength(2)
  })

  it('ignores a summary for a batch no longer listed', () => {
    const store = createRecentBatchStore('test.batches')
    store.summarise('2-abc', { final: 1, groups: [], kinds: [], models: [] })
    expect(store.getSnapshot()).toEqual([])
  })

  it(`keeps ${RECENT_BATCH_LIMIT} batches and every pinned one`, () => {
    const store = createRecentBatchStore('test.batches')
    store.record(idList(1, 500), null, NOW - 1)
    store.setPinned(batchKey(idList(1, 500)), true)
    for (let n = 0; n < RECENT_BATCH_LIMIT + 5; n += 1) store.record(idList(1, n), null, NOW + n)
    const kept = store.getSnapshot()
    expect(kept).toHaveLength(RECENT_BATCH_LIMIT)
    expect(kept[0]?.ids).toEqual(idList(1, 500))
  })

  it(`keeps at most ${BATCH_IDS_KEPT} ids of a batch, and its real size`, () => {
    const store = createRecentBatchStore('test.batches')
    store.record(idList(BATCH_IDS_KEPT + 10), 'abc123', NOW)
    const [kept] = store.getSnapshot()
    expect(kept?.ids).toHaveLength(BATCH_IDS_KEPT)
    expect(kept?.total).toBe(BATCH_IDS_KEPT + 10)
  })

  it('clears unpinned batches, or all; restore puts them back', () => {
    const store = createRecentBatchStore('test.batches')
    store.record(idList(1, 1), null, NOW)
    store.record(idList(1, 2), null, NOW + 1)
    store.setPinned(batchKey(idList(1, 1)), true)

    const removed = store.clear({ pinnedToo: false })
    expect(removed.map((item) => item.ids)).toEqual([idList(1, 2)])
    expect(store.getSnapshot()).toHaveLength(1)
    const rest = store.clear({ pinnedToo: true })
    expect(store.getSnapshot()).toEqual([])
    store.restore([...removed, ...rest])
    expect(store.getSnapshot()).toHaveLength(2)
  })

  it('writes once after a burst of changes, and says when storage refuses', async () => {
    vi.stubGlobal('localStorage', new MemoryStorage({ failWrites: true }))
    const store = createRecentBatchStore('test.batches')
    store.record(idList(2), null, NOW)
    expect(store.saveFailed).toBe(false)
    await vi.advanceTimersByTimeAsync(250)
    expect(store.saveFailed).toBe(true)
    expect(store.getSnapshot()).toHaveLength(1)
  })
})

describe('the invalid tokens pasted with a batch (issue 17)', () => {
  const TOKENS = ['zz0e9f4a-2b7c-4a18-a3e5-9f1c7b2d8e06', '3f2b8c1e-7a4d-11ef-9b1a-2c5d8e0f4a71']

  it('are kept with its entry, survive storage and a new look-up, and go into its link', async () => {
    const store = createRecentBatchStore('test.batches')
    store.record(idList(2), null, NOW)
    store.noteRejected(batchKey(idList(2)), { tokens: TOKENS, total: 3 })
    store.record(idList(2), null, NOW + 1)
    await vi.advanceTimersByTimeAsync(250)

    const [entry] = createRecentBatchStore('test.batches').getSnapshot()
    expect(entry?.rejected).toEqual({ tokens: TOKENS, total: 3 })
    expect(recentBatchHref(entry ?? batch([]))).toBe(
      `/batch?ids=${idList(2).join(',')}&invalid=${TOKENS.join(',')}&invalidTotal=3`,
    )
  })

  it('are ignored for a batch no longer listed', () => {
    const store = createRecentBatchStore('test.batches')
    store.noteRejected(batchKey(idList(2)), { tokens: TOKENS, total: 2 })
    expect(store.getSnapshot()).toEqual([])
  })

  it('keep the first 50 and leave out any too long for a link, counting them all', () => {
    const long = `${'a'.repeat(120)}-1111-2222`
    const many = Array.from({ length: 60 }, (_, n) => `zz${String(n).padStart(6, '0')}-2b7c-4a18`)
    const store = createRecentBatchStore('test.batches')
    store.record(idList(1), null, NOW)
    store.noteRejected(batchKey(idList(1)), { tokens: [long, ...many], total: 61 })
    expect(store.getSnapshot()[0]?.rejected).toEqual({ tokens: many.slice(0, 50), total: 61 })
  })
})

describe('recentBatchHref', () => {
  it('puts a short list in the link', () => {
    expect(recentBatchHref(batch(idList(2)))).toBe(`/batch?ids=${idList(2).join(',')}`)
  })

  it('uses the tab’s list token for a long list, or says it is unavailable', () => {
    expect(recentBatchHref(batch(idList(120), { listToken: 'abc123' }))).toBe('/batch?list=abc123')
    expect(recentBatchHref(batch(idList(120)))).toBe('/batch?list=unavailable')
  })
})

describe('summariseBatch', () => {
  it('counts statuses in the order a job moves, then others, and the final ones', () => {
    const seen = (status: string | null, kind: 'images' | 'chat' | null = 'images') => ({
      id: nthId(0),
      kind,
      status,
      model: 'm',
      thumbnailUrl: null,
    })
    expect(
      summariseBatch([
        seen('COMPLETED'),
        seen('not found', null),
        seen('WEIRD'),
        seen('QUEUED', 'chat'),
        seen('COMPLETED'),
        seen('ERROR'),
        seen(null),
      ]),
    ).toEqual({
      final: 4,
      groups: [
        { group: 'QUEUED', count: 1 },
        { group: 'COMPLETED', count: 2 },
        { group: 'ERROR', count: 1 },
        { group: 'WEIRD', count: 1 },
        { group: 'not found', count: 1 },
      ],
      kinds: ['chat', 'images'],
      models: ['m'],
    })
  })
})
