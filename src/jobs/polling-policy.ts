// When to ask again, and whether to retry a failure: plain functions, table-tested, that the React Query
// options only call. Shared by every job kind and every page that watches jobs.
import type { ApiErrorKind } from '../api/api-error.ts'
import { isApiError } from '../api/api-error.ts'
import { DEFAULT_POLL_BOUNDS, type PollBounds } from '../config/runtime-config.ts'
import { isTerminalStatus } from './job-status.ts'

/** The longest wait a Retry-After can impose, on a retry or on the next poll. */
const RETRY_AFTER_CAP_MS = 5 * 60_000

/** Polling waits this fraction of the time the status has not changed: 5 s unchanged → 1 s, 50 s → 10 s. */
const BACKOFF_FRACTION = 0.2

export interface PollState {
  /** Status of the last good response, if there has been one. */
  readonly status: string | undefined
  /** How long that status has been unchanged, as far as we have seen. */
  readonly unchangedForMs: number
  /** Kind of the error the last fetch ended with, if it failed. */
  readonly errorKind: ApiErrorKind | undefined
  /** Retry-After of that error, if any. */
  readonly retryAfterMs?: number | undefined
}

/** Milliseconds until the next poll, or `false` to stop polling. */
export function nextPollDelay(
  state: PollState,
  bounds: PollBounds = DEFAULT_POLL_BOUNDS,
): number | false {
  if (state.errorKind === undefined) {
    if (state.status !== undefined && isTerminalStatus(state.status)) return false
    return clamp(state.unchangedForMs * BACKOFF_FRACTION, bounds)
  }
  switch (state.errorKind) {
    // Asking again cannot help until someone changes the id or the key; Refresh is there for that.
    case 'not-found':
    case 'unauthorized':
      return false
    case 'rate-limited':
      // Capped: timers fire at once beyond 2^31 ms, which would turn a long Retry-After into a loop.
      return Math.min(Math.max(state.retryAfterMs ?? 0, bounds.maxMs), RETRY_AFTER_CAP_MS)
    // Retries are spent by now; keep checking slowly so the page recovers with the upstream.
    case 'upstream':
    case 'network':
    case 'bad-response':
      return bounds.maxMs
  }
}

function clamp(ms: number, { minMs, maxMs }: PollBounds): number {
  return Math.round(Math.min(maxMs, Math.max(minMs, ms)))
}

/** Retries within one poll; after that the poll fails and the next poll is scheduled as above. */
export const MAX_RETRIES = 3
const RETRY_BASE_MS = 1_000
const RETRY_MAX_MS = 30_000

export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES) return false
  if (!isApiError(error)) return false
  return error.kind === 'upstream' || error.kind === 'network' || error.kind === 'rate-limited'
}

/** Exponential backoff (1 s, 2 s, 4 s … for failureCount 0, 1, 2 …), never sooner than the server's Retry-After. */
export function retryDelay(failureCount: number, error: unknown): number {
  const backoff = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** failureCount)
  const retryAfter = isApiError(error) ? (error.retryAfterMs ?? 0) : 0
  return Math.max(backoff, Math.min(retryAfter, RETRY_AFTER_CAP_MS))
}
