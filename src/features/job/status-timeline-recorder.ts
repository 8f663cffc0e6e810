// The one place where statuses are recorded for the timelines: a listener on the React Query cache,
// so the job page, batch rows and watched jobs all feed it without knowing.
import type { Query, QueryClient } from '@tanstack/query-core'
import { type WatchedJob, isNotFoundError, jobKeys } from '../../jobs/job-data.ts'
import { NOT_FOUND_LABEL } from '../../jobs/job-status.ts'
import type { StatusTimelineStore } from './status-timeline.ts'

/** The job id of a `['jobs', id]` query, or undefined for any other query. */
function jobIdOf(query: Query): string | undefined {
  const [scope, id, ...rest] = query.queryKey
  return scope === jobKeys.all[0] && typeof id === 'string' && rest.length === 0 ? id : undefined
}

function observeQuery(store: StatusTimelineStore, query: Query, errorIsNewer: boolean): void {
  const id = jobIdOf(query)
  if (id === undefined) return
  const { data, error, errorUpdatedAt } = query.state
  if (errorIsNewer && isNotFoundError(error)) {
    store.observe(id, NOT_FOUND_LABEL, errorUpdatedAt)
    return
  }
  const watched = data as WatchedJob | undefined
  if (watched?.job) store.observe(id, watched.job.status, watched.statusSince)
}

/**
 * Records every status change of every job query of `client`, from now on and what the cache holds
 * already (a lookup started before the app rendered). Returns the unsubscribe function.
 */
export function recordStatusTimelines(client: QueryClient, store: StatusTimelineStore): () => void {
  const cache = client.getQueryCache()
  for (const query of cache.getAll()) {
    observeQuery(store, query, query.state.errorUpdatedAt > query.state.dataUpdatedAt)
  }
  return cache.subscribe((event) => {
    if (event.type !== 'updated') return
    const query = event.query as Query
    if (event.action.type === 'success') observeQuery(store, query, false)
    else if (event.action.type === 'error') observeQuery(store, query, true)
  })
}
