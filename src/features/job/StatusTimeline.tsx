// The job page's "Timeline": every status this browser saw, when it was first seen and how long after
// the one before, plus the API's own created and finished times. Recorded for every page in one place
// (status-timeline-recorder.ts) and kept in this browser, so reopening a job shows what was
// seen before. Loaded on demand by JobTimeline.tsx.
import { Fragment } from 'react'
import type { JobBase as Job } from '../../api/job-base.ts'
import { statusPresentation } from '../../components/JobStatusBadge.tsx'
import { JobTime } from '../../components/JobTime.tsx'
import { useTimeZoneMode } from '../../components/time-zone.tsx'
import { useNow } from '../../components/use-now.ts'
import { NOT_FOUND_LABEL } from '../../jobs/job-status.ts'
import { type TimelineRow, timelineRows, useStatusTimeline } from './status-timeline.ts'
import { formatTimeOfDay } from '../../lib/clock-time.ts'
import { formatDuration, formatLocal, formatUtc } from '../../lib/time.ts'
import { localZoneNames } from '../../lib/zone-name.ts'

export default function StatusTimeline({ jobId, job }: { jobId: string; job: Job }) {
  const timeline = useStatusTimeline(jobId)
  const rows = timelineRows(timeline)
  const zone = useTimeZoneMode()
  const now = useNow(60_000)
  const utc = zone === 'utc'
  return (
    <section aria-labelledby="timeline-heading" className="card flex flex-col gap-3 p-4">
      <h2 id="timeline-heading" className="text-base font-semibold">
        Timeline
      </h2>
      <p className="text-muted text-sm">
        What this browser saw while checking the job, not the API’s own history: a status that came
        and went between two checks is missing, and the times are when this browser first saw each
        one. <span className="whitespace-nowrap">Times in {zoneText(utc, rows, now)}.</span>
      </p>
      {rows.length === 0 ? (
        <p className="text-muted text-sm">No status seen yet.</p>
      ) : (
        // A table, not a list: the page's lists are its results, and tests and people count those.
        <table className="w-fit text-sm">
          <caption className="sr-only">Statuses this browser saw</caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">First seen</th>
              <th scope="col">Status, and the time since the previous one</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const date = new Date(row.at)
              return (
                <Fragment key={`${index}-${row.status}`}>
                  {index === 1 && timeline && timeline.dropped > 0 && (
                    <tr>
                      <td colSpan={2} className="text-muted py-0.5 text-xs">
                        … {timeline.dropped} earlier change{timeline.dropped === 1 ? '' : 's'} not
                        kept
                      </td>
                    </tr>
                  )}
                  <tr className="align-baseline">
                    <td className="text-muted py-0.5 pr-4 whitespace-nowrap tabular-nums">
                      <time
                        dateTime={date.toISOString()}
                        title={utc ? `Local: ${formatLocal(date)}` : formatUtc(date)}
                      >
                        {formatTimeOfDay(date, now, utc)}
                      </time>
                    </td>
                    <td className="py-0.5">
                      <StatusStep row={row} />
                    </td>
                  </tr>
                </Fragment>
              )
            })}
          </tbody>
        </table>
      )}
      <dl className="text-muted flex flex-wrap gap-x-6 gap-y-1 border-t border-zinc-200 pt-2 text-sm dark:border-zinc-700">
        <div className="flex gap-1.5">
          <dt>Created (API):</dt>{' '}
          <dd>
            <JobTime value={job.created} now={now} absentText="not reported" compact />
          </dd>
        </div>
        <div className="flex gap-1.5">
          <dt>Finished (API):</dt>{' '}
          <dd>
            <JobTime value={job.finished} now={now} absentText="not yet" compact />
          </dd>
        </div>
      </dl>
    </section>
  )
}

const STEP_COLOURS: Record<string, string> = {
  COMPLETED: 'text-emerald-700 dark:text-emerald-400',
  ERROR: 'text-red-700 dark:text-red-400',
  [NOT_FOUND_LABEL]: 'text-red-700 dark:text-red-400',
  POSTPONED: 'text-amber-700 dark:text-amber-400',
  PROCESSING: 'text-blue-700 dark:text-blue-400',
  ASSIGNED_CONNECTIONS: 'text-indigo-700 dark:text-indigo-400',
  QUEUED: 'text-sky-700 dark:text-sky-400',
}

/**
 * "QUEUED +1 s": the status word and the gap in one run of text, as the issue writes it (a second
 * status badge on the page would read as the job's current status). A status earlier than the one
 * before is said to be so: the API reported it, the job did not go backwards on its own.
 */
function StatusStep({ row }: { row: TimelineRow }) {
  const { status, gapMs } = row
  const { icon: Icon } = statusPresentation(status)
  const colour = STEP_COLOURS[status] ?? 'text-zinc-500 dark:text-zinc-400'
  const word = status === '' ? '(empty status)' : status
  return (
    <span className="inline-flex min-w-0 items-baseline gap-1.5 font-mono break-all">
      <Icon aria-hidden="true" className={`size-3.5 shrink-0 self-center ${colour}`} />
      {row.wentBack ? (
        <span>
          <span className="font-sans break-normal text-amber-800 dark:text-amber-300">
            went back to
          </span>{' '}
          {word}{' '}
          <span className="font-sans break-normal text-amber-800 dark:text-amber-300">
            — the API reported an earlier status
          </span>{' '}
          {gapText(gapMs)}
        </span>
      ) : (
        `${word} ${gapText(gapMs)}`
      )}
    </span>
  )
}

/** "UTC", or "local time (CET)": the zone every time in the section is written in. */
function zoneText(utc: boolean, rows: ReadonlyArray<{ at: number }>, now: number): string {
  if (utc) return 'UTC'
  return `local time (${localZoneNames(
    rows.map((row) => new Date(row.at)),
    new Date(now),
  )})`
}

function gapText(gapMs: number | null): string {
  if (gapMs === null) return '(first seen)'
  // The clock was set back between two observations: no gap to tell.
  if (gapMs < 0) return '(after a clock change)'
  return `+${formatDuration(gapMs)}`
}
