// Triage controls above the table: a chip per status group (filled, with a check, while selected),
// what the table shows ("Showing 4 of 30"), the sort in words with the way back to paste order, and
// on a phone the sort as one choice.
import { Check, ListRestart, X } from 'lucide-react'
import type { ReactNode } from 'react'
import type { BatchSort, GroupCount, SortDirection, SortKey } from './batch-rows.ts'

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
  if (sort === null) return 'Rows in paste order. Choose a column to sort by.'
  const [column, ascending, descending] = SORT_WORDS[sort.key]
  return `Sorted by ${column}, ${sort.direction === 'ascending' ? ascending : descending}.`
}

const SORT_KEYS = Object.keys(SORT_WORDS) as SortKey[]

/**
 * The sort as one choice, for a phone: its rows are cards without column headers, so the choice sits
 * above them, in view ("Status, problems first"), instead of in a header row scrolled sideways.
 */
export function SortSelect({
  sort,
  onSort,
  className,
}: {
  sort: BatchSort
  onSort: (sort: BatchSort) => void
  className: string
}) {
  const value = sort === null ? '' : `${sort.key} ${sort.direction}`
  return (
    <label className={`items-center gap-2 text-sm ${className}`}>
      Sort
      <select
        className="input min-h-8 flex-1 px-2"
        value={value}
        onChange={(event) => {
          const [key, direction] = event.target.value.split(' ') as [SortKey, SortDirection]
          onSort(event.target.value === '' ? null : { key, direction })
        }}
      >
        <option value="">Paste order</option>
        {SORT_KEYS.flatMap((key) => {
          const [column, ascending, descending] = SORT_WORDS[key]
          return [
            <option key={`${key} ascending`} value={`${key} ascending`}>
              {column}, {ascending}
            </option>,
            <option key={`${key} descending`} value={`${key} descending`}>
              {column}, {descending}
            </option>,
          ]
        })}
      </select>
    </label>
  )
}

interface StatusFiltersProps {
  total: number
  counts: readonly GroupCount[]
  filter: string | null
  onFilter: (group: string | null) => void
}

export function StatusFilters({ total, counts, filter, onFilter }: StatusFiltersProps) {
  // The selected filter keeps its chip even when no row is in that group any more.
  const chips =
    filter !== null && !counts.some(({ group }) => group === filter)
      ? [...counts, { group: filter, count: 0 }]
      : counts
  return (
    <>
      <div
        role="group"
        aria-label="Filter by status"
        className="flex flex-wrap items-center gap-1.5 text-sm"
      >
        <FilterChip pressed={filter === null} onClick={() => onFilter(null)}>
          All {total}
        </FilterChip>
        {chips.map(({ group, count }) => (
          <FilterChip
            key={group}
            pressed={filter === group}
            onClick={() => onFilter(filter === group ? null : group)}
          >
            <span className="tabular-nums">{count}</span>{' '}
            <span className={group === group.toUpperCase() ? 'font-mono' : ''}>{group}</span>
          </FilterChip>
        ))}
      </div>
      <p className="sr-only" aria-live="polite">
        {counts.map(({ group, count }) => `${count} ${group}`).join(' · ')}
      </p>
    </>
  )
}

interface ViewLineProps {
  total: number
  /** "4 of 30" while a filter is on. */
  part: string | null
  sort: BatchSort
  onClearFilter: () => void
  onPasteOrder: () => void
}

/** "Showing 4 of 30" and "Sorted by Status, problems first", each with its way back. */
export function ViewLine({ total, part, sort, onClearFilter, onPasteOrder }: ViewLineProps) {
  return (
    <div className="flex min-h-8 flex-wrap items-center justify-between gap-x-4 gap-y-1 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <p aria-live="polite" className={part === null ? 'sr-only' : 'font-medium'}>
          {part === null ? `Showing all ${total}` : `Showing ${part}`}
        </p>
        {part !== null && (
          <button type="button" className="btn-secondary" onClick={onClearFilter}>
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
          <button type="button" className="btn-secondary" onClick={onPasteOrder}>
            <ListRestart aria-hidden="true" className="size-4" />
            Paste order
          </button>
        )}
      </div>
    </div>
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
