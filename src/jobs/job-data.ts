// What a job query holds and how pages read it: the one cache entry per job id (whatever its kind),
// shared by the job page, the batch rows, the watch list, the Timeline and Recent. Light on purpose:
// the first load reads the cache through this module without loading the search or the kinds.
import { isApiError } from '../api/api-error.ts'
import type { JobKind } from '../lib/job-kinds.ts'
import type { JobSnapshot } from './find-job.ts'

export interface WatchedJob extends JobSnapshot {
  /** When we first saw the current status (ms since epoch): drives the polling backoff. */
  readonly statusSince: number
  /**
   * Whether this browser saw the job enter its current status (an earlier answer had another one).
   * If not, the status began before `statusSince`: "for at least …".
   */
  readonly sawStatusBegin: boolean
  /** Other kinds that also answered 200 for this id (should not happen; the page notes it). */
  readonly alsoFoundIn: readonly JobKind[]
}

// One key per job id, whatever its kind: the job page, a batch row and a watch share one cache entry.
export const jobKeys = {
  all: ['jobs'] as const,
  detail: (id: string) => [...jobKeys.all, id] as const,
}

export type JobKey = ReturnType<typeof jobKeys.detail>

/** What a query result tells about its last attempt, as pages and rows read it. */
export interface QueryLike {
  readonly data: WatchedJob | undefined
  readonly error: Error | null
  readonly failureReason: Error | null
  readonly failureCount: number
}

/**
 * The problem to show: the error the query ended with, or — while retries run and `error` is still
 * empty — the reason the last attempt failed. Null when the last attempt worked.
 */
export function lastProblem(query: QueryLike): Error | null {
  return query.error ?? (query.failureCount > 0 ? query.failureReason : null)
}

export function isNotFoundError(error: unknown): boolean {
  return isApiError(error) && error.kind === 'not-found'
}
