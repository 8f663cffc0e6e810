// What the page says about its own watching, as a plain function of the query: is a problem worth a
// banner yet, is a retry under way, when does the next check come. A poll that fails once and whose
// retry works is not news; spent retries, or data getting old, are.
import { isApiError } from '../api/api-error.ts'
import { isTerminalStatus } from './job-status.ts'
import { nextPollDelay } from './polling-policy.ts'
import { type PollBounds } from '../config/runtime-config.ts'

/** Shown data older than this while checks keep failing earns a banner even if retries go on. */
export const STALE_AFTER_MS = 30_000

export interface RefreshInput {
  /** Status of the data shown, if any. */
  readonly status: string | undefined
  readonly statusSince: number | undefined
  /** When the data shown arrived (0: never). */
  readonly dataUpdatedAt: number
  /** When the query last ended in an error (0: never). */
  readonly errorUpdatedAt: number
  /** The error the query ended with (retries spent, or not retried at all). */
  readonly error: Error | null
  /** Failed attempts of the fetch under way (retries run while `error` is still null). */
  readonly failureCount: number
  readonly fetching: boolean
  readonly autoRefresh: boolean
  readonly pollBounds: PollBounds
  readonly now: number
}

export interface RefreshState {
  /**
   * The problem deserves the banner (role="alert"): retries are spent, the data shown is stale, or
   * there is no data yet (then the problem is the only news there is).
   */
  readonly banner: boolean
  /** A check failed and its retries are under way: a small inline mark, nothing else. */
  readonly retrying: boolean
  /** When the next automatic check comes, or null (checking now, final, paused or stopped). */
  readonly nextCheckAt: number | null
}

export function refreshState(input: RefreshInput): RefreshState {
  const { error, failureCount, fetching, autoRefresh, now } = input
  const retrying = error === null && failureCount > 0
  const stale =
    input.dataUpdatedAt > 0 &&
    autoRefresh &&
    (error !== null || retrying) &&
    now - input.dataUpdatedAt > STALE_AFTER_MS
  return {
    banner: error !== null || stale || (retrying && input.dataUpdatedAt === 0),
    retrying,
    nextCheckAt: fetching || retrying || !autoRefresh ? null : nextCheckAt(input),
  }
}

function nextCheckAt(input: RefreshInput): number | null {
  const { status, error, pollBounds } = input
  if (error === null && status !== undefined && isTerminalStatus(status)) return null
  // React Query schedules the next poll when the last fetch settles, with the policy's delay then.
  const settledAt = Math.max(input.dataUpdatedAt, input.errorUpdatedAt)
  if (settledAt === 0) return null
  const delay = nextPollDelay(
    {
      status,
      unchangedForMs: input.statusSince === undefined ? 0 : settledAt - input.statusSince,
      errorKind: error === null ? undefined : isApiError(error) ? error.kind : 'bad-response',
      retryAfterMs: isApiError(error) ? error.retryAfterMs : undefined,
    },
    pollBounds,
  )
  return delay === false ? null : settledAt + delay
}
