// The header's "Watching (n)": a disclosure button and its panel — each watched job's live status, a
// link and a button to stop, the ended ones, and what the browser allows of notifications.
import { Eye, X } from 'lucide-react'
import { type ReactNode, useEffect, useId, useRef, useState } from 'react'
import { Link } from 'wouter'
import { usePart } from '../../components/app-scope.tsx'
import { JobStatusBadge } from '../../components/JobStatusBadge.tsx'
import { NOT_FOUND_LABEL } from '../../jobs/job-status.ts'
import { useKinds } from '../../kinds/registry.ts'
import { askNotificationPermission, notificationSupport } from './browser-notifications.ts'
import { type WatchEntry, isActiveWatch, useWatchSaveFailed, watchListPart } from './watch-list.ts'
import { jobHref } from './watch-texts.ts'
import { notificationNote } from './WatchToggleButton.tsx'

interface WatchingMenuProps {
  entries: readonly WatchEntry[]
  open: boolean
  onOpenChange: (open: boolean) => void
  onJobOpened: (id: string) => void
}

export function WatchingMenu({ entries, open, onOpenChange, onJobOpened }: WatchingMenuProps) {
  const panelId = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const active = entries.filter(isActiveWatch)
  const ended = entries.length - active.length

  // Escape or a click elsewhere closes the list, as a disclosure menu does.
  useEffect(() => {
    if (!open) return
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      onOpenChange(false)
      buttonRef.current?.focus()
    }
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) {
        onOpenChange(false)
      }
    }
    document.addEventListener('keydown', onKeyDown)
    document.addEventListener('pointerdown', onPointerDown)
    return () => {
      document.removeEventListener('keydown', onKeyDown)
      document.removeEventListener('pointerdown', onPointerDown)
    }
  }, [open, onOpenChange])

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        className="btn-secondary"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => onOpenChange(!open)}
      >
        <Eye aria-hidden="true" className="size-4" />
        {/* On a phone the eye and the count say it; the name stays "Watching (n)". */}
        <span className="max-sm:sr-only">Watching</span>{' '}
        <span className="tabular-nums">({active.length})</span>
        {ended > 0 && <span className="text-xs tabular-nums max-sm:sr-only">· {ended} ended</span>}
      </button>
      {open && (
        <WatchingPanel
          id={panelId}
          active={active}
          ended={entries.filter((entry) => !isActiveWatch(entry))}
          onNavigate={(id) => {
            onOpenChange(false)
            onJobOpened(id)
          }}
        />
      )}
    </div>
  )
}

interface WatchingPanelProps {
  id: string
  active: readonly WatchEntry[]
  ended: readonly WatchEntry[]
  onNavigate: (id: string) => void
}

function WatchingPanel({ id, active, ended, onNavigate }: WatchingPanelProps) {
  const store = usePart(watchListPart)
  const saveFailed = useWatchSaveFailed()
  const [, rerender] = useState(0)
  const support = notificationSupport()
  const note = notificationNote(support, false)
  return (
    <section
      id={id}
      aria-labelledby={`${id}-heading`}
      className="card absolute top-full right-0 z-20 mt-2 flex w-[min(30rem,calc(100vw-2rem))] flex-col gap-2 p-3 text-sm shadow-lg"
    >
      <h2 id={`${id}-heading`} className="font-semibold">
        Watching
      </h2>
      <p className="text-muted text-xs">
        Checked while this tab is open, even in the background. You hear of each when it ends.
      </p>
      {support === 'default' ? (
        <p className="text-xs">
          <button
            type="button"
            className="link"
            onClick={() => void askNotificationPermission().then(() => rerender((n) => n + 1))}
          >
            Allow browser notifications
          </button>{' '}
          to hear of it in another tab or app.
        </p>
      ) : (
        note && <p className="text-muted text-xs">{note}</p>
      )}
      {saveFailed && (
        <p className="text-xs text-amber-800 dark:text-amber-300">
          This browser’s storage is full or blocked: the list is kept until this tab closes.
        </p>
      )}
      {active.length === 0 ? (
        <p className="text-muted">No job is being watched.</p>
      ) : (
        <WatchList label="Jobs being watched">
          {active.map((entry) => (
            <WatchRow
              key={entry.id}
              entry={entry}
              onNavigate={onNavigate}
              removeLabel={`Stop watching ${entry.id}`}
            >
              {entry.status === null ? (
                <span className="text-muted text-xs">waiting for an answer</span>
              ) : (
                <JobStatusBadge status={entry.status} />
              )}
              {entry.notifyOn === 'change' && (
                <span className="text-muted text-xs">every change</span>
              )}
            </WatchRow>
          ))}
        </WatchList>
      )}
      {ended.length > 0 && (
        <>
          <h3 className="mt-1 text-xs font-semibold tracking-wide uppercase">Ended</h3>
          <WatchList label="Ended watches">
            {ended.map((entry) => (
              <WatchRow
                key={entry.id}
                entry={entry}
                onNavigate={onNavigate}
                removeLabel={`Remove ${entry.id} from the list`}
              >
                <EndedOutcome entry={entry} />
              </WatchRow>
            ))}
          </WatchList>
        </>
      )}
      <div className="flex flex-wrap gap-2 border-t border-zinc-200 pt-2 dark:border-zinc-700">
        {active.length > 0 && (
          <button
            type="button"
            className="btn-secondary"
            onClick={() => store.unwatch(active.map((entry) => entry.id))}
          >
            Stop watching all
          </button>
        )}
        {ended.length > 0 && (
          <button type="button" className="btn-secondary" onClick={() => store.clearEnded()}>
            Clear ended
          </button>
        )}
      </div>
    </section>
  )
}

function WatchList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ul
      aria-label={label}
      className="max-h-[40vh] divide-y divide-zinc-200 overflow-y-auto dark:divide-zinc-700"
    >
      {children}
    </ul>
  )
}

interface WatchRowProps {
  entry: WatchEntry
  onNavigate: (id: string) => void
  removeLabel: string
  children: ReactNode
}

function WatchRow({ entry, onNavigate, removeLabel, children }: WatchRowProps) {
  const store = usePart(watchListPart)
  const kinds = useKinds()
  return (
    <li className="flex items-center gap-2 py-1.5">
      <div className="flex min-w-0 flex-1 flex-col gap-0.5">
        <Link
          className="link truncate font-mono text-xs"
          href={jobHref(entry.id, entry.kind)}
          onClick={() => onNavigate(entry.id)}
        >
          {entry.id}
        </Link>
        <span className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
          {children}
          {entry.kind && <span className="text-muted text-xs">{kinds.label(entry.kind)}</span>}
        </span>
      </div>
      <button
        type="button"
        className="btn-secondary px-1.5"
        aria-label={removeLabel}
        title={removeLabel}
        onClick={() => store.unwatch([entry.id])}
      >
        <X aria-hidden="true" className="size-4" />
      </button>
    </li>
  )
}

function EndedOutcome({ entry }: { entry: WatchEntry }) {
  if (entry.endReason === 'final' && entry.status !== null) {
    return <JobStatusBadge status={entry.status} />
  }
  if (entry.endReason === 'not-found' || entry.status === NOT_FOUND_LABEL) {
    return <span className="text-xs font-medium text-red-800 dark:text-red-300">not found</span>
  }
  return (
    <span className="text-xs font-medium text-red-800 dark:text-red-300">
      stopped: {entry.endReason === 'unauthorized' ? 'the API refused' : 'lookups kept failing'}
    </span>
  )
}
