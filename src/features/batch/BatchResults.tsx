// The results of one list, as a list of its parts: what it is and what can be done with it, the
// status filters, what the table shows, and the table. Keyed by the list (BatchPage), so `ids` never
// changes for one instance: a new list starts with fresh sort, filter and pause.
import { useState } from 'react'
import { useDocumentTitle } from '../../components/use-document-title.ts'
import { decodeKinds } from '../../lib/job-kinds.ts'
import { useKinds } from '../../kinds/registry.ts'
import { BatchActions } from './BatchActions.tsx'
import { SortSelect, StatusFilters, ViewLine } from './BatchFilters.tsx'
import { type BatchSort, STUCK_AFTER_MS, nextSort } from './batch-rows.ts'
import { BatchTable } from './BatchTable.tsx'
import type { RejectedTokens } from './rejected-tokens.ts'
import { useBatchView } from './use-batch-view.ts'

const STUCK_MINUTES = STUCK_AFTER_MS / 60_000
const PROBLEM_IDS_NOTE = `Problem ids: ERROR, not found, unknown status, failed lookup, or stuck — not final ${STUCK_MINUTES} min after created (or after this page opened the list, if the API sent no time). Whole batch, whatever the filter.`

interface BatchResultsProps {
  ids: readonly string[]
  /** The ids' kinds found before (encoded): read once, when the list opens. */
  knownKinds: string
  /** The tokens pasted with the list that are not ids, for Recent's entry. */
  rejected: RejectedTokens | null
}

export function BatchResults({ ids, knownKinds, rejected }: BatchResultsProps) {
  const kinds = useKinds()
  const [autoRefresh, setAutoRefresh] = useState(true)
  const [filter, setFilter] = useState<string | null>(null)
  const [sort, setSort] = useState<BatchSort>(null)
  const [kindHints] = useState(() =>
    decodeKinds(knownKinds, ids.length).map((kind) => (kinds.has(kind) ? kind : undefined)),
  )
  const view = useBatchView(ids, { kinds, kindHints, autoRefresh, filter, sort, rejected })
  const { rows, shown, counts, finalCount } = view
  // Progress in the tab title, so the person can work elsewhere and see when the batch is done.
  useDocumentTitle(`${finalCount}/${ids.length} final`)

  const total = ids.length
  const part = filter === null ? null : `${shown.length} of ${total}`
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
        <BatchActions
          rows={rows}
          shown={shown}
          part={part}
          problems={view.problems}
          autoRefresh={autoRefresh}
          onToggleAutoRefresh={() => setAutoRefresh((value) => !value)}
        />
      </div>
      <p id="problem-ids-note" className="text-muted -mt-1 text-xs">
        {PROBLEM_IDS_NOTE}
      </p>
      <StatusFilters total={total} counts={counts} filter={filter} onFilter={setFilter} />
      <ViewLine
        total={total}
        part={part}
        sort={sort}
        onClearFilter={() => setFilter(null)}
        onPasteOrder={() => setSort(null)}
      />
      <SortSelect sort={sort} onSort={setSort} className="flex sm:hidden" />
      {shown.length === 0 ? (
        <p className="text-muted text-sm">No rows match this filter.</p>
      ) : (
        <BatchTable
          rows={shown}
          sort={sort}
          onSort={(key) => setSort((current) => nextSort(current, key))}
          now={view.now}
          attention={view.attention}
        />
      )}
    </section>
  )
}
