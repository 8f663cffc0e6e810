// Keeping Recent current from the batch page: the batch is ONE entry ("Batch of 30 · 28 final"),
// and jobs of the batch that were looked up on their own before get their newer status, as before.
import { useEffect, useMemo, useRef } from 'react'
import { useSearch } from 'wouter'
import type { JobKind } from '../lib/job-kinds.ts'
import { KNOWN_JOB_STATUSES, NOT_FOUND_LABEL, isTerminalStatus } from '../jobs/job-status.ts'
import { usePart } from '../components/app-scope.tsx'
import {
  type BatchGroupCount,
  type RecentBatchStore,
  type RecentBatchSummary,
  batchKey,
  recentBatchesPart,
} from '../jobs/recent-batches.ts'
import { type RecentLookupStore, type SeenJob, recentLookupsPart } from '../jobs/recent-lookups.ts'
import { type WatchedRow, seenJobOf } from './recent-recording.ts'
import { type KindRegistry, useKinds } from './registry.ts'

const GROUP_ORDER: readonly string[] = [...KNOWN_JOB_STATUSES, NOT_FOUND_LABEL]

/** Counts per status (known ones in the order a job moves, then others), kinds and models seen. */
export function summariseBatch(seen: readonly SeenJob[]): RecentBatchSummary {
  const counts = new Map<string, number>()
  const kinds = new Set<JobKind>()
  const models = new Set<string>()
  let final = 0
  for (const job of seen) {
    if (job.status === null) continue
    counts.set(job.status, (counts.get(job.status) ?? 0) + 1)
    if (isTerminalStatus(job.status) || job.status === NOT_FOUND_LABEL) final += 1
    if (job.kind !== null) kinds.add(job.kind)
    if (job.model !== null) models.add(job.model)
  }
  const rank = (group: string) => {
    const index = GROUP_ORDER.indexOf(group)
    return index === -1 ? KNOWN_JOB_STATUSES.length - 0.5 : index
  }
  const groups: BatchGroupCount[] = [...counts]
    .map(([group, count]) => ({ group, count }))
    .sort((a, b) => rank(a.group) - rank(b.group) || a.group.localeCompare(b.group))
  return { final, groups, kinds: [...kinds].sort(), models: [...models] }
}

/**
 * How often, at most, a batch's rows are summarised into Recent while answers arrive: each pass
 * reads every row, so doing it per answer would make a long list cost the square of its length.
 */
export const BATCH_RECORD_INTERVAL_MS = 500

interface BatchRecorder {
  readonly kinds: KindRegistry
  readonly lookups: RecentLookupStore
  readonly batches: RecentBatchStore
}

function recordRows(
  { kinds, lookups, batches }: BatchRecorder,
  key: string,
  rows: readonly WatchedRow[],
): void {
  const seen = rows.flatMap((row) => seenJobOf(kinds, row) ?? [])
  // Jobs also looked up on their own keep their entry current; the batch adds no new ones.
  if (seen.length > 0) lookups.record(seen, { fresh: false })
  batches.summarise(key, summariseBatch(seen))
}

/**
 * For the batch page, in place of useRecentRecording: remembers the list as one batch looked up now
 * (once per list), then keeps its summary current as `rows` change — at once after a quiet spell,
 * else at most every BATCH_RECORD_INTERVAL_MS, and the last rows always (also when the page closes).
 */
export function useRecentBatchRecording(ids: readonly string[], rows: readonly WatchedRow[]): void {
  const listToken = new URLSearchParams(useSearch()).get('list')
  const key = useMemo(() => batchKey(ids), [ids])
  const kinds = useKinds()
  const lookups = usePart(recentLookupsPart)
  const batches = usePart(recentBatchesPart)
  // The app's own: the same for the life of the page.
  const recorder = useMemo(() => ({ kinds, lookups, batches }), [kinds, lookups, batches])
  useEffect(() => {
    batches.record(ids, listToken)
  }, [batches, ids, listToken])

  const pending = useRef<{ key: string; rows: readonly WatchedRow[] } | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const lastAt = useRef(Number.NEGATIVE_INFINITY)
  useEffect(() => {
    pending.current = { key, rows }
    if (timer.current !== undefined) return
    const flush = () => {
      timer.current = undefined
      lastAt.current = Date.now()
      const next = pending.current
      pending.current = null
      if (next) recordRows(recorder, next.key, next.rows)
    }
    const wait = lastAt.current + BATCH_RECORD_INTERVAL_MS - Date.now()
    if (wait <= 0) flush()
    else timer.current = setTimeout(flush, wait)
  }, [recorder, rows, key])
  useEffect(
    () => () => {
      clearTimeout(timer.current)
      timer.current = undefined
      const next = pending.current
      pending.current = null
      if (next) recordRows(recorder, next.key, next.rows)
    },
    [recorder],
  )
}
