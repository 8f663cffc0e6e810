// One value kept in localStorage for the stores that must survive a reload (the watch list, Recent,
// the timelines, the time zone choice): read once and checked by the caller's parser, written a
// moment after a change (a burst of changes costs one write) — and at once when the page goes away
// or is hidden, so a change made just before a reload, a typed address or a closed tab is there on
// the next page. Several tabs share the value: a store that says how (`merge`) has its changes and
// another tab's merged on every write and every change the other tab makes, so two tabs changing it
// at the same moment lose nothing. Storage that is full, disabled or holds garbage is never fatal:
// the value lives on in memory and `saveFailed` says so.
import { readStoredJson, writeStoredJson } from './browser-storage.ts'

export interface StoredState<T> {
  get: () => T
  /** Replaces the value, tells the listeners, and schedules a write. */
  set: (next: T) => void
  subscribe: (listener: () => void) => () => void
  /** True after the last write was refused (quota full, storage disabled). */
  readonly saveFailed: boolean
  /** Writes a pending change now. */
  flush: () => void
  /** Writes a pending change and stops listening to the page and other tabs: the app is going away. */
  dispose: () => void
}

export interface StoredStateOptions<T> {
  readonly key: string
  /** Anything at all from storage (undefined when absent or unreadable) → a valid value. */
  readonly parse: (stored: unknown) => T
  readonly serialize: (value: T) => unknown
  /** How long a burst of changes is gathered before one write; 0 writes each change at once. */
  readonly writeDelayMs?: number
  /**
   * This tab's value and another tab's (what storage holds now) as one, losing neither's changes.
   * Without it, another tab's write replaces this tab's value, and this tab's write replaces theirs.
   */
  readonly merge?: (mine: T, theirs: T) => T
}

export function createStoredState<T>({
  key,
  parse,
  serialize,
  writeDelayMs = 250,
  merge,
}: StoredStateOptions<T>): StoredState<T> {
  let value = parse(readStoredJson(key))
  let saveFailed = false
  let timer: ReturnType<typeof setTimeout> | undefined
  /** A change of this tab's is not in storage yet. */
  let dirty = false
  /** The page is going away (pagehide): every change is written at once. */
  let leaving = false
  const listeners = new Set<() => void>()
  const notify = () => {
    for (const listener of listeners) listener()
  }
  const hidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden'

  const write = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    dirty = false
    if (merge) {
      // Another tab may have written since this one last heard: write both tabs' changes.
      const merged = merge(value, parse(readStoredJson(key)))
      if (merged !== value) {
        value = merged
        notify()
      }
    }
    const ok = writeStoredJson(key, serialize(value))
    // Only a change of state is news: a failure after a failure is not.
    if (saveFailed === ok) {
      saveFailed = !ok
      notify()
    }
  }

  const flush = () => {
    if (dirty) write()
  }

  const onStorage = (event: StorageEvent) => {
    if (event.key !== key) return
    const theirs = parse(readStoredJson(key))
    if (merge === undefined) {
      value = theirs
      notify()
      return
    }
    value = merge(value, theirs)
    notify()
    // Their write may have crossed one of ours (each tab wrote before it heard of the other's): what
    // storage holds then lacks our changes, and they must hear of them.
    if (!dirty && JSON.stringify(serialize(value)) !== JSON.stringify(serialize(theirs))) {
      dirty = true
      timer ??= setTimeout(write, writeDelayMs)
    }
  }
  const onHide = () => {
    if (hidden()) flush()
  }
  const onPageHide = () => {
    leaving = true
    flush()
  }
  const onPageShow = () => {
    leaving = false
  }
  if (typeof window !== 'undefined') {
    window.addEventListener('storage', onStorage)
    window.addEventListener('pagehide', onPageHide)
    window.addEventListener('pageshow', onPageShow)
    document.addEventListener('visibilitychange', onHide)
  }

  return {
    get: () => value,
    set(next) {
      value = next
      dirty = true
      notify()
      if (writeDelayMs === 0 || leaving || hidden()) write()
      else timer ??= setTimeout(write, writeDelayMs)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    get saveFailed() {
      return saveFailed
    },
    flush,
    dispose() {
      flush()
      listeners.clear()
      if (typeof window !== 'undefined') {
        window.removeEventListener('storage', onStorage)
        window.removeEventListener('pagehide', onPageHide)
        window.removeEventListener('pageshow', onPageShow)
        document.removeEventListener('visibilitychange', onHide)
      }
    },
  }
}
