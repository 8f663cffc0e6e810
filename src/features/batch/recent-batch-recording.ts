// What the batch page keeps of its list as answers arrive: Recent's ONE entry for the batch ("Batch
// of 30 · 28 final", its counts, kinds and models) and the kind found for each id — in that entry
// and in the page's own address (`&kinds=`) — so reopening the list, from Recent or its link, asks
// each id's own endpoint only. Recent's rules (what an entry keeps, how rows are summed up) are
// Recent's; when to write — at most every BATCH_RECORD_INTERVAL_MS for a long list, and the last rows
// always, when the page closes or goes away — is this page's.
import { useEffect, useMemo, useRef } from 'react'
import { useLocation, useSearch } from 'wouter'
import { encodeKinds } from '../../lib/job-kinds.ts'
import {
  type RecentBatchStore,
  type WatchedRow,
  batchKey,
  lazyRecentBatches,
  seenJobOf,
  summariseBatch,
} from '../recent/public.ts'
import { withKinds } from './batch-address.ts'
import type { RejectedTokens } from './rejected-tokens.ts'

/**
 * How often, at most, a batch's rows are summarised while answers arrive: each pass reads every row,
 * so doing it per answer would make a long list cost the square of its length.
 */
export const BATCH_RECORD_INTERVAL_MS = 500

const NO_TOKENS: RejectedTokens = { tokens: [], total: 0 }

interface Pending {
  readonly key: string
  readonly rows: readonly WatchedRow[]
}

/**
 * For the batch page: remembers the list as one batch looked up now (once per list), then keeps its
 * summary and its ids' kinds current as `rows` change — at once after a quiet spell, else at most
 * every BATCH_RECORD_INTERVAL_MS, and the last rows always (when the page closes, is left or is
 * hidden). The batch page loads Recent's batch list with its own code (lazyRecentBatches.load); if
 * it is not there yet, the rows wait for it.
 */
export function useRecentBatchRecording(
  ids: readonly string[],
  rows: readonly WatchedRow[],
  rejected: RejectedTokens | null = null,
): void {
  const search = useSearch()
  const [, navigate] = useLocation()
  const listToken = new URLSearchParams(search).get('list')
  const key = useMemo(() => batchKey(ids), [ids])
  const batches = lazyRecentBatches.use()
  useEffect(() => {
    batches?.record(ids, listToken)
  }, [batches, ids, listToken])
  // The tokens left out of the list go with its entry, so reopening it from Recent lists them. The
  // address says what they are: a link without any is a list pasted without any.
  useEffect(() => {
    batches?.noteRejected(key, rejected ?? NO_TOKENS)
  }, [batches, key, rejected])

  // The latest of what a write needs, for the timers and the page's own events.
  const latest = useRef({ batches, search, navigate })
  useEffect(() => {
    latest.current = { batches, search, navigate }
  })
  const pending = useRef<Pending | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const lastAt = useRef(Number.NEGATIVE_INFINITY)

  /**
   * Writes the pending rows, if the batch list is here (else they wait for it). The address takes
   * the kinds while the page is shown; a page being left keeps the address it has.
   */
  const flushRef = useRef((leaving: boolean) => {
    const store = latest.current.batches
    const next = pending.current
    if (store === undefined || next === null) return
    clearTimeout(timer.current)
    timer.current = undefined
    lastAt.current = Date.now()
    pending.current = null
    const kinds = record(store, next)
    const address = withKinds(latest.current.search, kinds)
    if (address !== undefined && !leaving) latest.current.navigate(address, { replace: true })
  })

  useEffect(() => {
    pending.current = { key, rows }
    if (timer.current !== undefined || batches === undefined) return
    const wait = lastAt.current + BATCH_RECORD_INTERVAL_MS - Date.now()
    if (wait <= 0) flushRef.current(false)
    else timer.current = setTimeout(() => flushRef.current(false), wait)
  }, [batches, rows, key])

  useEffect(() => {
    const flush = flushRef.current
    // Leaving the page does not unmount it: write what is pending before it goes.
    const onPageHide = () => flush(true)
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush(true)
    }
    window.addEventListener('pagehide', onPageHide)
    document.addEventListener('visibilitychange', onHide)
    return () => {
      window.removeEventListener('pagehide', onPageHide)
      document.removeEventListener('visibilitychange', onHide)
      flush(true)
    }
  }, [])
}

/** Sums the rows up into Recent's entry; returns the ids' kinds, encoded. */
function record(store: RecentBatchStore, { key, rows }: Pending): string {
  const seen = rows.flatMap((row) => seenJobOf(row) ?? [])
  const kinds = encodeKinds(rows.map((row) => row.query.data?.job.kind))
  store.summarise(key, summariseBatch(seen), kinds)
  return kinds
}
