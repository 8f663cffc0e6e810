// What is kept in localStorage holds when the page goes away at once and when several tabs change it
// at the same moment. Two stores on one storage stand for two tabs; the storage event a browser sends
// to the other tabs is sent here by hand (jsdom does not send it within one window).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createStatusTimelineStore } from '../../src/features/job/status-timeline.ts'
import { createRecentLookupStore } from '../../src/features/recent/recent-lookups.ts'
import { WATCH_STORAGE_KEY, createWatchListStore } from '../../src/features/watch/watch-list.ts'
import { createStoredState } from '../../src/lib/stored-state.ts'

const A = '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71'
const B = 'a9c41d27-5e8b-4f30-8d6c-1b7e2f9a0c53'
const KEY = 'jobscope.test-state'

const stored = (key: string): unknown => JSON.parse(localStorage.getItem(key) ?? 'null')

/** What a browser tells the other tabs after a write to `key`. */
function tellOtherTabs(key: string): void {
  window.dispatchEvent(new StorageEvent('storage', { key, storageArea: localStorage }))
}

function setVisibility(state: 'visible' | 'hidden'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, value: state })
  document.dispatchEvent(new Event('visibilitychange'))
}

const disposers: Array<() => void> = []
function track<T extends { dispose: () => void }>(store: T): T {
  disposers.push(() => store.dispose())
  return store
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose()
  Reflect.deleteProperty(document, 'visibilityState')
  window.dispatchEvent(new PageTransitionEvent('pageshow'))
})

function numberState() {
  return track(
    createStoredState<number>({
      key: KEY,
      parse: (value) => (typeof value === 'number' ? value : 0),
      serialize: (value) => value,
    }),
  )
}

describe('a change just before the page goes away', () => {
  it('is gathered into one write a moment later while the page stays', () => {
    const state = numberState()
    state.set(1)
    state.set(2)
    expect(stored(KEY)).toBeNull()
    vi.advanceTimersByTime(250)
    expect(stored(KEY)).toBe(2)
  })

  it('is written on pagehide (a reload, a typed address, a closed tab)', () => {
    const state = numberState()
    state.set(7)
    window.dispatchEvent(new PageTransitionEvent('pagehide'))
    expect(stored(KEY)).toBe(7)
    // Still leaving: a change made by an unload handler after it is written at once too.
    state.set(8)
    expect(stored(KEY)).toBe(8)
  })

  it('is written when the tab is hidden, and at once while it stays hidden', () => {
    const state = numberState()
    state.set(3)
    setVisibility('hidden')
    expect(stored(KEY)).toBe(3)
    state.set(4)
    expect(stored(KEY)).toBe(4)
  })

  it('goes back to gathering writes when the page is shown again from the back/forward cache', () => {
    const state = numberState()
    window.dispatchEvent(new PageTransitionEvent('pagehide'))
    window.dispatchEvent(new PageTransitionEvent('pageshow'))
    state.set(5)
    expect(stored(KEY)).toBeNull()
    vi.advanceTimersByTime(250)
    expect(stored(KEY)).toBe(5)
  })

  it('is written by a watch list, Recent and the timelines alike', () => {
    const watches = track(createWatchListStore())
    const recent = track(createRecentLookupStore())
    const timelines = track(createStatusTimelineStore())
    watches.watch([{ id: A, kind: 'images', status: 'QUEUED' }])
    recent.record([{ id: A, kind: 'images', status: 'QUEUED', model: null, thumbnailUrl: null }], {
      fresh: true,
    })
    timelines.observe(A, 'QUEUED', Date.now())
    window.dispatchEvent(new PageTransitionEvent('pagehide'))

    expect(track(createWatchListStore()).get(A)?.status).toBe('QUEUED')
    expect(
      track(createRecentLookupStore())
        .getSnapshot()
        .map((entry) => entry.id),
    ).toEqual([A])
    expect(
      track(createStatusTimelineStore())
        .get(A)
        ?.seen.map((item) => item.status),
    ).toEqual(['QUEUED'])
  })
})

describe('two tabs changing one list at the same moment', () => {
  it('both watches stay, whichever tab wrote last', () => {
    const first = track(createWatchListStore())
    const second = track(createWatchListStore())
    first.watch([{ id: A }])
    second.watch([{ id: B }])
    // Neither has heard of the other's change; both write within the same moment.
    first.dispose()
    second.dispose()

    const afterwards = track(createWatchListStore())
    expect(
      afterwards
        .getSnapshot()
        .map((entry) => entry.id)
        .sort(),
    ).toEqual([A, B].sort())
  })

  it('a tab hears of the other’s change and shows both, without writing it back', () => {
    const first = track(createWatchListStore())
    const second = track(createWatchListStore())
    first.watch([{ id: A }])
    vi.advanceTimersByTime(250)
    const writes = localStorage.getItem(WATCH_STORAGE_KEY)
    tellOtherTabs(WATCH_STORAGE_KEY)

    expect(second.getSnapshot().map((entry) => entry.id)).toEqual([A])
    vi.advanceTimersByTime(1_000)
    expect(localStorage.getItem(WATCH_STORAGE_KEY)).toBe(writes)
  })

  it('when the writes cross, the tab that hears of the other’s writes both lists back', () => {
    const second = track(createWatchListStore())
    second.watch([{ id: B }])
    vi.advanceTimersByTime(250)
    // Another tab wrote its own list over this one's before it heard of it (as an older Jobscope still
    // open in another tab does: it does not merge).
    const entry = { id: A, kind: null, notifyOn: 'end', addedAt: Date.now(), status: null }
    localStorage.setItem(
      WATCH_STORAGE_KEY,
      JSON.stringify({ version: 1, entries: [{ ...entry, endedAt: null, endReason: null }] }),
    )
    tellOtherTabs(WATCH_STORAGE_KEY)
    expect(
      second
        .getSnapshot()
        .map((entry) => entry.id)
        .sort(),
    ).toEqual([A, B].sort())
    vi.advanceTimersByTime(250)
    const written = stored(WATCH_STORAGE_KEY) as { entries: Array<{ id: string }> }
    expect(written.entries.map((entry) => entry.id).sort()).toEqual([A, B].sort())
  })

  it('a watch stopped in one tab stays stopped when the other tab writes', () => {
    const first = track(createWatchListStore())
    first.watch([{ id: A }, { id: B }])
    vi.advanceTimersByTime(250)
    const second = track(createWatchListStore())
    first.unwatch([A])
    vi.advanceTimersByTime(250)
    // The second tab has not heard yet, and changes B.
    second.setNotifyOn(B, 'change')
    vi.advanceTimersByTime(250)

    const afterwards = track(createWatchListStore())
    expect(afterwards.getSnapshot().map((entry) => [entry.id, entry.notifyOn])).toEqual([
      [B, 'change'],
    ])
  })

  it('a watch ended the moment after a status was seen stays ended (the same millisecond)', () => {
    const first = track(createWatchListStore())
    first.watch([{ id: A, status: 'QUEUED' }])
    setVisibility('hidden')
    first.seen(A, 'PROCESSING', 'images')
    expect(first.end(A, 'final', 'COMPLETED')).toBe(true)

    expect(first.get(A)?.endReason).toBe('final')
    expect(first.end(A, 'final', 'COMPLETED')).toBe(false)
    expect(track(createWatchListStore()).get(A)?.status).toBe('COMPLETED')
  })

  it('the timelines of one job seen by two tabs become one, in order', () => {
    const first = track(createStatusTimelineStore())
    const second = track(createStatusTimelineStore())
    const start = Date.now()
    first.observe(A, 'QUEUED', start)
    second.observe(A, 'QUEUED', start + 5)
    second.observe(A, 'PROCESSING', start + 2_000)
    first.observe(A, 'COMPLETED', start + 9_000)
    first.dispose()
    second.dispose()

    expect(
      track(createStatusTimelineStore())
        .get(A)
        ?.seen.map((item) => item.status),
    ).toEqual(['QUEUED', 'PROCESSING', 'COMPLETED'])
  })
})
