// Everything a watch does once there is one (loaded on demand, so it costs nothing until then): the
// header's "Watching (n)" list, the polling of watched jobs, and the news when one ends — toast, tab
// title, a dot on the tab icon and, when allowed, a system notification.
import { useQueryClient } from '@tanstack/react-query'
import { Eye, X } from 'lucide-react'
import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { Link, useLocation } from 'wouter'
import { JobStatusBadge, statusPresentation } from '../../components/JobStatusBadge.tsx'
import { usePart } from '../../components/app-scope.tsx'
import { documentTitlePart } from '../../components/use-document-title.ts'
import { notificationNote } from './WatchToggleButton.tsx'
import { useRuntimeConfig } from '../../components/app-scope.tsx'
import { requestLimiterPart } from '../../jobs/app-request-limiter.ts'
import { NOT_FOUND_LABEL } from '../../jobs/job-status.ts'
import {
  type WatchEntry,
  isActiveWatch,
  useWatchList,
  useWatchSaveFailed,
  watchListPart,
} from './watch-list.ts'
import { useKinds } from '../../kinds/registry.ts'
import {
  askNotificationPermission,
  notificationSupport,
  showSystemNotification,
} from './browser-notifications.ts'
import { faviconTone, setFaviconDot } from './favicon.ts'
import { createNotificationBatcher } from './notification-batcher.ts'
import { type WatchEvent, startWatchMonitor } from './watch-monitor.ts'
import { eventSentence, jobHref, notificationText, titleAttention } from './watch-texts.ts'

/** Toasts shown at once; the rest are counted under them. */
const VISIBLE_TOASTS = 3

interface Toast {
  readonly key: number
  readonly event: WatchEvent
}

const isProblem = (event: WatchEvent) => event.reason !== 'final' && event.reason !== 'change'

export default function WatchCenter() {
  const entries = useWatchList()
  const [open, setOpen] = useState(false)
  const [toasts, setToasts] = useState<readonly Toast[]>([])
  const { onJobOpened } = useWatchNews(setToasts, setOpen)
  const title = usePart(documentTitlePart)

  const dismiss = useCallback((key: number) => {
    setToasts((current) => current.filter((toast) => toast.key !== key))
  }, [])

  // The tab title and icon carry the news until it is dismissed.
  useEffect(() => {
    const events = toasts.map((toast) => toast.event)
    const latest = events.at(-1)
    title.setAttention(titleAttention(events))
    setFaviconDot(latest ? faviconTone(latest.status, isProblem(latest)) : null)
  }, [title, toasts])
  useEffect(
    () => () => {
      title.setAttention(null)
      setFaviconDot(null)
    },
    [title],
  )

  return (
    <>
      {entries.length > 0 && (
        <WatchingMenu
          entries={entries}
          open={open}
          onOpenChange={setOpen}
          onJobOpened={onJobOpened}
        />
      )}
      {createPortal(
        <WatchToasts toasts={toasts} onDismiss={dismiss} onJobOpened={onJobOpened} />,
        document.body,
      )}
    </>
  )
}

/** Runs the monitor; every event becomes a toast and goes to the notification batcher. */
function useWatchNews(
  setToasts: (update: (current: readonly Toast[]) => readonly Toast[]) => void,
  setOpen: (open: boolean) => void,
) {
  const client = useQueryClient()
  const { apiBase, pollBounds } = useRuntimeConfig()
  const store = usePart(watchListPart)
  const limiter = usePart(requestLimiterPart)
  const kinds = useKinds()
  const [, navigate] = useLocation()
  const navigateRef = useRef(navigate)
  useEffect(() => {
    navigateRef.current = navigate
  }, [navigate])

  /** The person went to a job: its news has been seen. */
  const onJobOpened = useCallback(
    (id: string) => setToasts((current) => current.filter((toast) => toast.event.id !== id)),
    [setToasts],
  )

  useEffect(() => {
    let next = 0
    const batcher = createNotificationBatcher<WatchEvent>((events) => {
      const [first] = events
      const single = events.length === 1 && first !== undefined
      showSystemNotification({
        ...notificationText(events, kinds),
        tag: single ? `jobscope-${first.id}` : 'jobscope-watch',
        icon: single
          ? `/favicon-${faviconTone(first.status, isProblem(first))}.svg`
          : '/favicon.svg',
        onClick: () => {
          if (single) {
            navigateRef.current(jobHref(first.id, first.kind))
            onJobOpened(first.id)
          } else {
            setOpen(true)
          }
        },
      })
    })
    const stop = startWatchMonitor({
      client,
      store,
      kinds,
      apiBase,
      pollBounds,
      limiter,
      onEvent: (event) => {
        next += 1
        const key = next
        setToasts((current) => [...current, { key, event }])
        batcher.push(event)
      },
    })
    return () => {
      stop()
      batcher.dispose()
    }
  }, [client, store, kinds, apiBase, pollBounds, limiter, setToasts, setOpen, onJobOpened])

  return { onJobOpened }
}

interface WatchingMenuProps {
  entries: readonly WatchEntry[]
  open: boolean
  onOpenChange: (open: boolean) => void
  onJobOpened: (id: string) => void
}

function WatchingMenu({ entries, open, onOpenChange, onJobOpened }: WatchingMenuProps) {
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

interface WatchToastsProps {
  toasts: readonly Toast[]
  onDismiss: (key: number) => void
  onJobOpened: (id: string) => void
}

const TOAST_ICON_COLOURS = {
  green: 'text-emerald-700 dark:text-emerald-400',
  red: 'text-red-700 dark:text-red-400',
  amber: 'text-amber-700 dark:text-amber-400',
  blue: 'text-blue-700 dark:text-blue-400',
  grey: 'text-zinc-500 dark:text-zinc-400',
} as const

function ToastIcon({ event }: { event: WatchEvent }) {
  const problem = isProblem(event)
  const { icon: Icon } = statusPresentation(problem ? 'ERROR' : (event.status ?? ''))
  return (
    <Icon
      aria-hidden="true"
      className={`mt-0.5 size-5 shrink-0 ${TOAST_ICON_COLOURS[faviconTone(event.status, problem)]}`}
    />
  )
}

function WatchToasts({ toasts, onDismiss, onJobOpened }: WatchToastsProps) {
  const kinds = useKinds()
  const shown = toasts.slice(-VISIBLE_TOASTS)
  const hidden = toasts.length - shown.length
  return (
    <section
      aria-label="Watch updates"
      className="pointer-events-none fixed right-4 bottom-4 z-30 flex w-[min(24rem,calc(100vw-2rem))] flex-col items-stretch gap-2"
    >
      {hidden > 0 && (
        <p className="card pointer-events-auto px-3 py-1.5 text-xs shadow">
          {hidden} earlier update{hidden === 1 ? '' : 's'} — see “Watching” in the header.
        </p>
      )}
      {shown.map(({ key, event }) => (
        <div
          key={key}
          role="status"
          className="card pointer-events-auto flex items-start gap-2 p-3 text-sm shadow-lg"
        >
          <ToastIcon event={event} />
          <div className="flex min-w-0 flex-1 flex-col gap-1">
            {/* The status in words inside the sentence: a badge would read as the page's own. */}
            <p className="break-all">{eventSentence(event, kinds)}</p>
            <Link
              className="link self-start text-xs"
              href={jobHref(event.id, event.kind)}
              onClick={() => onJobOpened(event.id)}
            >
              Open job
            </Link>
          </div>
          <button
            type="button"
            className="btn-secondary px-1.5"
            aria-label="Dismiss"
            title="Dismiss"
            onClick={() => onDismiss(key)}
          >
            <X aria-hidden="true" className="size-4" />
          </button>
        </div>
      ))}
      {toasts.length > 1 && (
        <button
          type="button"
          className="btn-secondary pointer-events-auto self-end"
          onClick={() => toasts.forEach((toast) => onDismiss(toast.key))}
        >
          Dismiss all
        </button>
      )}
    </section>
  )
}
