// The results table: a real <table>, sortable by every column, virtualised past a few hundred rows
// so a thousand ids scroll smoothly. On a phone each row is a stacked card (id, then status and
// kind, then the rest, labelled), and the sort is a choice above them (BatchFilters.tsx, SortSelect).
import { useWindowVirtualizer } from '@tanstack/react-virtual'
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react'
import { useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { useTimeZoneMode } from '../../components/time-zone.tsx'
import { localZoneNames } from '../../lib/zone-name.ts'
import type { BatchRow, BatchSort, SortKey } from './batch-rows.ts'
import { BatchTableRow, NO_ATTENTION, type RowAttention } from './BatchTableRow.tsx'

/** Below this every row is in the DOM (simple, searchable with the browser's find). */
export const VIRTUALIZE_ABOVE = 200
const ROW_HEIGHT = 53
/** A first guess for a phone card; cards are measured once rendered. */
const CARD_HEIGHT = 150
/** Tailwind's `sm` breakpoint: narrower than this, rows are cards (the `max-sm:` classes). */
const CARDS_QUERY = '(width < 40rem)'

interface Column {
  readonly key: SortKey
  readonly label: string
  readonly className?: string
}

const COLUMNS: readonly Column[] = [
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
  sort: BatchSort
  onSort: (key: SortKey) => void
  now: number
  attention: ReadonlyMap<string, RowAttention>
}

export function BatchTable({ rows, sort, onSort, now, attention }: BatchTableProps) {
  const bodyRef = useRef<HTMLTableSectionElement>(null)
  const cards = useMediaQuery(CARDS_QUERY)
  const timeHeader = useTimeHeaderZone(rows)
  const virtual = rows.length > VIRTUALIZE_ABOVE
  // Where the table body starts on the page: the window virtualiser counts rows from there.
  const [scrollMargin, setScrollMargin] = useState(0)
  useLayoutEffect(() => {
    const body = bodyRef.current
    if (virtual && body) setScrollMargin(body.getBoundingClientRect().top + window.scrollY)
  }, [virtual, cards])
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => (cards ? CARD_HEIGHT : ROW_HEIGHT),
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
  // Cards differ in height (a model name, a preview): measure them. Table rows share one height.
  const measure = virtual && cards ? virtualizer.measureElement : undefined

  const label = (column: Column) =>
    column.key === 'created' || column.key === 'finished'
      ? `${column.label} (${timeHeader})`
      : column.label

  return (
    <div className="card sm:overflow-x-auto">
      <table
        className="w-full border-collapse text-sm max-sm:block sm:min-w-[56rem]"
        aria-rowcount={rows.length + 1}
      >
        {/* On a phone the rows are cards and the sort is a choice above them (SortSelect): the
            headers stay for assistive technology only, without buttons to tab to unseen. */}
        <thead className="text-muted border-b border-zinc-200 text-left text-xs uppercase max-sm:block max-sm:sr-only dark:border-zinc-700">
          <tr>
            {COLUMNS.map((column) => {
              const active = sort?.key === column.key
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
                  className={`px-1.5 py-2 font-medium ${column.className ?? ''}`}
                >
                  {cards ? (
                    label(column)
                  ) : (
                    <button
                      type="button"
                      className={`inline-flex items-center gap-1 uppercase hover:text-zinc-900 dark:hover:text-zinc-100 ${active ? 'text-zinc-900 dark:text-zinc-100' : ''}`}
                      onClick={() => onSort(column.key)}
                    >
                      {label(column)}
                      <Icon
                        aria-hidden="true"
                        className={`size-3.5 ${active ? '' : 'opacity-40'}`}
                      />
                    </button>
                  )}
                </th>
              )
            })}
            <th scope="col" className="px-1.5 py-2 font-medium">
              Preview
            </th>
          </tr>
        </thead>
        <tbody ref={bodyRef} className="max-sm:block">
          {paddingTop > 0 && (
            <tr aria-hidden="true" className="max-sm:block">
              <td
                colSpan={COLUMNS.length + 1}
                className="max-sm:block"
                style={{ height: paddingTop }}
              />
            </tr>
          )}
          {visible.map(({ row, index }) =>
            row ? (
              <BatchTableRow
                key={row.id}
                ref={measure}
                row={row}
                index={index}
                now={now}
                attention={attention.get(row.id) ?? NO_ATTENTION}
                timeHeader={timeHeader}
              />
            ) : null,
          )}
          {paddingBottom > 0 && (
            <tr aria-hidden="true" className="max-sm:block">
              <td
                colSpan={COLUMNS.length + 1}
                className="max-sm:block"
                style={{ height: paddingBottom }}
              />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  )
}

/** "UTC", or the local zone's short name(s) at the times the rows show ("CET", "CET/CEST"). */
function useTimeHeaderZone(rows: readonly BatchRow[]): string {
  const zone = useTimeZoneMode()
  return useMemo(() => {
    if (zone === 'utc') return 'UTC'
    const dates: Date[] = []
    for (const { job } of rows) {
      if (job?.created.kind === 'valid') dates.push(job.created.date)
      if (job?.finished.kind === 'valid') dates.push(job.finished.date)
    }
    return localZoneNames(dates, new Date())
  }, [rows, zone])
}

function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = typeof window.matchMedia === 'function' ? window.matchMedia(query) : null
      list?.addEventListener('change', onChange)
      return () => list?.removeEventListener('change', onChange)
    },
    () => typeof window.matchMedia === 'function' && window.matchMedia(query).matches,
    () => false,
  )
}
