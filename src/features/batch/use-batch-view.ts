// The batch's rows as the table shows them: one query per id (through the app's one request limiter,
// each searching the kinds in order), a row per answer, the counts per status, the filter and the
// sort applied, and which rows need a person's attention.
import { useMemo, useState } from 'react'
import { usePart, useRuntimeConfig } from '../../components/app-scope.tsx'
import { useNow } from '../../components/use-now.ts'
import { requestLimiterPart } from '../../jobs/app-request-limiter.ts'
import { jobQueryOptions } from '../../jobs/job-query.ts'
import type { KindRegistry } from '../../kinds/registry.ts'
import type { JobKind } from '../../lib/job-kinds.ts'
import {
  type BatchRow,
  type BatchSort,
  type GroupCount,
  countGroups,
  notFinalForMs,
  problemIds,
  rowProblem,
  sortRows,
  toBatchRow,
} from './batch-rows.ts'
import type { RowAttention } from './BatchTableRow.tsx'
import { useRecentBatchRecording } from './recent-batch-recording.ts'
import type { RejectedTokens } from './rejected-tokens.ts'
import { type JobQueryResult, useJobQueries } from './use-job-queries.ts'

export interface BatchViewOptions {
  readonly kinds: KindRegistry
  /** Each id's kind when known before (a link, Recent): only its endpoint is asked. */
  readonly kindHints: readonly (JobKind | undefined)[]
  readonly autoRefresh: boolean
  /** The status group shown, or null for all. */
  readonly filter: string | null
  readonly sort: BatchSort
  /** The tokens pasted with the list that are not ids (Recent keeps them with the batch). */
  readonly rejected: RejectedTokens | null
}

export interface BatchView {
  readonly rows: readonly BatchRow[]
  /** The rows the table shows: filtered, then sorted. */
  readonly shown: readonly BatchRow[]
  readonly counts: readonly GroupCount[]
  readonly attention: ReadonlyMap<string, RowAttention>
  /** The whole batch's problem ids in the order the table shows them, filter aside. */
  readonly problems: readonly string[]
  readonly finalCount: number
  /** Refreshed every 5 s: how long rows have not been final moves with it. */
  readonly now: number
}

/**
 * One row per id. A result that did not change keeps its row object, so a thousand rows cost one
 * lookup each per answer and the memoised table rows that did not change are not drawn again.
 */
function useBatchRows(
  ids: readonly string[],
  results: readonly JobQueryResult[],
  kinds: KindRegistry,
): readonly BatchRow[] {
  const [cache] = useState(() => new WeakMap<JobQueryResult, BatchRow>())
  return useMemo(
    () =>
      results.map((result, index) => {
        const id = ids[index] ?? ''
        const known = cache.get(result)
        if (known?.id === id) return known
        const row = toBatchRow(id, result, kinds)
        cache.set(result, row)
        return row
      }),
    [cache, ids, results, kinds],
  )
}

export function useBatchView(
  ids: readonly string[],
  { kinds, kindHints, autoRefresh, filter, sort, rejected }: BatchViewOptions,
): BatchView {
  const { apiBase, pollBounds } = useRuntimeConfig()
  const limiter = usePart(requestLimiterPart)
  // When this page opened the list: a job whose creation time we cannot read is stuck 15 min later.
  const [watchingSince] = useState(() => Date.now())
  const now = useNow(5_000)

  const options = useMemo(
    () =>
      ids.map((id, index) =>
        jobQueryOptions(id, {
          kinds,
          kind: kindHints[index],
          apiBase,
          pollBounds,
          autoRefresh,
          limiter,
          strategy: 'sequential',
        }),
      ),
    [ids, kinds, kindHints, apiBase, pollBounds, autoRefresh, limiter],
  )
  const results = useJobQueries(options)
  const rows = useBatchRows(ids, results, kinds)
  const watched = useMemo(
    () => results.map((query, index) => ({ id: ids[index] ?? '', query })),
    [ids, results],
  )
  useRecentBatchRecording(ids, watched, rejected)

  const counts = useMemo(() => countGroups(rows), [rows])
  const filtered = useMemo(
    () => (filter === null ? rows : rows.filter((row) => row.group === filter)),
    [rows, filter],
  )
  const shown = useMemo(() => sortRows(filtered, sort), [filtered, sort])
  const attention = useMemo(() => {
    const byId = new Map<string, RowAttention>()
    for (const row of rows) {
      const problem = rowProblem(row, now, watchingSince)
      if (problem === null) continue
      byId.set(row.id, {
        problem,
        notFinalForMs: notFinalForMs(row, now, watchingSince),
        sinceCreated: row.job?.created.kind === 'valid',
      })
    }
    return byId
  }, [rows, now, watchingSince])
  const problems = useMemo(
    () => problemIds(sortRows(rows, sort), now, watchingSince),
    [rows, sort, now, watchingSince],
  )
  const finalCount = rows.filter((row) => row.final).length
  return { rows, shown, counts, attention, problems, finalCount, now }
}
