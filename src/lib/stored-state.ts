// One value kept in localStorage for the stores that must survive a reload (watch list, timelines,
// batches in Recent): read once and checked by the caller's parser, written a moment after a change
// (a burst of changes costs one write), re-read when another tab changes it. Storage that is full,
// disabled or holds garbage is never fatal: the value lives on in memory and `saveFailed` says so.
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
  /** Writes a pending change and stops listening to other tabs: the app is going away. */
  dispose: () => void
}

export interface StoredStateOptions<T> {
  readonly key: string
  /** Anything at all from storage (undefined when absent or unreadable) → a valid value. */
  readonly parse: (stored: unknown) => T
  readonly serialize: (value: T) => unknown
  /** How long a burst of changes is gathered before one write; 0 writes each change at once. */
  readonly writeDelayMs?: number
}

export function createStoredState<T>({
  key,
  parse,
  serialize,
  writeDelayMs = 250,
}: StoredStateOptions<T>): StoredState<T> {
  let value = parse(readStoredJson(key))
  let saveFailed = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const listeners = new Set<() => void>()
  const notify = () => {
    for (const listener of listeners) listener()
  }

  const write = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    const ok = writeStoredJson(key, serialize(value))
    // Only a change of state is news: a failure after a failure is not.
    if (saveFailed === ok) {
      saveFailed = !ok
      notify()
    }
  }

  const onStorage = (event: StorageEvent) => {
    if (event.key !== key) return
    value = parse(readStoredJson(key))
    notify()
  }
  if (typeof window !== 'undefined') window.addEventListener('storage', onStorage)

  return {
    get: () => value,
    set(next) {
      value = next
      notify()
      if (writeDelayMs === 0) write()
      else timer ??= setTimeout(write, writeDelayMs)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    get saveFailed() {
      return saveFailed
    },
    flush() {
      if (timer !== undefined) write()
    },
    dispose() {
      if (timer !== undefined) write()
      listeners.clear()
      if (typeof window !== 'undefined') window.removeEventListener('storage', onStorage)
    },
  }
}
