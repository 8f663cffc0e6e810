// How many days Recent keeps what it remembers (config.json's `recentDays`, pinned or not). Set once
// the config is read, before the first render; Recent's stores, which load with the pages that show
// them, read it when they are made and follow it if it changes.
export const DEFAULT_RECENT_DAYS = 30
export const DAY_MS = 24 * 60 * 60 * 1000

let current = DEFAULT_RECENT_DAYS
const listeners = new Set<(days: number) => void>()

export function recentDays(): number {
  return current
}

export function setRecentDays(days: number): void {
  current = days
  for (const listener of listeners) listener(days)
}

/** Calls `listener` with every later change; returns the function that stops it. */
export function onRecentDaysChange(listener: (days: number) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
