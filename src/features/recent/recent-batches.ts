// Batches looked up in this browser, for "Recent": one entry per batch ("Batch of 30 · 28 final")
// that leads back to it, rather than thirty entries that push everything else out. Kept beside the
// single lookups (recent-lookups.ts) with the same rules — localStorage, every entry checked on its
// own, the newest kept, pinned ones never dropped, nothing older than config.json's `recentDays` —
// under a key of its own.
import { useSyncExternalStore } from 'react'
import { usePart } from '../../components/app-scope.tsx'
import { DEFAULT_RECENT_DAYS, configPart } from '../../config/runtime-config.ts'
import { appPart } from '../../lib/app-scope.ts'
import { MAX_IDS_IN_URL_CHARS, type RejectedTokens, batchLink } from '../batch/public.ts'
import {
  type KeyedList,
  type Removal,
  mergeKeyed,
  parseRemovals,
  changeStamp,
  removalsOf,
} from '../../lib/keyed-merge.ts'
import { type StoredState, createStoredState } from '../../lib/stored-state.ts'
import { isJobId } from '../../lib/job-id.ts'
import { isEncodedKinds } from '../../lib/job-kinds.ts'
import { DAY_MS } from '../../lib/time.ts'
import { type RecentBatchSummary, batchKey } from './recent-batch-entry.ts'
import {
  BATCH_IDS_KEPT,
  MAX_GROUPS,
  MAX_MODELS,
  MAX_TEXT_CHARS,
  type RecentBatch,
  isRecentEnough,
  keptRejected,
  parseStoredBatches,
  trim,
} from './recent-batch-stored.ts'

export {
  BATCH_IDS_KEPT,
  RECENT_BATCH_LIMIT,
  type BatchAgeLimit,
  type RecentBatch,
  parseStoredBatches,
} from './recent-batch-stored.ts'

export const RECENT_BATCHES_STORAGE_KEY = 'jobscope.recent-batches.v1'
/** Where the batch lives: its ids in the link, or the tab's list token for a long one. */
export function recentBatchHref(batch: RecentBatch): string {
  const joined = batch.ids.join(',')
  if (batch.total === batch.ids.length && joined.length <= MAX_IDS_IN_URL_CHARS) {
    // Short: the link holds the ids and the kinds found, and touches no storage.
    return batchLink(batch.ids, batch.idKinds, batch.rejected).href
  }
  return `/batch?list=${batch.listToken ?? 'unavailable'}`
}

export interface RecentBatchStore {
  getSnapshot: () => readonly RecentBatch[]
  subscribe: (listener: () => void) => () => void
  /** The person looked this list up now: it moves to the top (summary kept if known). */
  record: (ids: readonly string[], listToken: string | null, now?: number) => void
  /** The tokens pasted with the batch that are not ids, as its page lists them (maybe none). */
  noteRejected: (key: string, rejected: RejectedTokens) => void
  /** Newer facts from the batch's rows; ignored for a batch no longer in the list. */
  /** `idKinds`: each id's kind as found so far (encodeKinds), for reopening the batch. */
  summarise: (key: string, summary: RecentBatchSummary, idKinds?: string) => void
  setPinned: (key: string, pinned: boolean) => void
  remove: (key: string) => void
  /** Removes every batch, or only the unpinned ones; returns what was removed (for Undo). */
  clear: (options: { pinnedToo: boolean }) => RecentBatch[]
  restore: (saved: readonly RecentBatch[]) => void
  readonly saveFailed: boolean
  dispose: () => void
}

/** How long a removal is remembered, so a tab that has not heard of it yet does not bring it back. */
const REMOVALS_KEPT_MS = DAY_MS

type BatchState = KeyedList<RecentBatch>

const BATCH_KEYS = {
  keyOf: (entry: RecentBatch) => entry.key,
  changedAt: (entry: RecentBatch) => entry.changedAt,
}

/** Two tabs' lists as one: each batch as it was changed last, one removed in either stays so. */
function mergeBatchLists(mine: BatchState, theirs: BatchState): BatchState {
  const merged = mergeKeyed(mine, theirs, { ...BATCH_KEYS, keepRemovalsMs: REMOVALS_KEPT_MS })
  return merged === mine ? mine : { ...merged, entries: trim([...merged.entries]) }
}

export function createRecentBatchStore(
  storageKey = RECENT_BATCHES_STORAGE_KEY,
  { maxAgeDays = DEFAULT_RECENT_DAYS }: { maxAgeDays?: number } = {},
): RecentBatchStore {
  const state: StoredState<BatchState> = createStoredState<BatchState>({
    key: storageKey,
    parse: (stored) => ({
      entries: parseStoredBatches(stored, { maxAgeDays }),
      removed: parseRemovals(stored),
    }),
    serialize: ({ entries, removed }) => ({ version: 1, entries, removed }),
    merge: mergeBatchLists,
  })
  const entries = () => state.get().entries
  const commit = (next: RecentBatch[], removed: readonly Removal[] = []) =>
    state.set({
      entries: trim(next.filter((entry) => isRecentEnough(entry, { maxAgeDays }))),
      removed: [...state.get().removed, ...removed],
    })
  const stamp = (key: string, lastChange: number | undefined, now?: number) =>
    changeStamp(state.get().removed, key, lastChange, now)
  const update = (key: string, changes: Partial<RecentBatch>) =>
    commit(
      entries().map((entry) =>
        entry.key === key
          ? { ...entry, ...changes, changedAt: stamp(key, entry.changedAt) }
          : entry,
      ),
    )

  return {
    getSnapshot: entries,
    subscribe: (listener) => state.subscribe(listener),
    record(rawIds, listToken, now = Date.now()) {
      const ids = rawIds.filter(isJobId).map((id) => id.toLowerCase())
      if (ids.length === 0) return
      const key = batchKey(ids)
      const existing = entries().find((entry) => entry.key === key)
      const others = entries().filter((entry) => entry.key !== key)
      commit([
        {
          ...(existing?.rejected === undefined ? {} : { rejected: existing.rejected }),
          key,
          ids: ids.slice(0, BATCH_IDS_KEPT),
          total: ids.length,
          listToken: listToken !== null && /^[a-z0-9]{1,16}$/.test(listToken) ? listToken : null,
          lookedUpAt: now,
          pinned: existing?.pinned ?? false,
          final: existing?.final ?? 0,
          groups: existing?.groups ?? [],
          kinds: existing?.kinds ?? [],
          models: existing?.models ?? [],
          idKinds: existing?.idKinds ?? '',
          changedAt: stamp(key, existing?.changedAt, now),
        },
        ...others,
      ])
    },
    summarise(key, summary, idKinds) {
      const existing = entries().find((entry) => entry.key === key)
      if (existing === undefined) return
      const kindsOfIds =
        idKinds !== undefined && isEncodedKinds(idKinds)
          ? idKinds.slice(0, BATCH_IDS_KEPT)
          : existing.idKinds
      if (sameSummary(existing, summary) && kindsOfIds === existing.idKinds) return
      update(key, {
        final: summary.final,
        groups: summary.groups
          .slice(0, MAX_GROUPS)
          .map(({ group, count }) => ({ group: group.slice(0, MAX_TEXT_CHARS), count })),
        kinds: summary.kinds,
        models: summary.models.slice(0, MAX_MODELS).map((model) => model.slice(0, MAX_TEXT_CHARS)),
        idKinds: kindsOfIds,
      })
    },
    noteRejected(key, rejected) {
      const existing = entries().find((entry) => entry.key === key)
      if (existing === undefined) return
      const kept = keptRejected(rejected)
      const known = existing.rejected ?? { tokens: [], total: 0 }
      if (known.total === kept.total && known.tokens.join() === kept.tokens.join()) return
      update(key, { rejected: kept.total > 0 ? kept : undefined })
    },
    setPinned(key, pinned) {
      update(key, { pinned })
    },
    remove(key) {
      commit(
        entries().filter((entry) => entry.key !== key),
        removalsOf(
          entries().filter((entry) => entry.key === key),
          BATCH_KEYS,
        ),
      )
    },
    clear({ pinnedToo }) {
      const removed = entries().filter((entry) => pinnedToo || !entry.pinned)
      if (removed.length > 0) {
        commit(
          entries().filter((entry) => !removed.includes(entry)),
          removalsOf(removed, BATCH_KEYS),
        )
      }
      return removed
    },
    restore(saved) {
      const present = new Set(entries().map((entry) => entry.key))
      commit([
        ...entries(),
        ...saved
          .filter((entry) => !present.has(entry.key))
          .map((entry) => ({ ...entry, changedAt: stamp(entry.key, entry.changedAt) })),
      ])
    },
    get saveFailed() {
      return state.saveFailed
    },
    dispose: () => state.dispose(),
  }
}

function sameSummary(a: RecentBatchSummary, b: RecentBatchSummary): boolean {
  return (
    a.final === b.final &&
    a.groups.length === b.groups.length &&
    a.groups.every(
      (group, index) =>
        group.group === b.groups[index]?.group && group.count === b.groups[index].count,
    ) &&
    a.kinds.join() === b.kinds.join() &&
    a.models.join('\n') === b.models.join('\n')
  )
}

/** This app's batches in Recent, kept for config.json's `recentDays`. */
export const recentBatchesPart = appPart(
  'Recent batches',
  (scope) =>
    createRecentBatchStore(RECENT_BATCHES_STORAGE_KEY, {
      maxAgeDays: scope.get(configPart).recentDays,
    }),
  (store) => store.dispose(),
)

export function useRecentBatches(): readonly RecentBatch[] {
  const store = usePart(recentBatchesPart)
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
}
