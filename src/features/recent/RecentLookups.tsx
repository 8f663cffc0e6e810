// The jobs and batches looked up in this browser, newest first, pinned ones on top: one click back to
// any of them. A batch is one entry that leads back to the whole batch.
import { useId, useState } from 'react'
import { usePart } from '../../components/app-scope.tsx'
import { useNow } from '../../components/use-now.ts'
import { lazyKinds } from '../../kinds/lazy-kinds.ts'
import { clearBatchLists } from '../batch/public.ts'
import { type RecentBatch, recentBatchesPart, useRecentBatches } from './recent-batches.ts'
import { matchesRecentFilter, mergeRecent } from './recent-items.ts'
import { type RecentLookup, recentLookupsPart, useRecentLookups } from './recent-lookups.ts'
import { RecentListItem } from './RecentItems.tsx'

interface Cleared {
  readonly jobs: readonly RecentLookup[]
  readonly batches: readonly RecentBatch[]
}

export function RecentLookups() {
  const lookups = usePart(recentLookupsPart)
  const batchStore = usePart(recentBatchesPart)
  const entries = useRecentLookups()
  const batches = useRecentBatches()
  const items = mergeRecent(entries, batches)
  const now = useNow(30_000)
  const [filter, setFilter] = useState('')
  const [alsoPinned, setAlsoPinned] = useState(false)
  // Clearing is immediate, with a way back: a confirm() dialog would be one more click every time.
  const [cleared, setCleared] = useState<Cleared | null>(null)
  const filterId = useId()
  const kinds = lazyKinds.use()
  const shown = items.filter((item) => matchesRecentFilter(item, filter, kinds))
  const pinnedCount = items.filter((item) => item.entry.pinned).length
  const clearedCount = cleared ? cleared.jobs.length + cleared.batches.length : 0

  const clearAll = () => {
    const store = lookups
    const keptJobs = alsoPinned ? [] : entries.filter((entry) => entry.pinned)
    store.clear()
    if (keptJobs.length > 0) store.restore(keptJobs)
    const removedBatches = batchStore.clear({ pinnedToo: alsoPinned })
    // The long lists behind /batch?list= links go too; a kept batch rebuilds its link from its ids.
    clearBatchLists()
    setCleared({
      jobs: entries.filter((entry) => !keptJobs.includes(entry)),
      batches: removedBatches,
    })
    setAlsoPinned(false)
  }

  return (
    <section aria-labelledby="recent-heading" className="card p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="recent-heading" className="text-base font-semibold">
          Recent
        </h2>
        {items.length > 0 && (
          <div className="flex flex-wrap items-center gap-3 text-sm">
            {pinnedCount > 0 && (
              <label className="inline-flex items-center gap-1.5">
                <input
                  type="checkbox"
                  checked={alsoPinned}
                  onChange={(event) => setAlsoPinned(event.target.checked)}
                />
                also pinned
              </label>
            )}
            <button
              type="button"
              className="btn-secondary"
              disabled={!alsoPinned && pinnedCount === items.length}
              onClick={clearAll}
            >
              Clear all
            </button>
          </div>
        )}
      </div>
      {cleared !== null && (
        <p role="status" className="mt-2 text-sm">
          Cleared {clearedCount} recent lookup{clearedCount === 1 ? '' : 's'}
          {pinnedCount > 0 ? `; kept ${pinnedCount} pinned` : ''}.{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              lookups.restore(cleared.jobs)
              batchStore.restore(cleared.batches)
              setCleared(null)
            }}
          >
            Undo
          </button>
        </p>
      )}
      {items.length > 0 && (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <label htmlFor={filterId} className="sr-only">
            Filter recent
          </label>
          <input
            id={filterId}
            type="search"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            placeholder="Filter by id, status, kind or model"
            className="input w-full max-w-sm px-2 py-1 text-sm"
          />
          {filter.trim() !== '' && (
            <span className="text-muted text-xs" aria-live="polite">
              Showing {shown.length} of {items.length}
            </span>
          )}
        </div>
      )}
      {items.length === 0 ? (
        cleared === null && (
          <p className="text-muted mt-1 text-sm">
            Jobs you look up appear here, in this browser only.
          </p>
        )
      ) : shown.length === 0 ? (
        <p className="text-muted mt-2 text-sm">Nothing in Recent matches “{filter.trim()}”.</p>
      ) : (
        <ul className="mt-2 divide-y divide-zinc-200 dark:divide-zinc-700">
          {shown.map((item) => (
            <RecentListItem key={item.key} item={item} now={now} kinds={kinds} />
          ))}
        </ul>
      )}
    </section>
  )
}
