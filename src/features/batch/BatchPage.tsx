// Many jobs at once: paste any text, every UUID v4 in it becomes a row that polls with the same policy
// as the job page, through the app's one request limiter (shared with watched jobs, paced under the
// proxy's rate). Each row finds its kind
// like a bare id on the job page, but endpoint by endpoint (images, chat, speech) and stopping at
// the first answer: with the limiter binding, that costs the fewest requests.
//
// Triage first: rows stay in paste order until a column is chosen, sorting by Status puts problems
// first, a filter says how many rows it shows and every action says what it takes.
import { Check, Download, ListRestart, Search, X } from 'lucide-react'
import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react'
import { useLocation } from 'wouter'
import { AutoRefreshToggle } from '../../components/AutoRefreshToggle.tsx'
import { WatchBatchToggle } from '../watch/public.ts'
import { useDocumentTitle } from '../../components/use-document-title.ts'
import { useNow } from '../../components/use-now.ts'
import { usePart, useRuntimeConfig } from '../../components/app-scope.tsx'
import { jobQueryOptions } from '../../jobs/job-query.ts'
import { requestLimiterPart } from '../../jobs/app-request-limiter.ts'
import { type JobQueryResult, useJobQueries } from './use-job-queries.ts'
import { countOf } from '../../kinds/job-summary.ts'
import { type KindRegistry, useKinds } from '../../kinds/registry.ts'
import { useRecentBatchRecording } from './recent-batch-recording.ts'
import { batchLink } from './batch-link.ts'
import { type JobIdTextAnalysis, analyseJobIdText } from '../../lib/job-id.ts'
import { batchCsv, batchJson, batchSummary, downloadFile, exportFileName } from './batch-export.ts'
import {
  type BatchRow,
  type BatchSort,
  STUCK_AFTER_MS,
  type SortKey,
  countGroups,
  nextSort,
  notFinalForMs,
  problemIds,
  rowProblem,
  sortRows,
  toBatchRow,
} from './batch-rows.ts'
import { BatchCopyButton } from './BatchCopyButton.tsx'
import { BatchTable, type RowAttention } from './BatchTable.tsx'
import { REJECTED_KEPT, rejectedTokensPart } from './rejected-tokens.ts'

/**
 * How long the box waits after the last keystroke before counting ids again. A 1 MB log takes
 * ~100-150 ms to analyse on a slow machine: counting on every keystroke would make typing lag.
 */
export const LIVE_COUNT_DELAY_MS = 250

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
      <BatchForm listIds={ids} />
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

/** What the box says about its text: the ids it holds and the tokens it left out. */
interface IdFeedbackState {
  readonly ids: number
  readonly rejected: readonly string[]
  readonly rejectedTotal: number
}

function liveFeedback(analysis: JobIdTextAnalysis): IdFeedbackState {
  return {
    ids: analysis.ids.length,
    rejected: analysis.rejected.slice(0, REJECTED_KEPT),
    rejectedTotal: analysis.rejected.length,
  }
}

function BatchForm({ listIds }: { listIds: readonly string[] }) {
  const [, navigate] = useLocation()
  const listKey = listIds.join(',')
  const [text, setText] = useState(() => listIds.join('\n'))
  // The list the box was last filled from (or submitted), and whether the person has typed since.
  const [shownList, setShownList] = useState(listKey)
  const [edited, setEdited] = useState(false)
  const [submittedEmpty, setSubmittedEmpty] = useState(false)
  const [live, setLive] = useState<IdFeedbackState | null>(null)

  // Another list arrived by navigation (a link, Back): the box shows its ids. Our own submit
  // already set shownList, so the pasted text stays as typed.
  if (listKey !== shownList) {
    setShownList(listKey)
    setText(listIds.join('\n'))
    setEdited(false)
    setLive(null)
  }

  // The count follows the text while the person types or pastes, a moment after they pause.
  useEffect(() => {
    if (!edited) return
    const timer = setTimeout(() => {
      setLive(text.trim() === '' ? null : liveFeedback(analyseJobIdText(text)))
    }, LIVE_COUNT_DELAY_MS)
    return () => clearTimeout(timer)
  }, [text, edited])

  // Until the person types, the box holds the list: say what was left out when it was pasted,
  // remembered for this list across reloads.
  const rejectedTokens = usePart(rejectedTokensPart)
  const restored = useMemo(
    () => (edited ? null : rejectedTokens.recall(listIds)),
    [rejectedTokens, edited, listIds],
  )
  const feedback: IdFeedbackState | null = edited
    ? live
    : listIds.length > 0
      ? {
          ids: listIds.length,
          rejected: restored?.tokens ?? [],
          rejectedTotal: restored?.total ?? 0,
        }
      : null

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const analysis = analyseJobIdText(text)
    setLive(text.trim() === '' ? null : liveFeedback(analysis))
    setEdited(true)
    setSubmittedEmpty(analysis.ids.length === 0)
    if (analysis.ids.length > 0) {
      rejectedTokens.remember(analysis.ids, analysis.rejected)
      setShownList(analysis.ids.join(','))
      navigate(batchLink(analysis.ids).href)
    }
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
        onChange={(event) => {
          setText(event.target.value)
          setEdited(true)
          setSubmittedEmpty(false)
        }}
        rows={5}
        spellCheck={false}
        placeholder="Paste ids separated by commas, spaces or lines — or a log, URLs, JSON…"
        aria-describedby="batch-feedback"
        className="input px-3 py-2 font-mono text-sm"
      />
      <div className="flex flex-wrap items-start gap-3">
        <button type="submit" className="btn-primary">
          <Search aria-hidden="true" className="size-4" />
          Look up all
        </button>
        <IdFeedback id="batch-feedback" feedback={feedback} alert={submittedEmpty} />
      </div>
    </form>
  )
}

function IdFeedback({
  id,
  feedback,
  alert,
}: {
  id: string
  feedback: IdFeedbackState | null
  /** The person asked to look up a text without ids. */
  alert: boolean
}) {
  const found = feedback?.ids ?? 0
  const { rejected = [], rejectedTotal = 0 } = feedback ?? {}
  return (
    <div id={id} role={alert ? 'alert' : 'status'} className="min-h-9 text-sm sm:pt-2">
      {(feedback !== null || alert) && (
        <p className={alert ? 'text-red-700 dark:text-red-300' : ''}>
          {found === 0
            ? alert
              ? 'No valid job ids found.'
              : 'No job ids found yet.'
            : `Found ${found.toLocaleString('en-US')} job id${found === 1 ? '' : 's'}.`}
          {rejectedTotal > 0 &&
            ` ${rejectedTotal} token${rejectedTotal === 1 ? '' : 's'} looked like ids but ${rejectedTotal === 1 ? 'is' : 'are'} invalid (job ids are UUID v4):`}
        </p>
      )}
      {rejected.length > 0 && (
        <ul className="mt-1 max-h-32 overflow-auto font-mono text-xs">
          {rejected.map((token) => (
            <li key={token} className="break-all">
              {token}
            </li>
          ))}
          {rejectedTotal > rejected.length && <li>… and {rejectedTotal - rejected.length} more</li>}
        </ul>
      )}
    </div>
  )
}

/** How a sort reads in words, ascending then descending. */
const SORT_WORDS: Record<SortKey, readonly [string, string, string]> = {
  id: ['Job ID', 'A to Z', 'Z to A'],
  kind: ['Kind', 'A to Z', 'Z to A'],
  status: ['Status', 'problems first', 'problems last'],
  model: ['Model', 'A to Z', 'Z to A'],
  created: ['Created', 'oldest first', 'newest first'],
  finished: ['Finished', 'oldest first', 'newest first'],
  duration: ['Duration', 'shortest first', 'longest first'],
  results: ['Results', 'fewest first', 'most first'],
}

function sortDescription(sort: BatchSort): string {
  if (sort === null) return 'Rows in paste order. Click a column header to sort.'
  const [column, ascending, descending] = SORT_WORDS[sort.key]
  return `Sorted by ${column}, ${sort.direction === 'ascending' ? ascending : descending}.`
}

const STUCK_MINUTES = STUCK_AFTER_MS / 60_000
const PROBLEM_IDS_NOTE = `Problem ids: ERROR, not found, unknown status, failed lookup, or stuck — not final ${STUCK_MINUTES} min after created (or after this page opened the list, if the API sent no time). Whole batch, whatever the filter.`

/**
 * One row per id. A result that did not change keeps its row object, so a thousand rows cost one
 * lookup each per answer and the memoised table rows that did not change are not drawn again.
 */
function useBatchRows(
  ids: readonly string[],
  results: readonly JobQueryResult[],
  kinds: KindRegistry,
): readonly BatchRow[] {
  const [cache] = useState(() => new WeakMap<JobQueryResult, BatchRow>())
  return useMemo(
    () =>
      results.map((result, index) => {
        const id = ids[index] ?? ''
        const known = cache.get(result)
        if (known?.id === id) return known
        const row = toBatchRow(id, result, kinds)
        cache.set(result, row)
        return row
      }),
    [cache, ids, results, kinds],
  )
}

/** The results of one list; keyed by the list, so `ids` never changes for one instance. */
function BatchResults({ ids }: { ids: readonly string[] }) {
  const { apiBase, pollBounds } = useRuntimeConfig()
  const limiter = usePart(requestLimiterPart)
  const kinds = useKinds()
  const [autoRefresh, setAutoRefresh] = useState(true)
  const [filter, setFilter] = useState<string | null>(null)
  const [sort, setSort] = useState<BatchSort>(null)
  // When this page opened the list: a job whose creation time we cannot read is stuck 15 min later.
  const [watchingSince] = useState(() => Date.now())
  const now = useNow(5_000)

  const options = useMemo(
    () =>
      ids.map((id) =>
        jobQueryOptions(id, {
          kinds,
          apiBase,
          pollBounds,
          autoRefresh,
          limiter,
          strategy: 'sequential',
        }),
      ),
    [ids, kinds, apiBase, pollBounds, autoRefresh, limiter],
  )
  const results = useJobQueries(options)
  const rows = useBatchRows(ids, results, kinds)
  const watched = useMemo(
    () => results.map((query, index) => ({ id: ids[index] ?? '', query })),
    [ids, results],
  )
  useRecentBatchRecording(ids, watched, kinds)

  const counts = useMemo(() => countGroups(rows), [rows])
  const filtered = useMemo(
    () => (filter === null ? rows : rows.filter((row) => row.group === filter)),
    [rows, filter],
  )
  const shown = useMemo(() => sortRows(filtered, sort), [filtered, sort])
  const attention = useMemo(() => {
    const byId = new Map<string, RowAttention>()
    for (const row of rows) {
      const problem = rowProblem(row, now, watchingSince)
      if (problem === null) continue
      byId.set(row.id, {
        problem,
        notFinalForMs: notFinalForMs(row, now, watchingSince),
        sinceCreated: row.job?.created.kind === 'valid',
      })
    }
    return byId
  }, [rows, now, watchingSince])
  // The whole batch's problems in the order the table shows them (sorted or pasted), filter aside.
  const problems = useMemo(
    () => problemIds(sortRows(rows, sort), now, watchingSince),
    [rows, sort, now, watchingSince],
  )
  const finalCount = rows.filter((row) => row.final).length

  // Progress in the tab title, so the person can work elsewhere and see when the batch is done.
  useDocumentTitle(`${finalCount}/${ids.length} final`)

  const total = ids.length
  const part = filter === null ? null : `${shown.length} of ${total}`
  // The selected filter keeps its chip even when no row is in that group any more.
  const chips =
    filter !== null && !counts.some(({ group }) => group === filter)
      ? [...counts, { group: filter, count: 0 }]
      : counts

  return (
    <section aria-labelledby="batch-results-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="batch-results-heading" className="text-base font-semibold">
          {total} job{total === 1 ? '' : 's'}{' '}
          <span className="text-muted font-normal">
            · {finalCount} final
            {finalCount < total ? `, ${total - finalCount} still updating` : ''}
          </span>
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          <WatchBatchToggle rows={rows} />
          <AutoRefreshToggle
            autoRefresh={autoRefresh}
            onToggle={() => setAutoRefresh((value) => !value)}
          />
          <BatchCopyButton
            text={() => problems.join('\n')}
            label="Copy problem ids"
            count={problems.length}
            confirmation={`Copied ${countOf(problems.length, 'id', 'ids')}`}
            describedBy="problem-ids-note"
            disabled={problems.length === 0}
          />
          <BatchCopyButton
            text={() => batchSummary(shown)}
            label={part === null ? 'Copy summary' : `Copy summary of ${part}`}
            accessibleName={part === null ? 'Copy summary of the rows shown' : undefined}
            confirmation={`Copied summary of ${countOf(shown.length, 'job', 'jobs')}`}
          />
          <ExportButton format="csv" rows={shown} part={part} />
          <ExportButton format="json" rows={shown} part={part} />
        </div>
      </div>
      <p id="problem-ids-note" className="text-muted -mt-1 text-xs">
        {PROBLEM_IDS_NOTE}
      </p>

      <div
        role="group"
        aria-label="Filter by status"
        className="flex flex-wrap items-center gap-1.5 text-sm"
      >
        <FilterChip pressed={filter === null} onClick={() => setFilter(null)}>
          All {total}
        </FilterChip>
        {chips.map(({ group, count }) => (
          <FilterChip
            key={group}
            pressed={filter === group}
            onClick={() => setFilter((current) => (current === group ? null : group))}
          >
            <span className="tabular-nums">{count}</span>{' '}
            <span className={group === group.toUpperCase() ? 'font-mono' : ''}>{group}</span>
          </FilterChip>
        ))}
      </div>
      <p className="sr-only" aria-live="polite">
        {counts.map(({ group, count }) => `${count} ${group}`).join(' · ')}
      </p>

      <div className="flex min-h-8 flex-wrap items-center justify-between gap-x-4 gap-y-1 text-sm">
        <div className="flex flex-wrap items-center gap-2">
          <p aria-live="polite" className={part === null ? 'sr-only' : 'font-medium'}>
            {part === null ? `Showing all ${total}` : `Showing ${part}`}
          </p>
          {part !== null && (
            <button type="button" className="btn-secondary" onClick={() => setFilter(null)}>
              <X aria-hidden="true" className="size-4" />
              Clear filter
            </button>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <p aria-live="polite" className="text-muted">
            {sortDescription(sort)}
          </p>
          {sort !== null && (
            <button type="button" className="btn-secondary" onClick={() => setSort(null)}>
              <ListRestart aria-hidden="true" className="size-4" />
              Paste order
            </button>
          )}
        </div>
      </div>

      {shown.length === 0 ? (
        <p className="text-muted text-sm">No rows match this filter.</p>
      ) : (
        <BatchTable
          rows={shown}
          sort={sort}
          onSort={(key) => setSort((current) => nextSort(current, key))}
          now={now}
          attention={attention}
        />
      )}
    </section>
  )
}

/** A status filter: filled, with a check mark, while selected — not colour alone. */
function FilterChip({
  pressed,
  onClick,
  children,
}: {
  pressed: boolean
  onClick: () => void
  children: ReactNode
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      className={
        pressed
          ? 'inline-flex items-center gap-1 rounded-md border border-zinc-800 bg-zinc-800 px-2.5 py-1 text-sm font-semibold text-white dark:border-zinc-100 dark:bg-zinc-100 dark:text-zinc-900'
          : 'btn-secondary'
      }
    >
      {pressed && <Check aria-hidden="true" className="size-4" />}
      {children}
    </button>
  )
}

const EXPORTS = {
  csv: { word: 'CSV', type: 'text/csv;charset=utf-8', render: batchCsv },
  json: { word: 'JSON', type: 'application/json', render: batchJson },
} as const

function ExportButton({
  format,
  rows,
  part,
}: {
  format: keyof typeof EXPORTS
  rows: readonly BatchRow[]
  /** "4 of 30" while a filter is on. */
  part: string | null
}) {
  const { word, type, render } = EXPORTS[format]
  return (
    <button
      type="button"
      className="btn-secondary"
      onClick={() => downloadFile(exportFileName(format), type, render(rows))}
    >
      <Download aria-hidden="true" className="size-4" />
      {part === null ? `Export ${word}` : `Export ${part} as ${word}`}
    </button>
  )
}
