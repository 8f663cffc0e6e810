// Local or UTC: one switch, remembered in this browser, for every time the app shows.
import { useSyncExternalStore } from 'react'
import { appPart } from '../lib/app-scope.ts'
import { createStoredState } from '../lib/stored-state.ts'
import { formatLocal, formatUtc } from '../lib/time.ts'
import { usePart } from './app-scope.tsx'

export type TimeZoneMode = 'local' | 'utc'
const STORAGE_KEY = 'jobscope.timeZone'

/** The person's choice, kept in storage (and followed when another tab changes it). */
export const timeZonePart = appPart(
  'time zone choice',
  () =>
    createStoredState<TimeZoneMode>({
      key: STORAGE_KEY,
      parse: (stored) => (stored === 'utc' ? 'utc' : 'local'),
      serialize: (mode) => mode,
      writeDelayMs: 0,
    }),
  (state) => state.dispose(),
)

export function useTimeZoneMode(): TimeZoneMode {
  const state = usePart(timeZonePart)
  return useSyncExternalStore(state.subscribe, state.get, state.get)
}

export function formatInZone(date: Date, zone: TimeZoneMode): string {
  return zone === 'utc' ? formatUtc(date) : formatLocal(date)
}

export function TimeZoneSwitch() {
  const state = usePart(timeZonePart)
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
          onClick={() => state.set(option)}
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
