// Local or UTC: one switch, remembered in this browser, for every time the app shows.
import { useSyncExternalStore } from 'react'
import { readStoredJson, writeStoredJson } from '../lib/browser-storage.ts'
import { formatLocal, formatUtc } from '../lib/time.ts'

export type TimeZoneMode = 'local' | 'utc'
const STORAGE_KEY = 'jobscope.timeZone'

let mode: TimeZoneMode | undefined
const listeners = new Set<() => void>()

function currentMode(): TimeZoneMode {
  mode ??= readStoredJson(STORAGE_KEY) === 'utc' ? 'utc' : 'local'
  return mode
}

export function setTimeZoneMode(next: TimeZoneMode): void {
  mode = next
  writeStoredJson(STORAGE_KEY, next)
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useTimeZoneMode(): TimeZoneMode {
  return useSyncExternalStore(subscribe, currentMode, currentMode)
}

/** Forgets the cached choice (tests reset storage between cases). */
export function resetTimeZoneModeForTests(): void {
  mode = undefined
}

export function formatInZone(date: Date, zone: TimeZoneMode): string {
  return zone === 'utc' ? formatUtc(date) : formatLocal(date)
}

export function TimeZoneSwitch() {
  const zone = useTimeZoneMode()
  return (
    <div
      role="group"
      aria-label="Show times in"
      className="inline-flex overflow-hidden rounded-md border border-zinc-300 text-xs dark:border-zinc-600"
    >
      {(['local', 'utc'] as const).map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={zone === option}
          onClick={() => setTimeZoneMode(option)}
          className={`px-2 py-1 font-medium ${
            zone === option
              ? 'bg-zinc-800 text-white dark:bg-zinc-200 dark:text-zinc-900'
              : 'bg-white text-zinc-700 hover:bg-zinc-100 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800'
          }`}
        >
          {option === 'local' ? 'Local' : 'UTC'}
        </button>
      ))}
    </div>
  )
}
