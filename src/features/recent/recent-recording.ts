// Keeping Recent current: the pages say what the person looked up (now, on top), and every answer
// the app gets about a job Recent lists — from the job page, a batch row, the watch list, whichever
// tab asked — brings its entry up to date (followJobsForRecent).
import type { Query, QueryClient } from '@tanstack/query-core'
import { useEffect } from 'react'
import type { JobBase } from '../../api/job-base.ts'
import { usePart } from '../../components/app-scope.tsx'
import { type QueryLike, type WatchedJob, isNotFoundError, jobKeys } from '../../jobs/job-data.ts'
import { NOT_FOUND_LABEL } from '../../jobs/job-status.ts'
import type { JobKind } from '../../lib/job-kinds.ts'
import { type RecentLookupStore, type SeenJob, recentLookupsPart } from './recent-lookups.ts'

export interface WatchedRow {
  readonly id: string
  readonly query: QueryLike
}

/**
 * What Recent keeps of an answer: the job's facts, "not found", or nothing yet. `thumbnailOf` is the
 * job's kind's picture for it (without it the entry keeps the one it has).
 */
export function seenJobOf(
  { id, query }: WatchedRow,
  thumbnailOf?: (job: JobBase) => string | null,
): SeenJob | null {
  const job = query.data?.job
  if (job) {
    return {
      id,
      kind: job.kind,
      status: job.status,
      model: job.model,
      thumbnailUrl: thumbnailOf?.(job) ?? null,
    }
  }
  if (isNotFoundError(query.error)) {
    return { id, kind: null, status: NOT_FOUND_LABEL, model: null, thumbnailUrl: null }
  }
  return null
}

/** Remembers `ids` as looked up now, on top of Recent (once per list, even before an answer). */
export function useRecordLookup(ids: readonly string[], kindHint?: JobKind): void {
  const store = usePart(recentLookupsPart)
  useEffect(() => {
    store.record(
      ids.map((id) => ({
        id,
        kind: kindHint ?? null,
        status: null,
        model: null,
        thumbnailUrl: null,
      })),
      { fresh: true },
    )
  }, [store, ids, kindHint])
}

/** The job id of a `['jobs', id]` query, or undefined for any other query. */
function jobIdOf(query: Query): string | undefined {
  const [scope, id, ...rest] = query.queryKey
  return scope === jobKeys.all[0] && typeof id === 'string' && rest.length === 0 ? id : undefined
}

/**
 * Brings a Recent entry up to date with every answer about its job that reaches `client`'s cache
 * (other tabs' answers come through storage). `thumbnailOf` gives an answer's picture when the kinds
 * are at hand. Returns the function that stops it.
 */
export function followJobsForRecent(
  client: QueryClient,
  store: RecentLookupStore,
  thumbnailOf: (job: JobBase) => string | null | undefined,
): () => void {
  const listed = (id: string) => store.getSnapshot().some((entry) => entry.id === id)
  const follow = (query: Query, id: string, type: 'success' | 'error') => {
    const { data, error } = query.state
    const seen = seenJobOf(
      {
        id,
        query: {
          data: type === 'success' ? (data as WatchedJob | undefined) : undefined,
          error: type === 'error' ? error : null,
          failureReason: null,
          failureCount: 0,
        },
      },
      (job) => thumbnailOf(job) ?? null,
    )
    if (seen !== null) store.record([seen], { fresh: false })
  }
  const stopCache = client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated') return
    const { type } = event.action
    if (type !== 'success' && type !== 'error') return
    const query = event.query as Query
    const id = jobIdOf(query)
    if (id !== undefined && listed(id)) follow(query, id, type)
  })
  // An answer can come before the page lists its id (the early lookup starts before the app does):
  // an entry listed without a status takes the answer the cache already holds — when it is listed,
  // and once now: a page that renders in the app's first commit lists its id (a child's effect)
  // before this follower starts (the app's effect), and that change was never heard.
  const catchUp = () => {
    for (const entry of store.getSnapshot()) {
      if (entry.status !== null) continue
      const query = client.getQueryCache().find({ queryKey: jobKeys.detail(entry.id), exact: true })
      if (query?.state.status === 'success') follow(query, entry.id, 'success')
      else if (query?.state.status === 'error') follow(query, entry.id, 'error')
    }
  }
  const stopStore = store.subscribe(catchUp)
  catchUp()
  return () => {
    stopCache()
    stopStore()
  }
}
