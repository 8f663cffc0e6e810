// The results table: a real <table>, sortable by every column, virtualised past a few hundred rows
// so a thousand ids scroll smoothly.
import { useWindowVirtualizer } from '@tanstack/react-virtual'
import { AlertTriangle, ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react'
import { memo, useLayoutEffect, useRef, useState } from 'react'
import { Link } from 'wouter'
import type { Job } from '../../api/job.ts'
import { JobStatusBadge } from '../../components/JobStatusBadge.tsx'
import { JobTime } from '../../components/JobTime.tsx'
import { WatchRowToggle } from '../../components/WatchBatchToggles.tsx'
import { problemLabel, problemTitle } from '../../jobs/describe-problem.ts'
import { countOf, jobDurationMs } from '../../kinds/job-summary.ts'
import { kindEntry, kindLabel } from '../../kinds/registry.tsx'
import { formatDuration } from '../../lib/time.ts'
import {
  type BatchRow,
  ERROR_GROUP,
  NOT_FOUND_GROUP,
  type SortKey,
  type SortOrder,
  WAITING_GROUP,
} from './batch-rows.ts'

/** Below this every row is in the DOM (simple, searchable with the browser's find). */
export const VIRTUALIZE_ABOVE = 200
const ROW_HEIGHT = 53

const COLUMNS: ReadonlyArray<{ key: SortKey; label: string; className?: string }> = [
  { key: 'id', label: 'Job ID' },
  { key: 'kind', label: 'Kind' },
  { key: 'status', label: 'Status' },
  { key: 'model', label: 'Model' },
  { key: 'created', label: 'Created' },
  { key: 'finished', label: 'Finished' },
  { key: 'duration', label: 'Duration', className: 'text-right' },
  { key: 'results', label: 'Results', className: 'text-right' },
]

interface BatchTableProps {
  rows: readonly BatchRow[]
  sort: SortOrder
  onSort: (key: SortKey) => void
  now: number
}

export function BatchTable({ rows, sort, onSort, now }: BatchTableProps) {
  const bodyRef = useRef<HTMLTableSectionElement>(null)
  const virtual = rows.length > VIRTUALIZE_ABOVE
  // Where the table body starts on the page: the window virtualiser counts rows from there.
  const [scrollMargin, setScrollMargin] = useState(0)
  useLayoutEffect(() => {
    const body = bodyRef.current
    if (virtual && body) setScrollMargin(body.getBoundingClientRect().top + window.scrollY)
  }, [virtual])
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    enabled: virtual,
    scrollMargin,
  })
  const items = virtual ? virtualizer.getVirtualItems() : []
  const visible = virtual
    ? items.map((item) => ({ row: rows[item.index], index: item.index }))
    : rows.map((row, index) => ({ row, index }))
  const paddingTop = virtual && items[0] ? items[0].start - virtualizer.options.scrollMargin : 0
  const lastItem = items.at(-1)
  const paddingBottom = virtual && lastItem ? virtualizer.getTotalSize() - lastItem.end : 0

  return (
    <div className="card overflow-x-auto">
      <table
        className="w-full min-w-[56rem] border-collapse text-sm"
        aria-rowcount={rows.length + 1}
      >
        <thead className="text-muted border-b border-zinc-200 text-left text-xs uppercase dark:border-zinc-700">
          <tr>
            {COLUMNS.map((column) => {
              const active = sort.key === column.key
              const Icon = active
                ? sort.direction === 'ascending'
                  ? ArrowUp
                  : ArrowDown
                : ArrowUpDown
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={active ? sort.direction : 'none'}
                  className={`px-3 py-2 font-medium ${column.className ?? ''}`}
                >
                  <button
                    type="button"
                    className="inline-flex items-center gap-1 uppercase hover:text-zinc-900 dark:hover:text-zinc-100"
                    onClick={() => onSort(column.key)}
                  >
                    {column.label}
                    <Icon aria-hidden="true" className={`size-3.5 ${active ? '' : 'opacity-40'}`} />
                  </button>
                </th>
              )
            })}
            <th scope="col" className="px-3 py-2 font-medium">
              Preview
            </th>
          </tr>
        </thead>
        <tbody ref={bodyRef}>
          {paddingTop > 0 && (
            <tr aria-hidden="true">
              <td colSpan={COLUMNS.length + 1} style={{ height: paddingTop }} />
            </tr>
          )}
          {visible.map(({ row, index }) =>
            row ? <BatchTableRow key={row.id} row={row} rowIndex={index + 2} now={now} /> : null,
          )}
          {paddingBottom > 0 && (
            <tr aria-hidden="true">
              <td colSpan={COLUMNS.length + 1} style={{ height: paddingBottom }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  )
}

const BatchTableRow = memo(function BatchTableRow({
  row,
  rowIndex,
  now,
}: {
  row: BatchRow
  rowIndex: number
  now: number
}) {
  const { job } = row
  const duration = job ? jobDurationMs(job) : null
  return (
    <tr
      aria-rowindex={rowIndex}
      className="h-[53px] border-b border-zinc-100 last:border-0 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/50"
      data-row-group={row.group}
    >
      <td className="px-3 py-1.5">
        <Link
          className="link font-mono text-xs whitespace-nowrap"
          href={job ? `/jobs/${row.id}?kind=${job.kind}` : `/jobs/${row.id}`}
        >
          {row.id}
        </Link>{' '}
        <WatchRowToggle row={row} />
      </td>
      <td className="px-3 py-1.5 text-xs">
        {job ? kindLabel(job.kind) : <span className="text-muted">—</span>}
      </td>
      <td className="px-3 py-1.5">
        <RowStatus row={row} />
      </td>
      <td
        className="max-w-[12rem] truncate px-3 py-1.5 font-mono text-xs"
        title={job?.model ?? undefined}
      >
        {job?.model ?? <span className="text-muted">—</span>}
      </td>
      <td className="px-3 py-1.5 text-xs whitespace-nowrap">
        {job ? (
          <JobTime value={job.created} now={now} absentText="—" compact />
        ) : (
          <span className="text-muted">—</span>
        )}
      </td>
      <td className="px-3 py-1.5 text-xs whitespace-nowrap">
        {job ? (
          <JobTime value={job.finished} now={now} absentText="—" compact />
        ) : (
          <span className="text-muted">—</span>
        )}
      </td>
      <td className="px-3 py-1.5 text-right text-xs whitespace-nowrap tabular-nums">
        {duration === null ? <span className="text-muted">—</span> : formatDuration(duration)}
      </td>
      <td className="px-3 py-1.5 text-right text-xs whitespace-nowrap tabular-nums">
        {job ? <ResultCount job={job} /> : <span className="text-muted">—</span>}
      </td>
      <td className="px-3 py-1.5">
        {job ? <RowPreview job={job} /> : <span className="text-muted">—</span>}
      </td>
    </tr>
  )
})

function ResultCount({ job }: { job: Job }) {
  const entry = kindEntry(job.kind)
  const [singular, plural] = entry.resultNoun
  return <>{countOf(entry.resultCount(job), singular, plural)}</>
}

function RowPreview({ job }: { job: Job }) {
  const { PreviewCell } = kindEntry(job.kind)
  return <PreviewCell job={job} />
}

function RowStatus({ row }: { row: BatchRow }) {
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
    <span className="inline-flex items-center gap-1.5">
      <JobStatusBadge status={row.group} />
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
