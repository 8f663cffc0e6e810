// Many jobs at once: paste any text, every UUID v4 in it becomes a row that polls with the same policy
// as the job page, with at most MAX_IN_FLIGHT requests for the whole page. Each row finds its kind
// like a bare id on the job page, but endpoint by endpoint (images, chat, speech) and stopping at
// the first answer: with the limiter binding, that costs the fewest requests.
import { useQueries } from '@tanstack/react-query'
import { Download, Search } from 'lucide-react'
import { type FormEvent, useMemo, useState } from 'react'
import { useLocation } from 'wouter'
import { AutoRefreshToggle } from '../../components/AutoRefreshToggle.tsx'
import { CopyButton } from '../../components/CopyButton.tsx'
import { WatchBatchToggle } from '../../components/WatchBatchToggles.tsx'
import { useDocumentTitle } from '../../components/use-document-title.ts'
import { useNow } from '../../components/use-now.ts'
import { useRuntimeConfig } from '../../config/runtime-config.tsx'
import { jobQueryOptions } from '../../jobs/job-query.ts'
import { useAppRequestLimiter } from '../../jobs/app-request-limiter.ts'
import { useRecentBatchRecording } from '../../kinds/recent-batch-recording.ts'
import { batchLink } from '../../lib/batch-link.ts'
import { type JobIdTextAnalysis, analyseJobIdText } from '../../lib/job-id.ts'
import { batchCsv, batchJson, batchSummary, downloadFile, exportFileName } from './batch-export.ts'
import {
  type BatchRow,
  type SortKey,
  type SortOrder,
  countGroups,
  sortRows,
  toBatchRow,
} from './batch-rows.ts'
import { BatchTable } from './BatchTable.tsx'

/** The whole page never has more requests than this in flight, however many ids. */
export const MAX_IN_FLIGHT = 6

interface BatchPageProps {
  /** Text holding the ids (from the URL or this tab's storage). */
  sourceText: string
  shareable: boolean
  missingList: boolean
}

export default function BatchPage({ sourceText, shareable, missingList }: BatchPageProps) {
  const ids = useMemo(() => analyseJobIdText(sourceText).ids, [sourceText])
  return (
    <div className="flex flex-col gap-4">
      <BatchForm initialIds={ids} />
      {missingList && (
        <p role="alert" className="card p-3 text-sm">
          This list was kept in another tab or an earlier session and is no longer available. Paste
          the ids again.
        </p>
      )}
      {ids.length > 0 && (
        <>
          {!shareable && (
            <p role="status" className="text-sm text-amber-900 dark:text-amber-200">
              {ids.length} ids are too many for a link: they are kept in this tab (reload works),
              but this page’s address cannot be shared. Use Export to pass them on.
            </p>
          )}
          {/* keyed by the list: a new list starts with fresh sort, filter and request limiter */}
          <BatchResults key={ids.join(',')} ids={ids} />
        </>
      )}
    </div>
  )
}

function BatchForm({ initialIds }: { initialIds: readonly string[] }) {
  const [, navigate] = useLocation()
  const [text, setText] = useState(() => initialIds.join('\n'))
  const [feedback, setFeedback] = useState<JobIdTextAnalysis | null>(null)

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const analysis = analyseJobIdText(text)
    setFeedback(analysis)
    if (analysis.ids.length > 0) navigate(batchLink(analysis.ids).href)
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="card flex flex-col gap-2 p-4"
      aria-labelledby="batch-heading"
    >
      <h1 id="batch-heading" className="text-xl font-semibold">
        Look up many jobs
      </h1>
      <label htmlFor="batch-ids" className="text-sm font-semibold">
        Job IDs
      </label>
      <textarea
        id="batch-ids"
        data-job-id-input=""
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={5}
        spellCheck={false}
        placeholder="Paste ids separated by commas, spaces or lines — or a log, URLs, JSON…"
        aria-describedby={feedback ? 'batch-feedback' : undefined}
        className="input px-3 py-2 font-mono text-sm"
      />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary">
          <Search aria-hidden="true" className="size-4" />
          Look up all
        </button>
        {feedback && <IdFeedback id="batch-feedback" analysis={feedback} />}
      </div>
    </form>
  )
}

function IdFeedback({ id, analysis }: { id: string; analysis: JobIdTextAnalysis }) {
  const found = analysis.ids.length
  return (
    <div id={id} role={found === 0 ? 'alert' : 'status'} className="text-sm">
      <p className={found === 0 ? 'text-red-700 dark:text-red-300' : ''}>
        {found === 0
          ? 'No valid job ids found.'
          : `Found ${found} job id${found === 1 ? '' : 's'}.`}
        {analysis.rejected.length > 0 &&
          ` ${analysis.rejected.length} token${analysis.rejected.length === 1 ? '' : 's'} looked like ids but ${analysis.rejected.length === 1 ? 'is' : 'are'} invalid (job ids are UUID v4):`}
      </p>
      {analysis.rejected.length > 0 && (
        <ul className="mt-1 max-h-32 overflow-auto font-mono text-xs">
          {analysis.rejected.slice(0, 50).map((token) => (
            <li key={token} className="break-all">
              {token}
            </li>
          ))}
          {analysis.rejected.length > 50 && <li>… and {analysis.rejected.length - 50} more</li>}
        </ul>
      )}
    </div>
  )
}

function BatchResults({ ids }: { ids: readonly string[] }) {
  const { apiBase, pollBounds } = useRuntimeConfig()
  const limiter = useAppRequestLimiter()
  const [autoRefresh, setAutoRefresh] = useState(true)
  const [filter, setFilter] = useState<string | null>(null)
  const [sort, setSort] = useState<SortOrder>({ key: 'id', direction: 'ascending' })
  const now = useNow(5_000)

  const queries = useQueries({
    queries: ids.map((id) =>
      jobQueryOptions(id, { apiBase, pollBounds, autoRefresh, limiter, strategy: 'sequential' }),
    ),
    combine: (results) => results.map((query, index) => ({ id: ids[index] ?? '', query })),
  })
  const rows = useMemo(() => queries.map(({ id, query }) => toBatchRow(id, query)), [queries])
  useRecentBatchRecording(ids, queries)

  const counts = useMemo(() => countGroups(rows), [rows])
  const shown = useMemo(
    () => sortRows(filter === null ? rows : rows.filter((row) => row.group === filter), sort),
    [rows, filter, sort],
  )
  const finalCount = rows.filter((row) => row.final).length

  // Progress in the tab title, so the person can work elsewhere and see when the batch is done.
  useDocumentTitle(`${finalCount}/${ids.length} final`)

  const onSort = (key: SortKey) =>
    setSort((current) => ({
      key,
      direction:
        current.key === key && current.direction === 'ascending' ? 'descending' : 'ascending',
    }))

  return (
    <section aria-labelledby="batch-results-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="batch-results-heading" className="text-base font-semibold">
          {ids.length} job{ids.length === 1 ? '' : 's'}{' '}
          <span className="text-muted font-normal">
            · {finalCount} final
            {finalCount < ids.length ? `, ${ids.length - finalCount} still updating` : ''}
          </span>
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          <WatchBatchToggle rows={rows} />
          <AutoRefreshToggle
            autoRefresh={autoRefresh}
            onToggle={() => setAutoRefresh((value) => !value)}
          />
          <CopyButton text={() => batchSummary(shown)} label="Copy summary of the rows shown">
            Copy summary
          </CopyButton>
          <ExportButton format="csv" rows={shown} />
          <ExportButton format="json" rows={shown} />
        </div>
      </div>

      <div
        role="group"
        aria-label="Filter by status"
        className="flex flex-wrap items-center gap-1.5 text-sm"
      >
        <button
          type="button"
          className="btn-secondary"
          aria-pressed={filter === null}
          onClick={() => setFilter(null)}
        >
          All {ids.length}
        </button>
        {counts.map(({ group, count }) => (
          <button
            key={group}
            type="button"
            className={`btn-secondary ${filter === group ? 'ring-2 ring-blue-600 dark:ring-blue-400' : ''}`}
            aria-pressed={filter === group}
            onClick={() => setFilter((current) => (current === group ? null : group))}
          >
            <span className="tabular-nums">{count}</span>{' '}
            <span className={group === group.toUpperCase() ? 'font-mono' : ''}>{group}</span>
          </button>
        ))}
      </div>
      <p className="sr-only" aria-live="polite">
        {counts.map(({ group, count }) => `${count} ${group}`).join(' · ')}
      </p>

      {shown.length === 0 ? (
        <p className="text-muted text-sm">No rows match this filter.</p>
      ) : (
        <BatchTable rows={shown} sort={sort} onSort={onSort} now={now} />
      )}
    </section>
  )
}

const EXPORTS = {
  csv: { label: 'Export CSV', type: 'text/csv;charset=utf-8', render: batchCsv },
  json: { label: 'Export JSON', type: 'application/json', render: batchJson },
} as const

function ExportButton({
  format,
  rows,
}: {
  format: keyof typeof EXPORTS
  rows: readonly BatchRow[]
}) {
  const { label, type, render } = EXPORTS[format]
  return (
    <button
      type="button"
      className="btn-secondary"
      onClick={() => downloadFile(exportFileName(format), type, render(rows))}
    >
      <Download aria-hidden="true" className="size-4" />
      {label}
    </button>
  )
}
