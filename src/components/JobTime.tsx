// One API time: in the chosen zone (Local or UTC) in a <time dateTime> element, the other zone on
// hover, and how long ago.
import {
  type JobTime as JobTimeValue,
  formatCompactLocal,
  formatLocal,
  formatRelative,
  formatUtc,
} from '../lib/time.ts'
import { formatInZone, useTimeZoneMode } from './time-zone.tsx'

interface JobTimeProps {
  value: JobTimeValue
  now: number
  /** Shown when the API sent no time, e.g. "not finished yet". */
  absentText: string
  /** One short line without the relative time, for table cells. */
  compact?: boolean
}

export function JobTime({ value, now, absentText, compact = false }: JobTimeProps) {
  const zone = useTimeZoneMode()
  if (value.kind === 'absent') return <span className="text-muted">{absentText}</span>
  if (value.kind === 'invalid') {
    return (
      <span>
        <span className="font-mono">{value.raw}</span>{' '}
        <span className="text-xs text-amber-800 dark:text-amber-300">
          (not a time format we can read)
        </span>
      </span>
    )
  }
  const { date } = value
  const other = zone === 'utc' ? `Local: ${formatLocal(date)}` : formatUtc(date)
  const element = (
    <time dateTime={date.toISOString()} title={other} className="tabular-nums">
      {compact
        ? zone === 'utc'
          ? formatUtc(date)
          : formatCompactLocal(date)
        : formatInZone(date, zone)}
    </time>
  )
  if (compact) return element
  return (
    <span className="flex flex-col">
      {element}
      <span className="text-muted text-xs tabular-nums">{formatRelative(date, now)}</span>
    </span>
  )
}
