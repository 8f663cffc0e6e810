// "Notify me" on the job page: start or stop watching the job. Browser permission is asked only
// here (and in the batch toggles), on the click; when notifications are refused or impossible, the
// toggle says so and the in-app signals (message, tab title, icon dot) remain. Loaded on demand by
// WatchToggle.tsx.
import { Bell, Check } from 'lucide-react'
import { useId, useState } from 'react'
import { usePart } from '../../components/app-scope.tsx'
import type { JobKind } from '../../lib/job-kinds.ts'
import {
  type NotifyOn,
  WATCH_LIMIT,
  type WatchRequest,
  isActiveWatch,
  useWatchEntry,
  type WatchListStore,
  watchListPart,
} from './watch-list.ts'
import {
  type NotificationSupport,
  askNotificationPermission,
  notificationSupport,
} from './browser-notifications.ts'

/** Watches `jobs` and asks for notification permission; returns what came of it. */
export async function startWatching(
  store: WatchListStore,
  jobs: readonly WatchRequest[],
): Promise<{ refused: number; support: NotificationSupport | null }> {
  const { watching, refused } = store.watch(jobs)
  if (watching === 0) return { refused, support: null }
  return { refused, support: await askNotificationPermission() }
}

/** What the person needs to know about browser notifications, or null when they will work. */
export function notificationNote(support: NotificationSupport, asked: boolean): string | null {
  const fallback =
    'Jobscope will tell you in this tab instead: a message, the tab title and a dot on its icon.'
  switch (support) {
    case 'granted':
      return null
    case 'default':
      return asked ? `Browser notifications were not allowed. ${fallback}` : null
    case 'denied':
      return `Browser notifications are blocked for this site. ${fallback}`
    case 'insecure':
      return `Browser notifications need a secure (https) address. ${fallback}`
    case 'unsupported':
      return `This browser cannot show notifications. ${fallback}`
  }
}

export function LimitNote({ refused }: { refused: number }) {
  if (refused === 0) return null
  return (
    <p role="status" className="text-xs text-amber-800 dark:text-amber-300">
      {refused} job{refused === 1 ? '' : 's'} not watched: Jobscope follows at most {WATCH_LIMIT} at
      once. Stop watching some under “Watching”.
    </p>
  )
}

export interface WatchToggleProps {
  id: string
  kind?: JobKind | undefined
  status?: string | undefined
}

/** The job page's toggle: "Notify me", with the choice to hear of every status change too. */
export function WatchToggle({ id, kind, status }: WatchToggleProps) {
  const store = usePart(watchListPart)
  const entry = useWatchEntry(id)
  const watching = entry !== undefined && isActiveWatch(entry)
  const [asked, setAsked] = useState(false)
  const [refused, setRefused] = useState(0)
  const noteId = useId()
  const note = watching ? notificationNote(notificationSupport(), asked) : null

  const onClick = () => {
    if (watching) {
      store.unwatch([id])
      return
    }
    void startWatching(store, [{ id, kind, status }]).then((outcome) => {
      setRefused(outcome.refused)
      setAsked(outcome.support !== null)
    })
  }
  const onNotifyOnChange = (notifyOn: NotifyOn) => store.setNotifyOn(id, notifyOn)

  return (
    <div className="flex max-w-sm flex-col items-start gap-1 sm:ml-auto">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <button
          type="button"
          // A stable name with aria-pressed (the ARIA toggle pattern): on, it is filled and checked.
          className={`btn-secondary min-h-8 ${watching ? 'btn-on' : ''}`}
          aria-pressed={watching}
          aria-describedby={note ? noteId : undefined}
          title={watching ? 'Watching: click to stop' : 'Tell me when this job ends'}
          onClick={onClick}
        >
          {watching ? (
            <Check aria-hidden="true" className="size-4" />
          ) : (
            <Bell aria-hidden="true" className="size-4" />
          )}
          Notify me
        </button>
        {watching && (
          <label className="inline-flex min-h-6 items-center gap-1.5 text-xs">
            <input
              type="checkbox"
              checked={entry.notifyOn === 'change'}
              onChange={(event) => onNotifyOnChange(event.target.checked ? 'change' : 'end')}
            />
            on every status change
          </label>
        )}
      </div>
      {note && (
        <p id={noteId} className="text-muted text-xs">
          {note}
        </p>
      )}
      <LimitNote refused={refused} />
    </div>
  )
}
