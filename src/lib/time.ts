// Times as the API sends them, and as a support person reads them. Pure: no React, no clock of its own.
import { localZoneNames } from './zone-name.ts'

export type JobTime =
  | { readonly kind: 'absent' }
  | { readonly kind: 'valid'; readonly date: Date }
  | { readonly kind: 'invalid'; readonly raw: string }

/** A day in milliseconds (for ages in days: how long Recent keeps an entry). */
export const DAY_MS = 24 * 60 * 60 * 1000

const ABSENT: JobTime = { kind: 'absent' }
/** Below this an epoch number is read as seconds: 1e11 s is the year 5138, 1e11 ms is 1973. */
const EPOCH_SECONDS_LIMIT = 1e11

/**
 * The images page shows ISO-8601 strings; the sibling endpoints declare numbers without saying
 * whether they are seconds or milliseconds. Accept all of them, and keep what we cannot read.
 */
export function parseApiTime(value: string | number | null | undefined): JobTime {
  if (value === null || value === undefined) return ABSENT
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return { kind: 'invalid', raw: String(value) }
    return validOrInvalid(
      new Date(value < EPOCH_SECONDS_LIMIT ? value * 1000 : value),
      String(value),
    )
  }
  const trimmed = value.trim()
  if (trimmed === '') return ABSENT
  if (/^\d+(\.\d+)?$/.test(trimmed)) return parseApiTime(Number(trimmed))
  // Only ISO-8601-like strings: Date.parse accepts locale formats that mean different things.
  const match =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(
      trimmed,
    )
  if (!match) return { kind: 'invalid', raw: trimmed }
  const [, year, month, day, hour, minute = '0', second = '0', zone] = match
  // Date() rolls 2025-02-30 over into March; an impossible date is a bad value, not another day.
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  if (
    calendar.getUTCMonth() !== Number(month) - 1 ||
    calendar.getUTCDate() !== Number(day) ||
    Number(hour ?? 0) > 23 ||
    Number(minute) > 59 ||
    Number(second) > 59
  ) {
    return { kind: 'invalid', raw: trimmed }
  }
  // A time without a zone is read as UTC (the API is a server), not as the browser's local time.
  const iso = trimmed.replace(' ', 'T') + (zone === undefined && hour !== undefined ? 'Z' : '')
  return validOrInvalid(new Date(iso), trimmed)
}

function validOrInvalid(date: Date, raw: string): JobTime {
  return Number.isNaN(date.getTime()) ? { kind: 'invalid', raw } : { kind: 'valid', date }
}

// Made on first use, not as this module loads: a page's first Intl object costs Chromium ~12 ms (it
// sets up its locale data then; later ones take ~0.1 ms), and this module is on every first load.
let relativeFormat: Intl.RelativeTimeFormat | undefined
const relative = () => (relativeFormat ??= new Intl.RelativeTimeFormat('en', { numeric: 'auto' }))

/**
 * Sets up the time formatting now, so the render that first shows a time does not pay for it; a page
 * that shows none calls it after its first paint.
 * (docs/decisions/025-time-formatting-after-the-first-paint.md)
 */
export function readyTimeFormatting(): void {
  if (relativeFormat !== undefined) return
  relative()
  localZoneNames([], new Date())
}
const RELATIVE_STEPS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
]

/** "3 min ago", "in 2 hours", "now" — for a date relative to `now`. */
export function formatRelative(date: Date, now: number): string {
  let value = (date.getTime() - now) / 1000
  if (Math.abs(value) < 5) return 'just now'
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) return relative().format(Math.round(value), unit)
    value /= size
  }
  return relative().format(Math.round(value), 'year')
}

/** A compact duration: "850 ms", "42 s", "3 min 05 s", "2 h 14 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—'
  const sign = ms < 0 ? '−' : ''
  const abs = Math.abs(ms)
  if (abs < 1000) return `${sign}${Math.round(abs)} ms`
  const totalSeconds = Math.round(abs / 1000)
  if (totalSeconds < 60) return `${sign}${totalSeconds} s`
  const totalMinutes = Math.floor(totalSeconds / 60)
  if (totalMinutes < 60) {
    return `${sign}${totalMinutes} min ${String(totalSeconds % 60).padStart(2, '0')} s`
  }
  const totalHours = Math.floor(totalMinutes / 60)
  if (totalHours < 24) return `${sign}${totalHours} h ${totalMinutes % 60} min`
  return `${sign}${Math.floor(totalHours / 24)} d ${totalHours % 24} h`
}

/** "2025-05-17 07:00:24 UTC" — unambiguous, for tooltips and tickets. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

/**
 * "2025-05-17 09:00:24 CEST": the same instant in the browser's zone, in the one clock style the app
 * writes every time in (as formatUtc, with the local zone's short name).
 */
export function formatLocal(date: Date): string {
  return `${formatCompactLocal(date)} ${localZoneNames([date], date)}`
}

/** Elapsed time in whole seconds for live counters ("0 s", "42 s", "3 min 05 s"); never negative. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000))
  return seconds < 60 ? `${seconds} s` : formatDuration(seconds * 1000)
}

const pad = (value: number) => String(value).padStart(2, '0')

/** "2025-05-17 09:00:24" in the browser's zone: compact and sortable, for table cells. */
export function formatCompactLocal(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}
