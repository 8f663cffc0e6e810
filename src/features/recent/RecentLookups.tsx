// The jobs looked up in this browser, newest first, pinned ones on top: one click back to any of them.
import { Pin, PinOff, X } from 'lucide-react'
import { useState } from 'react'
import { Link } from 'wouter'
import { JobStatusBadge } from '../../components/JobStatusBadge.tsx'
import { useNow } from '../../components/use-now.ts'
import { NOT_FOUND_LABEL } from '../../jobs/job-status.ts'
import {
  type RecentLookup,
  recentLookupStore,
  useRecentLookups,
} from '../../jobs/recent-lookups.ts'
import { kindLabel } from '../../kinds/registry.tsx'
import { clearBatchLists } from '../../lib/batch-link.ts'
import { formatRelative } from '../../lib/time.ts'

export function RecentLookups() {
  const entries = useRecentLookups()
  const now = useNow(30_000)
  // Clearing is immediate, with a way back: a confirm() dialog would be one more click every time.
  const [cleared, setCleared] = useState<readonly RecentLookup[] | null>(null)
  const store = recentLookupStore()

  return (
    <section aria-labelledby="recent-heading" className="card p-4">
      <div className="flex items-center justify-between gap-2">
        <h2 id="recent-heading" className="text-base font-semibold">
          Recent
        </h2>
        {entries.length > 0 && (
          <button
            type="button"
            className="btn-secondary"
            onClick={() => {
              setCleared(entries)
              store.clear()
              clearBatchLists()
            }}
          >
            Clear all
          </button>
        )}
      </div>
      {cleared !== null && entries.length === 0 && (
        <p role="status" className="mt-2 text-sm">
          Cleared {cleared.length} recent lookup{cleared.length === 1 ? '' : 's'}.{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              store.restore(cleared)
              setCleared(null)
            }}
          >
            Undo
          </button>
        </p>
      )}
      {entries.length === 0 ? (
        cleared === null && (
          <p className="text-muted mt-1 text-sm">
            Jobs you look up appear here, in this browser only.
          </p>
        )
      ) : (
        <ul className="mt-2 divide-y divide-zinc-200 dark:divide-zinc-700">
          {entries.map((entry) => (
            <RecentItem key={entry.id} entry={entry} now={now} />
          ))}
        </ul>
      )}
    </section>
  )
}

function RecentItem({ entry, now }: { entry: RecentLookup; now: number }) {
  const store = recentLookupStore()
  return (
    <li className="flex items-center gap-3 py-2">
      <div className="size-10 shrink-0 overflow-hidden rounded bg-zinc-100 dark:bg-zinc-800">
        {entry.thumbnailUrl && (
          <img
            src={entry.thumbnailUrl}
            alt=""
            loading="lazy"
            referrerPolicy="no-referrer"
            className="size-full object-cover"
            onError={(event) => {
              event.currentTarget.style.visibility = 'hidden'
            }}
          />
        )}
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-0.5">
        <Link
          className="link truncate font-mono text-sm"
          href={entry.kind ? `/jobs/${entry.id}?kind=${entry.kind}` : `/jobs/${entry.id}`}
        >
          {entry.id}
        </Link>
        <span className="text-muted flex flex-wrap items-center gap-x-2 text-xs">
          {entry.status === null ? (
            <span>status not seen yet</span>
          ) : entry.status === NOT_FOUND_LABEL ? (
            <span className="font-medium text-red-800 dark:text-red-300">not found</span>
          ) : (
            <JobStatusBadge status={entry.status} />
          )}
          {entry.kind && <span>{kindLabel(entry.kind)}</span>}
          {entry.model && <span className="font-mono">{entry.model}</span>}
          <span>looked up {formatRelative(new Date(entry.lookedUpAt), now)}</span>
        </span>
      </div>
      <button
        type="button"
        className="btn-secondary px-1.5"
        aria-pressed={entry.pinned}
        aria-label={entry.pinned ? `Unpin ${entry.id}` : `Pin ${entry.id}`}
        title={entry.pinned ? 'Unpin' : 'Pin: keep it at the top'}
        onClick={() => store.setPinned(entry.id, !entry.pinned)}
      >
        {entry.pinned ? (
          <PinOff aria-hidden="true" className="size-4" />
        ) : (
          <Pin aria-hidden="true" className="size-4" />
        )}
      </button>
      <button
        type="button"
        className="btn-secondary px-1.5"
        aria-label={`Remove ${entry.id} from recent`}
        title="Remove"
        onClick={() => store.remove(entry.id)}
      >
        <X aria-hidden="true" className="size-4" />
      </button>
    </li>
  )
}
