// Keeping Recent lookups current from what the pages watch: one hook for the job page and the batch.
import { useEffect } from 'react'
import type { JobKind } from '../../lib/job-kinds.ts'
import { type QueryLike, isNotFoundError } from '../../jobs/job-data.ts'
import { NOT_FOUND_LABEL } from '../../jobs/job-status.ts'
import { usePart } from '../../components/app-scope.tsx'
import { type SeenJob, recentLookupsPart } from './recent-lookups.ts'
import type { KindRegistry } from '../../kinds/registry.ts'

export interface WatchedRow {
  readonly id: string
  readonly query: QueryLike
}

/** What Recent keeps of a row: the job's facts, "not found", or nothing yet. */
export function seenJobOf(kinds: KindRegistry, { id, query }: WatchedRow): SeenJob | null {
  const job = query.data?.job
  if (job) {
    return {
      id,
      kind: job.kind,
      status: job.status,
      model: job.model,
      thumbnailUrl: kinds.of(job).thumbnailUrl(job),
    }
  }
  if (isNotFoundError(query.error)) {
    return { id, kind: null, status: NOT_FOUND_LABEL, model: null, thumbnailUrl: null }
  }
  return null
}

/**
 * Remembers `ids` as looked up now (once per list, even before an answer), then keeps their entries
 * current as `rows` change. `rows` should keep its identity while nothing in it changes.
 */
export function useRecentRecording(
  ids: readonly string[],
  rows: readonly WatchedRow[],
  kinds: KindRegistry,
  kindHint?: JobKind,
): void {
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
  useEffect(() => {
    const seen = rows.flatMap((row) => seenJobOf(kinds, row) ?? [])
    if (seen.length > 0) store.record(seen, { fresh: false })
  }, [store, kinds, rows])
}
