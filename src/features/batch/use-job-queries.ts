// Many jobs watched at once (the batch table): one QueriesObserver subscribed through
// useSyncExternalStore, instead of useQueries. useQueries rebuilds every query's result on every
// render (and re-applies every query's options after it), which made 1,000 rows cost ~38 ms per
// answer; here a render reads the observer's current results, where a row that did not change
// keeps its object. Decision 015.
import {
  QueriesObserver,
  type QueryObserverOptions,
  type QueryObserverResult,
  notifyManager,
  useQueryClient,
} from '@tanstack/react-query'
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react'
import type { QueryLike, WatchedJob } from '../../jobs/job-data.ts'
import type { JobQueryOptions } from '../../jobs/job-query.ts'

/**
 * The result fields a batch row reads (`QueryLike`): an answer that changes none of them (a fetch
 * starting or ending with the same data) wakes nobody.
 */
const ROW_PROPS = [
  'data',
  'error',
  'failureReason',
  'failureCount',
] as const satisfies ReadonlyArray<keyof QueryLike>

/**
 * The least time between two redraws for `count` jobs. Drawing reads every row, so a long list
 * redraws less often (its answers gathered into one redraw) and drawing keeps the same share of the
 * page's time at any length: none for 100 jobs, 20 ms for 1,000, 200 ms for 10,000 (at most 250).
 */
export function redrawSpacingMs(count: number): number {
  return count <= 100 ? 0 : Math.min(250, Math.round(count / 50))
}

export type JobQueryResult = QueryObserverResult<WatchedJob>

/**
 * Observes one query per entry of `queries` and returns their results in the same order. An entry's
 * result keeps its identity until one of the fields of `QueryLike` changes. The jobs must stay the
 * same for the life of the component (key it by the list); their options may change (memoise the
 * array: a new one re-applies every option).
 */
export function useJobQueries(queries: readonly JobQueryOptions[]): readonly JobQueryResult[] {
  const client = useQueryClient()
  const [observer] = useState(() => new QueriesObserver(client, queries.map(withRowProps)))
  useEffect(() => {
    observer.setQueries(queries.map(withRowProps))
  }, [observer, queries])
  const spacing = redrawSpacingMs(queries.length)
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (spacing === 0) return observer.subscribe(notifyManager.batchCalls(onChange))
      let timer: ReturnType<typeof setTimeout> | undefined
      let lastAt = Number.NEGATIVE_INFINITY
      const unsubscribe = observer.subscribe(() => {
        if (timer !== undefined) return
        const wait = Math.max(0, lastAt + spacing - performance.now())
        timer = setTimeout(() => {
          timer = undefined
          lastAt = performance.now()
          onChange()
        }, wait)
      })
      return () => {
        clearTimeout(timer)
        unsubscribe()
      }
    },
    [observer, spacing],
  )
  // Typed as results of unknown data, like the options above: every query here is a job query.
  return useSyncExternalStore(subscribe, () =>
    observer.getCurrentResult(),
  ) as readonly JobQueryResult[]
}

// QueriesObserver.setQueries is typed for options of unknown data and key (its constructor takes
// any): ours are one type throughout, so widening them here loses nothing it checks.
function withRowProps(options: JobQueryOptions): QueryObserverOptions {
  return { ...options, notifyOnChangeProps: [...ROW_PROPS] } as QueryObserverOptions
}
