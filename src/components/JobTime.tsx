// One API time: local time in a <time dateTime> element, UTC on hover, and how long ago.
import {
  type JobTime as JobTimeValue,
  formatLocal,
  formatRelative,
  formatUtc,
} from '../lib/time.ts'

interface JobTimeProps {
  value: JobTimeValue
  now: number
  /** Shown when the API sent no time, e.g. "not finished yet". */
  absentText: string
}

export function JobTime({ value, now, absentText }: JobTimeProps) {
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
  return (
    <span className="flex flex-col">
      <time dateTime={date.toISOString()} title={formatUtc(date)} className="tabular-nums">
        {formatLocal(date)}
      </time>
      <span className="text-muted text-xs tabular-nums">{formatRelative(date, now)}</span>
    </span>
  )
}
