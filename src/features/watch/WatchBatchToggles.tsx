// "Notify me" on the batch page: a bell per row and one toggle for every unfinished row. In a file of
// their own so they load with the batch page, not with the first screen.
import { Bell, BellRing, Check } from 'lucide-react'
import { useId, useState } from 'react'
import { usePart } from '../../components/app-scope.tsx'
import type { JobKind } from '../../lib/job-kinds.ts'
import {
  type WatchRequest,
  isActiveWatch,
  useWatchEntry,
  useWatchList,
  watchListPart,
} from './watch-list.ts'
import { notificationSupport } from './browser-notifications.ts'
import { LimitNote, notificationNote, startWatching } from './WatchToggleButton.tsx'

/** What the batch toggles need of a row (a batch page row fits as it is). */
export interface WatchableRow {
  readonly id: string
  readonly job: { readonly kind: JobKind; readonly status: string } | undefined
  /** No more changes expected: nothing to wait for. */
  readonly final: boolean
}

function requestOf(row: WatchableRow): WatchRequest {
  return { id: row.id, kind: row.job?.kind, status: row.job?.status }
}

/** A batch row's bell: icon-only, named after the row's id. Nothing for a row that is final. */
export function WatchRowToggle({ row }: { row: WatchableRow }) {
  const store = usePart(watchListPart)
  const entry = useWatchEntry(row.id)
  const watching = entry !== undefined && isActiveWatch(entry)
  if (row.final && !watching) return null
  return (
    <button
      type="button"
      // At least 24 × 24 px (WCAG 2.2 target size); on, a filled bell that reads as on at a glance.
      className={`inline-flex size-6 items-center justify-center rounded-full align-middle ${watching ? 'bg-blue-700 text-white hover:bg-blue-800 dark:bg-blue-600 dark:hover:bg-blue-700' : 'text-muted hover:bg-zinc-100 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100'}`}
      aria-pressed={watching}
      aria-label={`Notify me about ${row.id}`}
      title={watching ? 'Watching: click to stop' : 'Notify me when this job ends'}
      onClick={() => {
        if (watching) store.unwatch([row.id])
        else void startWatching(store, [requestOf(row)])
      }}
    >
      {watching ? (
        <BellRing aria-hidden="true" className="size-3.5" />
      ) : (
        <Bell aria-hidden="true" className="size-3.5" />
      )}
    </button>
  )
}

/** The whole batch: watch every row that is not final yet (or stop watching them all). */
export function WatchBatchToggle({ rows }: { rows: readonly WatchableRow[] }) {
  const store = usePart(watchListPart)
  const entries = useWatchList()
  const [asked, setAsked] = useState(false)
  const [refused, setRefused] = useState(0)
  const noteId = useId()
  const active = new Set(entries.filter(isActiveWatch).map((entry) => entry.id))
  const unfinished = rows.filter((row) => !row.final)
  const watched = unfinished.filter((row) => active.has(row.id.toLowerCase()))
  const pressed = unfinished.length > 0 && watched.length === unfinished.length
  const note = watched.length > 0 ? notificationNote(notificationSupport(), asked) : null
  if (unfinished.length === 0 && watched.length === 0) return null

  return (
    <div className="flex max-w-sm flex-col items-start gap-1">
      <button
        type="button"
        className={`btn-secondary min-h-8 ${pressed ? 'btn-on' : ''}`}
        aria-pressed={pressed}
        aria-describedby={note ? noteId : undefined}
        onClick={() => {
          if (pressed) {
            store.unwatch(unfinished.map((row) => row.id))
            return
          }
          void startWatching(store, unfinished.map(requestOf)).then((outcome) => {
            setRefused(outcome.refused)
            setAsked(outcome.support !== null)
          })
        }}
      >
        {pressed ? (
          <Check aria-hidden="true" className="size-4" />
        ) : (
          <Bell aria-hidden="true" className="size-4" />
        )}
        Notify me about all unfinished{' '}
        <span className="tabular-nums">
          ({watched.length > 0 && !pressed ? `${watched.length} of ` : ''}
          {unfinished.length})
        </span>
      </button>
      {note && (
        <p id={noteId} className="text-muted text-xs">
          {note}
        </p>
      )}
      <LimitNote refused={refused} />
    </div>
  )
}
