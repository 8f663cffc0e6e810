// Whether anything is watched, so the header can leave the whole watch list (store, checks, menu,
// monitor) unloaded until it is needed. Starts from a look at storage that counts without checking
// the entries; the watch list store, once loaded, keeps the count exact.
import { useSyncExternalStore } from 'react'
import { readStoredJson } from '../lib/browser-storage.ts'

export const WATCH_STORAGE_KEY = 'jobscope.watch.v1'

let count: number | undefined
const listeners = new Set<() => void>()

function storedCount(): number {
  const stored = readStoredJson(WATCH_STORAGE_KEY)
  if (typeof stored !== 'object' || stored === null || !('entries' in stored)) return 0
  return Array.isArray(stored.entries) ? stored.entries.length : 0
}

function notify(): void {
  for (const listener of listeners) listener()
}

export function watchCount(): number {
  count ??= storedCount()
  return count
}

/** Called by the watch list store with its true size. */
export function setWatchCount(next: number): void {
  if (next === count) return
  count = next
  notify()
}

function subscribe(listener: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key !== WATCH_STORAGE_KEY) return
    count = storedCount()
    notify()
  }
  listeners.add(listener)
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}

export function useAnythingWatched(): boolean {
  const anything = () => watchCount() > 0
  return useSyncExternalStore(subscribe, anything, anything)
}

export function resetWatchPresenceForTests(): void {
  count = undefined
}
