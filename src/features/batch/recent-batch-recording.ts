// Keeping Recent current from the batch page: the batch is ONE entry ("Batch of 30 · 28 final"),
// and jobs of the batch that were looked up on their own before get their newer status, as before.
// Recent's own rules (what an entry keeps, its summary of rows) are Recent's; when to write them —
// at most every BATCH_RECORD_INTERVAL_MS for a long list — is this page's.
import { useEffect, useMemo, useRef } from 'react'
import { useSearch } from 'wouter'
import { usePart } from '../../components/app-scope.tsx'
import type { KindRegistry } from '../../kinds/registry.ts'
import {
  type RecentBatchStore,
  type RecentLookupStore,
  type WatchedRow,
  batchKey,
  lazyRecentBatches,
  recentLookupsPart,
  seenJobOf,
  summariseBatch,
} from '../recent/public.ts'

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
 * The batch page loads Recent's batch list with its own code (lazyRecentBatches.load); should it not
 * be there yet, the rows wait for it.
 */
export function useRecentBatchRecording(
  ids: readonly string[],
  rows: readonly WatchedRow[],
  kinds: KindRegistry,
): void {
  const listToken = new URLSearchParams(useSearch()).get('list')
  const key = useMemo(() => batchKey(ids), [ids])
  const lookups = usePart(recentLookupsPart)
  const batches = lazyRecentBatches.use()
  // The app's own: the same for the life of the page, once the batch list has loaded.
  const recorder = useMemo(
    () => (batches === undefined ? null : { kinds, lookups, batches }),
    [kinds, lookups, batches],
  )
  useEffect(() => {
    batches?.record(ids, listToken)
  }, [batches, ids, listToken])

  const pending = useRef<{ key: string; rows: readonly WatchedRow[] } | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const lastAt = useRef(Number.NEGATIVE_INFINITY)
  useEffect(() => {
    pending.current = { key, rows }
    if (timer.current !== undefined || recorder === null) return
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
      // Not loaded yet: the rows wait for it (the effect above records them once it is).
      if (recorder === null) return
      clearTimeout(timer.current)
      timer.current = undefined
      const next = pending.current
      pending.current = null
      if (next) recordRows(recorder, next.key, next.rows)
    },
    [recorder],
  )
}
