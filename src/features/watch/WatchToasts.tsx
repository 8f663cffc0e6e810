// The news of watched jobs at the bottom of the page: the last three toasts (the rest counted), each
// with the status in words, a link to the job and a way to dismiss it.
import { X } from 'lucide-react'
import { Link } from 'wouter'
import { statusPresentation } from '../../components/JobStatusBadge.tsx'
import { useKinds } from '../../kinds/registry.ts'
import { faviconTone } from './favicon.ts'
import type { WatchEvent } from './watch-monitor.ts'
import { eventSentence, isProblemEvent, jobHref } from './watch-texts.ts'

/** Toasts shown at once; the rest are counted under them. */
const VISIBLE_TOASTS = 3

export interface Toast {
  readonly key: number
  readonly event: WatchEvent
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
  const problem = isProblemEvent(event)
  const { icon: Icon } = statusPresentation(problem ? 'ERROR' : (event.status ?? ''))
  return (
    <Icon
      aria-hidden="true"
      className={`mt-0.5 size-5 shrink-0 ${TOAST_ICON_COLOURS[faviconTone(event.status, problem)]}`}
    />
  )
}

export function WatchToasts({ toasts, onDismiss, onJobOpened }: WatchToastsProps) {
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
