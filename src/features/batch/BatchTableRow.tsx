// One row of the batch table: a real table row on wider screens, a stacked card on a phone (id, then
// status and kind, then the rest, labelled). Memoised: an answer redraws only its own row.
import { AlertTriangle, Hourglass } from 'lucide-react'
import { memo } from 'react'
import { Link } from 'wouter'
import type { JobBase as Job } from '../../api/job-base.ts'
import { JobIdText } from '../../components/JobIdText.tsx'
import { JobStatusBadge } from '../../components/JobStatusBadge.tsx'
import { JobTime } from '../../components/JobTime.tsx'
import { problemLabel, problemTitle } from '../../jobs/describe-problem.ts'
import { countOf, jobDurationMs } from '../../kinds/job-summary.ts'
import type { JobKindEntry } from '../../kinds/kind.ts'
import { KindIcon, useKindListView } from '../../kinds/kind-list-view.tsx'
import { formatDuration } from '../../lib/time.ts'
import { WatchRowToggle } from '../watch/public.ts'
import {
  type BatchRow,
  ERROR_GROUP,
  NOT_FOUND_GROUP,
  type RowProblem,
  STUCK_AFTER_MS,
  WAITING_GROUP,
} from './batch-rows.ts'

/** What the page knows about a row beyond its query: whether it needs attention, and why. */
export interface RowAttention {
  readonly problem: RowProblem | null
  /** How long it has not been final (for a stuck row), in ms. */
  readonly notFinalForMs: number | null
  /** Whether that time counts from the API's `created` (or from when this page opened the list). */
  readonly sinceCreated: boolean
}

export const NO_ATTENTION: RowAttention = { problem: null, notFinalForMs: null, sinceCreated: true }

/** Cell classes: the table on wider screens, a labelled piece of a card on a phone. */
const CELL = 'px-1.5 py-1.5 max-sm:p-0'
/**
 * On a phone, a cell with nothing to say takes no room in the card, but stays in the table for
 * screen readers (hiding it would shift the cells after it under the wrong column header).
 */
const EMPTY_ON_PHONE = 'max-sm:sr-only'
/** On a phone, the column's name before the value (generated content: not part of the text). */
const PHONE_LABEL =
  'max-sm:before:mr-1.5 max-sm:before:text-zinc-600 max-sm:before:content-[attr(data-label)] dark:max-sm:before:text-zinc-400'

const Dash = () => <span className="text-muted">—</span>

export const BatchTableRow = memo(function BatchTableRow({
  ref,
  row,
  index,
  now,
  attention,
  timeHeader,
}: {
  ref: ((element: HTMLTableRowElement | null) => void) | undefined
  row: BatchRow
  index: number
  now: number
  attention: RowAttention
  timeHeader: string
}) {
  const { job } = row
  const duration = job ? jobDurationMs(job) : null
  const empty = (hasValue: boolean) => (hasValue ? '' : EMPTY_ON_PHONE)
  return (
    <tr
      ref={ref}
      data-index={index}
      aria-rowindex={index + 2}
      className="border-b border-zinc-100 last:border-0 hover:bg-zinc-50 max-sm:flex max-sm:flex-wrap max-sm:items-center max-sm:gap-x-3 max-sm:gap-y-1 max-sm:px-3 max-sm:py-2.5 sm:h-[53px] dark:border-zinc-800 dark:hover:bg-zinc-800/50"
      data-row-group={row.group}
      data-problem={attention.problem ?? undefined}
    >
      <td className={`${CELL} max-sm:order-1 max-sm:basis-full`}>
        <Link
          // Chromium breaks at <wbr> even under nowrap: the table keeps ids on one line
          // on a phone, padded to a 24 px target (WCAG 2.2); the table row is tall enough as it is
          className="link font-mono text-xs max-sm:py-1.5 sm:whitespace-nowrap sm:[&_wbr]:hidden"
          href={job ? `/jobs/${row.id}?kind=${job.kind}` : `/jobs/${row.id}`}
        >
          <JobIdText id={row.id} />
        </Link>{' '}
        <WatchRowToggle row={row} />
      </td>
      <td className={`${CELL} text-xs max-sm:order-3 ${empty(job !== undefined)}`}>
        {row.kind?.label ?? <Dash />}
      </td>
      <td className={`${CELL} max-sm:order-2`}>
        <RowStatus row={row} attention={attention} />
      </td>
      <td
        className={`${CELL} font-mono text-xs max-sm:order-6 max-sm:flex max-sm:max-w-full max-sm:basis-full max-sm:gap-1.5 ${PHONE_LABEL} max-sm:before:font-sans ${empty(Boolean(job?.model))}`}
        data-label="Model"
        title={job?.model ?? undefined}
      >
        {/* the width limit sits on a block inside: table cells do not honour max-width */}
        <div className="min-w-0 truncate sm:max-w-[9rem]">{job?.model ?? <Dash />}</div>
      </td>
      <td
        className={`${CELL} text-xs whitespace-nowrap max-sm:order-7 max-sm:basis-full ${PHONE_LABEL} ${empty(job !== undefined && job.created.kind !== 'absent')}`}
        data-label={`Created (${timeHeader})`}
      >
        {job ? <JobTime value={job.created} now={now} absentText="—" compact /> : <Dash />}
      </td>
      <td
        className={`${CELL} text-xs whitespace-nowrap max-sm:order-8 max-sm:basis-full ${PHONE_LABEL} ${empty(job !== undefined && job.finished.kind !== 'absent')}`}
        data-label={`Finished (${timeHeader})`}
      >
        {job ? <JobTime value={job.finished} now={now} absentText="—" compact /> : <Dash />}
      </td>
      <td
        className={`${CELL} text-right text-xs whitespace-nowrap tabular-nums max-sm:order-5 ${empty(duration !== null)}`}
      >
        {duration === null ? <Dash /> : formatDuration(duration)}
      </td>
      <td
        className={`${CELL} text-right text-xs whitespace-nowrap tabular-nums max-sm:order-4 ${empty(job !== undefined)}`}
      >
        {job && row.kind ? <ResultCount job={job} entry={row.kind} /> : <Dash />}
      </td>
      <td
        className={`${CELL} max-sm:order-9 max-sm:basis-full ${empty(job !== undefined && row.kind !== undefined && row.kind.resultCount(job) > 0)}`}
      >
        {job && row.kind ? <RowPreview job={job} entry={row.kind} /> : <Dash />}
      </td>
    </tr>
  )
})

/** The kind's preview of its results, or its icon while there are none (not finished, failed). */
function RowPreview({ job, entry }: { job: Job; entry: JobKindEntry }) {
  const view = useKindListView(entry)
  if (entry.resultCount(job) === 0) return <KindIcon entry={entry} />
  return view ? <view.PreviewCell job={job} /> : <Dash />
}

function ResultCount({ job, entry }: { job: Job; entry: JobKindEntry }) {
  const [singular, plural] = entry.resultNoun
  return <>{countOf(entry.resultCount(job), singular, plural)}</>
}

function RowStatus({ row, attention }: { row: BatchRow; attention: RowAttention }) {
  if (row.group === NOT_FOUND_GROUP)
    return <span className="font-medium text-red-800 dark:text-red-300">not found</span>
  if (row.group === WAITING_GROUP)
    return <span className="text-muted">{row.error ? 'retrying…' : 'looking up…'}</span>
  if (row.group === ERROR_GROUP) {
    return (
      <span
        className="inline-flex items-center gap-1 text-red-800 dark:text-red-300"
        title={problemTitle(row.error)}
      >
        <AlertTriangle aria-hidden="true" className="size-3.5" />
        {problemLabel(row.error)}
      </span>
    )
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-x-1.5 gap-y-0.5">
      <JobStatusBadge status={row.group} />
      {attention.problem === 'stuck' && attention.notFinalForMs !== null && (
        <StuckMark ms={attention.notFinalForMs} sinceCreated={attention.sinceCreated} />
      )}
      {row.error !== null && (
        <span
          title={`Last check failed: ${problemTitle(row.error)}`}
          className="text-amber-700 dark:text-amber-300"
        >
          <AlertTriangle aria-hidden="true" className="size-3.5" />
          <span className="sr-only">Last check failed: {problemTitle(row.error)}</span>
        </span>
      )}
    </span>
  )
}

/** "stuck 23 min": not final long after it was created; the reason it is a problem id. */
function StuckMark({ ms, sinceCreated }: { ms: number; sinceCreated: boolean }) {
  const limit = formatStuckTime(STUCK_AFTER_MS)
  const time = formatStuckTime(ms)
  const title = sinceCreated
    ? `Not final ${time} after it was created (stuck: over ${limit})`
    : `Not final for ${time} since this page opened the list; the API sent no creation time (stuck: over ${limit})`
  return (
    <span
      title={title}
      className="inline-flex items-center gap-0.5 text-xs font-medium whitespace-nowrap text-amber-800 dark:text-amber-200"
    >
      <Hourglass aria-hidden="true" className="size-3" />
      stuck {time}
    </span>
  )
}

/** Whole minutes below an hour ("23 min"): seconds would only flicker. */
function formatStuckTime(ms: number): string {
  return ms < 3_600_000 ? `${Math.floor(ms / 60_000)} min` : formatDuration(ms)
}
