// One entry of Recent: a job (its thumbnail, status, kind, model, when it was looked up) or a batch
// ("Batch of 30 · 28 final", its counts, kinds and first id), each with Pin and Remove.
import { Layers, Pin, PinOff, X } from 'lucide-react'
import { Suspense } from 'react'
import { Link, useLocation } from 'wouter'
import { usePart } from '../../components/app-scope.tsx'
import { JobStatusBadge } from '../../components/JobStatusBadge.tsx'
import { lazyPart } from '../../components/lazy-part.tsx'
import { NOT_FOUND_LABEL } from '../../jobs/job-status.ts'
import { kindWord } from '../../kinds/lazy-kinds.ts'
import type { JobKindEntry } from '../../kinds/kind.ts'
import type { KindRegistry } from '../../kinds/registry.ts'
import { formatRelative } from '../../lib/time.ts'
import { batchLink, readBatchSearch } from '../batch/public.ts'
import { type RecentBatch, recentBatchHref, recentBatchesPart } from './recent-batches.ts'
import type { RecentItem } from './recent-items.ts'
import { type RecentLookup, recentLookupsPart } from './recent-lookups.ts'

interface ItemProps<E> {
  entry: E
  now: number
  /** For the kinds' words, once loaded. */
  kinds: KindRegistry | undefined
}

export function RecentListItem({
  item,
  ...props
}: Omit<ItemProps<never>, 'entry'> & { item: RecentItem }) {
  return item.type === 'job' ? (
    <RecentJobItem entry={item.entry} {...props} />
  ) : (
    <RecentBatchItem entry={item.entry} {...props} />
  )
}

/** "22 COMPLETED · 2 ERROR · 1 not found", the largest groups first, at most four. */
function groupsText(batch: RecentBatch): string {
  const top = [...batch.groups].sort((a, b) => b.count - a.count).slice(0, 4)
  const rest = batch.groups.length - top.length
  return [
    ...top.map(({ group, count }) => `${count} ${group}`),
    ...(rest > 0 ? [`${rest} more`] : []),
  ].join(' · ')
}

function RecentBatchItem({ entry, now, kinds }: ItemProps<RecentBatch>) {
  const [, navigate] = useLocation()
  const store = usePart(recentBatchesPart)
  const href = recentBatchHref(entry)
  const name = `batch of ${entry.total} from ${entry.ids[0] ?? ''}`
  return (
    <li className="flex items-center gap-3 py-2">
      <div className="flex size-10 shrink-0 items-center justify-center rounded bg-zinc-100 dark:bg-zinc-800">
        <Layers aria-hidden="true" className="text-muted size-5" />
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-0.5">
        <Link
          className="link text-sm font-medium"
          href={href}
          onClick={(event) => {
            // A long list lives in one tab's storage: rebuild it from the ids kept here.
            if (href.startsWith('/batch?list=') && readBatchSearch(href.slice(6)).missingList) {
              event.preventDefault()
              navigate(batchLink(entry.ids, entry.idKinds, entry.rejected).href)
            }
          }}
        >
          Batch of {entry.total} · {entry.final} final
        </Link>
        <span className="text-muted flex flex-wrap items-center gap-x-2 text-xs">
          {entry.groups.length > 0 && <span>{groupsText(entry)}</span>}
          {entry.kinds.length > 0 && (
            <span>{entry.kinds.map((kind) => kindWord(kinds, kind)).join(', ')}</span>
          )}
          <span>looked up {formatRelative(new Date(entry.lookedUpAt), now)}</span>
          <span className="truncate font-mono">
            {entry.ids[0]}
            {entry.total > 1 ? ', …' : ''}
          </span>
        </span>
      </div>
      <PinButton
        pinned={entry.pinned}
        name={name}
        onToggle={() => store.setPinned(entry.key, !entry.pinned)}
      />
      <button
        type="button"
        className="btn-secondary px-1.5"
        aria-label={`Remove ${name} from recent`}
        title="Remove"
        onClick={() => store.remove(entry.key)}
      >
        <X aria-hidden="true" className="size-4" />
      </button>
    </li>
  )
}

function PinButton({
  pinned,
  name,
  onToggle,
}: {
  pinned: boolean
  name: string
  onToggle: () => void
}) {
  return (
    <button
      type="button"
      className="btn-secondary px-1.5"
      aria-pressed={pinned}
      aria-label={pinned ? `Unpin ${name}` : `Pin ${name}`}
      title={pinned ? 'Unpin' : 'Pin: keep it at the top'}
      onClick={onToggle}
    >
      {pinned ? (
        <PinOff aria-hidden="true" className="size-4" />
      ) : (
        <Pin aria-hidden="true" className="size-4" />
      )}
    </button>
  )
}

// The picture or the kind's icon, loaded after the list, as the kinds' words are (the icons are only
// there once the registry is): the home page's first load carries neither.
const EmptyFrame = () => <span className="size-10 shrink-0 rounded bg-zinc-100 dark:bg-zinc-800" />
const KindThumbnail = lazyPart<{ src: string | null; entry: JobKindEntry | undefined }>(
  () =>
    import('../../kinds/kind-list-view.tsx').then((module) => ({ default: module.KindThumbnail })),
  EmptyFrame,
)

function RecentJobItem({ entry, now, kinds }: ItemProps<RecentLookup>) {
  const store = usePart(recentLookupsPart)
  return (
    <li className="flex items-center gap-3 py-2">
      <Suspense fallback={<EmptyFrame />}>
        <KindThumbnail
          src={entry.thumbnailUrl}
          entry={
            entry.kind !== null && kinds?.has(entry.kind) ? kinds.entry(entry.kind) : undefined
          }
        />
      </Suspense>
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
          {entry.kind && <span>{kindWord(kinds, entry.kind)}</span>}
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
