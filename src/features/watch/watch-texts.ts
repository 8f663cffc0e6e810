// The words of watch news, the same in the toast, the system notification and the tab title.
import type { KindRegistry } from '../../kinds/registry.ts'
import { FAILING_LIMIT, type WatchEvent } from './watch-monitor.ts'

export const shortId = (id: string) => id.slice(0, 8)

/** News that a watch stopped for a reason other than the job's own status. */
export const isProblemEvent = (event: Pick<WatchEvent, 'reason'>) =>
  event.reason !== 'final' && event.reason !== 'change'

export function jobHref(id: string, kind: WatchEvent['kind']): string {
  return kind === null ? `/jobs/${id}` : `/jobs/${id}?kind=${kind}`
}

/** A few words for the outcome: the status, or why the watch stopped. */
export function outcomeWords(event: Pick<WatchEvent, 'reason' | 'status'>): string {
  switch (event.reason) {
    case 'final':
    case 'change':
      return event.status ?? 'unknown status'
    case 'not-found':
      return 'not found'
    case 'failing':
      return 'lookups keep failing'
    case 'unauthorized':
      return 'the API refused the lookup'
  }
}

/** One sentence for a toast or a notification body, with the full id. */
/** The words for kinds: the app's kind registry. */
export type KindWords = Pick<KindRegistry, 'label'>

export function eventSentence(event: WatchEvent, kinds: KindWords): string {
  const job = `Job ${event.id}${event.kind === null ? '' : ` (${kinds.label(event.kind)})`}`
  switch (event.reason) {
    case 'final':
      return `${job} ended: ${event.status ?? ''}.`
    case 'change':
      return `${job} is now ${event.status ?? ''}.`
    case 'not-found':
      return `${job} was not found. Jobscope stopped watching it.`
    case 'failing':
      return `${job}: the last ${FAILING_LIMIT} lookups failed (${event.detail ?? 'no answer'}). Jobscope stopped watching it.`
    case 'unauthorized':
      return `${job}: the API refused the lookup (${event.detail ?? 'unauthorized'}). Jobscope stopped watching it.`
  }
}

export interface NotificationText {
  readonly title: string
  readonly body: string
}

/** One notification for everything that happened in a moment. */
export function notificationText(
  events: readonly WatchEvent[],
  kinds: KindWords,
): NotificationText {
  const [first] = events
  if (events.length === 1 && first !== undefined) {
    return {
      title: `${outcomeWords(first)} · job ${shortId(first.id)}`,
      body: eventSentence(first, kinds),
    }
  }
  const lines = events.slice(0, 4).map((event) => `${outcomeWords(event)}: ${event.id}`)
  if (events.length > 4) lines.push(`and ${events.length - 4} more (see Watching)`)
  return { title: `${events.length} watched jobs changed`, body: lines.join('\n') }
}

/** In front of the tab title while news is unread: "COMPLETED 3f2b8c1e", "3 watch updates". */
export function titleAttention(events: readonly WatchEvent[]): string | null {
  const [first] = events
  if (first === undefined) return null
  if (events.length > 1) return `● ${events.length} watch updates`
  return `● ${outcomeWords(first)} ${shortId(first.id)}`
}
