// The jobs a support person asked to be told about ("Notify me"), kept in localStorage with Recent's
// rules: every entry checked on its own, the list capped, ended watches dropped a day after they
// ended. A watch is active until its job ends (or is not found, or keeps failing); then it stays as
// "ended" so the person can still see what happened, until dismissed.
import { useSyncExternalStore } from 'react'
import { usePart } from '../../components/app-scope.tsx'
import { appPart } from '../../lib/app-scope.ts'
import type { JobKind } from '../../lib/job-kinds.ts'
import {
  type KeyedList,
  type Removal,
  mergeKeyed,
  parseRemovals,
  changeStamp,
  removalsOf,
} from '../../lib/keyed-merge.ts'
import { isJobId } from '../../lib/job-id.ts'
import { type StoredState, createStoredState } from '../../lib/stored-state.ts'
import {
  ENDED_KEPT_MS,
  MAX_STATUS_CHARS,
  type NotifyOn,
  WATCH_LIMIT,
  WATCH_STORAGE_KEY,
  type WatchEndReason,
  type WatchEntry,
  type WatchRequest,
  capped,
  isActiveWatch,
  parseStoredWatches,
} from './watch-entries.ts'

export {
  ENDED_KEPT_MS,
  ENDED_LIMIT,
  type NotifyOn,
  WATCH_LIMIT,
  WATCH_STORAGE_KEY,
  type WatchEndReason,
  type WatchEntry,
  type WatchRequest,
  isActiveWatch,
  parseStoredWatches,
} from './watch-entries.ts'

export interface WatchOutcome {
  /** How many of the asked jobs are watched now (newly or already). */
  readonly watching: number
  /** How many could not be, because WATCH_LIMIT jobs are watched already. */
  readonly refused: number
}

export interface WatchListStore {
  getSnapshot: () => readonly WatchEntry[]
  get: (id: string) => WatchEntry | undefined
  subscribe: (listener: () => void) => () => void
  /** Starts watching (or restarts an ended watch); keeps the notify choice of a watch already on. */
  watch: (jobs: readonly WatchRequest[], options?: { notifyOn?: NotifyOn }) => WatchOutcome
  unwatch: (ids: readonly string[]) => void
  setNotifyOn: (id: string, notifyOn: NotifyOn) => void
  /** A newer status from polling; returns the entry as it was before, when it changed. */
  seen: (id: string, status: string, kind: JobKind | null) => WatchEntry | undefined
  /** Ends a watch once; returns false when it had already ended (or is not watched). */
  end: (id: string, reason: WatchEndReason, status: string | null, now?: number) => boolean
  clearEnded: () => void
  readonly saveFailed: boolean
  dispose: () => void
}

interface Snapshot extends KeyedList<WatchEntry> {
  readonly byId: ReadonlyMap<string, WatchEntry>
}

function snapshotOf(entries: readonly WatchEntry[], removed: readonly Removal[]): Snapshot {
  return { entries, removed, byId: new Map(entries.map((entry) => [entry.id, entry])) }
}

/** Newest on top (a batch watched at once keeps its order), then capped. */
function ordered(entries: readonly WatchEntry[]): WatchEntry[] {
  return capped(
    entries
      .map((entry, index) => ({ entry, index }))
      .sort((a, b) => b.entry.addedAt - a.entry.addedAt || a.index - b.index)
      .map(({ entry }) => entry),
  )
}

const WATCH_KEYS = {
  keyOf: (entry: WatchEntry) => entry.id,
  changedAt: (entry: WatchEntry) => entry.changedAt,
}

/** Two tabs' lists as one: each watch as it was changed last, a watch stopped in either stays so. */
function mergeWatches(mine: Snapshot, theirs: Snapshot): Snapshot {
  const merged = mergeKeyed(mine, theirs, { ...WATCH_KEYS, keepRemovalsMs: ENDED_KEPT_MS })
  return merged === mine ? mine : snapshotOf(ordered(merged.entries), merged.removed)
}

export function createWatchListStore(storageKey = WATCH_STORAGE_KEY): WatchListStore {
  const state: StoredState<Snapshot> = createStoredState({
    key: storageKey,
    parse: (stored) => snapshotOf(parseStoredWatches(stored), parseRemovals(stored)),
    serialize: ({ entries, removed }) => ({ version: 1, entries, removed }),
    merge: mergeWatches,
  })
  const commit = (entries: readonly WatchEntry[], removed: readonly Removal[] = []) =>
    state.set(snapshotOf(capped(entries), [...state.get().removed, ...removed]))
  const stamp = (id: string, lastChange: number | undefined, now?: number) =>
    changeStamp(state.get().removed, id, lastChange, now)
  const removals = (entries: readonly WatchEntry[]) => removalsOf(entries, WATCH_KEYS)
  const replace = (id: string, update: (entry: WatchEntry) => WatchEntry) =>
    commit(
      state
        .get()
        .entries.map((entry) =>
          entry.id === id ? { ...update(entry), changedAt: stamp(id, entry.changedAt) } : entry,
        ),
    )

  return {
    getSnapshot: () => state.get().entries,
    get: (id) => state.get().byId.get(id.toLowerCase()),
    subscribe: (listener) => state.subscribe(listener),
    watch(jobs, { notifyOn = 'end' } = {}) {
      const { entries, byId } = state.get()
      let active = entries.filter(isActiveWatch).length
      let watching = 0
      let refused = 0
      const added: WatchEntry[] = []
      const restarted = new Map<string, WatchEntry>()
      const now = Date.now()
      for (const job of jobs) {
        if (!isJobId(job.id)) continue
        const id = job.id.toLowerCase()
        const existing = byId.get(id)
        if (existing && isActiveWatch(existing)) {
          watching += 1
          continue
        }
        if (active >= WATCH_LIMIT) {
          refused += 1
          continue
        }
        active += 1
        watching += 1
        const entry: WatchEntry = {
          id,
          kind: job.kind ?? existing?.kind ?? null,
          notifyOn,
          addedAt: now,
          status: job.status?.slice(0, MAX_STATUS_CHARS) ?? existing?.status ?? null,
          endedAt: null,
          endReason: null,
          changedAt: stamp(id, existing?.changedAt, now),
        }
        if (existing) restarted.set(id, entry)
        else added.push(entry)
      }
      if (added.length > 0 || restarted.size > 0) {
        // Newest on top, a batch in the order it was pasted.
        commit([
          ...added,
          ...restarted.values(),
          ...entries.filter((entry) => !restarted.has(entry.id)),
        ])
      }
      return { watching, refused }
    },
    unwatch(ids) {
      const gone = new Set(ids.map((id) => id.toLowerCase()))
      const { entries } = state.get()
      const removed = entries.filter((entry) => gone.has(entry.id))
      if (removed.length > 0) {
        commit(
          entries.filter((entry) => !gone.has(entry.id)),
          removals(removed),
        )
      }
    },
    setNotifyOn(id, notifyOn) {
      replace(id.toLowerCase(), (entry) => ({ ...entry, notifyOn }))
    },
    seen(id, status, kind) {
      const before = state.get().byId.get(id)
      if (before === undefined || !isActiveWatch(before)) return undefined
      const clipped = status.slice(0, MAX_STATUS_CHARS)
      if (before.status === clipped && (kind === null || before.kind === kind)) return undefined
      replace(id, (entry) => ({ ...entry, status: clipped, kind: kind ?? entry.kind }))
      return before
    },
    end(id, reason, status, now = Date.now()) {
      const before = state.get().byId.get(id)
      if (before === undefined || !isActiveWatch(before)) return false
      replace(id, (entry) => ({
        ...entry,
        status: status?.slice(0, MAX_STATUS_CHARS) ?? entry.status,
        endedAt: now,
        endReason: reason,
      }))
      return true
    },
    clearEnded() {
      const { entries } = state.get()
      const ended = entries.filter((entry) => !isActiveWatch(entry))
      if (ended.length > 0) commit(entries.filter(isActiveWatch), removals(ended))
    },
    get saveFailed() {
      return state.saveFailed
    },
    dispose: () => state.dispose(),
  }
}

/** This app's watch list. */
export const watchListPart = appPart(
  'watch list',
  () => createWatchListStore(),
  (store) => store.dispose(),
)

export function useWatchList(): readonly WatchEntry[] {
  const store = usePart(watchListPart)
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
}

/** One job's watch, re-rendering only when that entry changes (a batch has a toggle per row). */
export function useWatchEntry(id: string): WatchEntry | undefined {
  const store = usePart(watchListPart)
  const get = () => store.get(id)
  return useSyncExternalStore(store.subscribe, get, get)
}

/** Whether the last write to storage was refused, for a note beside the list. */
export function useWatchSaveFailed(): boolean {
  const store = usePart(watchListPart)
  const get = () => store.saveFailed
  return useSyncExternalStore(store.subscribe, get, get)
}

/** Whether anything is watched (the header loads the watch list's menu and polling only then). */
export function useAnythingWatched(): boolean {
  const store = usePart(watchListPart)
  const anything = () => store.getSnapshot().length > 0
  return useSyncExternalStore(store.subscribe, anything, anything)
}
