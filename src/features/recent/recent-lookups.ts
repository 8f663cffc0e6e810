// Jobs looked up in this browser (the last 50, pinned ones kept), with their last seen status, so a
// colleague's "what was that job from this morning?" has an answer. Stored in localStorage; anything
// unreadable there is dropped, never fatal. Job ids point at customers' prompts and images, so an
// entry is kept for a limited number of days (config.json's `recentDays`), pinned or not.
import { useSyncExternalStore } from 'react'
import * as z from 'zod/mini'
import { usePart } from '../../components/app-scope.tsx'
import { DEFAULT_RECENT_DAYS, configPart } from '../../config/runtime-config.ts'
import { appPart } from '../../lib/app-scope.ts'
import { isJobId } from '../../lib/job-id.ts'
import { JOB_KINDS, type JobKind } from '../../lib/job-kinds.ts'
import { classifyResultUrl } from '../../lib/result-url.ts'
import { DAY_MS } from '../../lib/time.ts'
import {
  type KeyedList,
  type Removal,
  mergeKeyed,
  parseRemovals,
  changeStamp,
  removalsOf,
} from '../../lib/keyed-merge.ts'
import { type StoredState, createStoredState } from '../../lib/stored-state.ts'

export const RECENT_STORAGE_KEY = 'jobscope.recent.v1'
export const RECENT_LIMIT = 50

export interface RecentLookup {
  readonly id: string
  /** Which endpoint answered, so reopening asks only it; null until one has (or when none did). */
  readonly kind: JobKind | null
  readonly status: string | null
  readonly model: string | null
  /** When the person looked it up (ms since epoch). */
  readonly lookedUpAt: number
  readonly thumbnailUrl: string | null
  readonly pinned: boolean
  /** When the entry last changed, in any tab: two tabs' lists merge entry by entry on it. */
  readonly changedAt: number
}

const MAX_STATUS_CHARS = 100
const MAX_MODEL_CHARS = 200

const entrySchema = z.object({
  id: z.string().check(z.refine(isJobId)),
  // Entries stored before chat and speech jobs existed have no kind: they were image lookups.
  kind: z.optional(z.nullable(z.enum(JOB_KINDS))),
  status: z.nullable(z.string().check(z.maxLength(MAX_STATUS_CHARS))),
  model: z.nullable(z.string().check(z.maxLength(MAX_MODEL_CHARS))),
  lookedUpAt: z.number().check(z.refine(Number.isFinite)),
  thumbnailUrl: z.nullable(z.string()),
  pinned: z.boolean(),
  // Lists written before tabs merged them have none: the entry changed when it was looked up.
  changedAt: z.optional(z.number().check(z.refine(Number.isFinite))),
})

export interface RecentAgeLimit {
  /** Entries looked up more than this many days before `now` are dropped; no limit when absent. */
  readonly maxAgeDays?: number
  readonly now?: number
}

/** Whether an entry is still within the age limit. */
function isRecentEnough(entry: RecentLookup, { maxAgeDays, now = Date.now() }: RecentAgeLimit) {
  return maxAgeDays === undefined || entry.lookedUpAt >= now - maxAgeDays * DAY_MS
}

/** Reads what storage holds; every entry is checked on its own so one bad entry loses only itself. */
export function parseStoredRecent(stored: unknown, ageLimit: RecentAgeLimit = {}): RecentLookup[] {
  if (typeof stored !== 'object' || stored === null || !('entries' in stored)) return []
  const { entries } = stored
  if (!Array.isArray(entries)) return []
  const seen = new Set<string>()
  const result: RecentLookup[] = []
  for (const candidate of entries as unknown[]) {
    const parsed = entrySchema.safeParse(candidate)
    if (!parsed.success) continue
    const entry = parsed.data
    const id = entry.id.toLowerCase()
    if (seen.has(id)) continue
    seen.add(id)
    const thumbnail = entry.thumbnailUrl === null ? null : classifyResultUrl(entry.thumbnailUrl)
    const lookup = {
      ...entry,
      id,
      kind: entry.kind === undefined ? 'images' : entry.kind,
      thumbnailUrl: thumbnail?.safe ? thumbnail.href : null,
      changedAt: entry.changedAt ?? entry.lookedUpAt,
    }
    if (isRecentEnough(lookup, ageLimit)) result.push(lookup)
  }
  return sortRecent(result).slice(
    0,
    Math.max(RECENT_LIMIT, result.filter((entry) => entry.pinned).length),
  )
}

/** Pinned first, then most recently looked up. */
function sortRecent(entries: RecentLookup[]): RecentLookup[] {
  return entries.sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.lookedUpAt - a.lookedUpAt)
}

/** Keeps every pinned entry and the newest unpinned ones up to the limit. */
function trim(entries: RecentLookup[]): RecentLookup[] {
  const sorted = sortRecent(entries)
  const pinned = sorted.filter((entry) => entry.pinned)
  const unpinned = sorted.filter((entry) => !entry.pinned)
  return [...pinned, ...unpinned.slice(0, Math.max(0, RECENT_LIMIT - pinned.length))]
}

export interface SeenJob {
  readonly id: string
  readonly kind: JobKind | null
  readonly status: string | null
  readonly model: string | null
  readonly thumbnailUrl: string | null
}

export interface RecentLookupStore {
  getSnapshot: () => readonly RecentLookup[]
  subscribe: (listener: () => void) => () => void
  /**
   * `fresh`: the person just looked these up (they move to the top, stamped now). Otherwise newer
   * facts from polling, which keep the time they were looked up.
   */
  record: (jobs: readonly SeenJob[], options: { fresh: boolean }, now?: number) => void
  setPinned: (id: string, pinned: boolean) => void
  remove: (id: string) => void
  clear: () => void
  /** Puts back entries (the undo of clear). */
  restore: (saved: readonly RecentLookup[]) => void
  dispose: () => void
}

/** How long a removal is remembered, so a tab that has not heard of it yet does not bring it back. */
const REMOVALS_KEPT_MS = DAY_MS

type RecentState = KeyedList<RecentLookup>

const LOOKUP_KEYS = {
  keyOf: (entry: RecentLookup) => entry.id,
  changedAt: (entry: RecentLookup) => entry.changedAt,
}

/** Two tabs' lists as one: each entry as it was changed last, one removed in either stays so. */
function mergeRecentLists(mine: RecentState, theirs: RecentState): RecentState {
  const merged = mergeKeyed(mine, theirs, { ...LOOKUP_KEYS, keepRemovalsMs: REMOVALS_KEPT_MS })
  return merged === mine ? mine : { ...merged, entries: trim([...merged.entries]) }
}

/** The same facts: nothing for the person to see, nothing to write. */
function sameFacts(a: RecentLookup, b: RecentLookup): boolean {
  return (Object.keys(a) as Array<keyof RecentLookup>).every(
    (key) => key === 'changedAt' || a[key] === b[key],
  )
}

export function createRecentLookupStore(
  storageKey = RECENT_STORAGE_KEY,
  { maxAgeDays = DEFAULT_RECENT_DAYS }: { maxAgeDays?: number } = {},
): RecentLookupStore {
  // Writes are gathered (250 ms) so a batch of hundreds of rows costs one write, not hundreds.
  const state: StoredState<RecentState> = createStoredState<RecentState>({
    key: storageKey,
    parse: (stored) => ({
      entries: parseStoredRecent(stored, { maxAgeDays }),
      removed: parseRemovals(stored),
    }),
    serialize: ({ entries, removed }) => ({ version: 1, entries, removed }),
    merge: mergeRecentLists,
  })
  const entries = () => state.get().entries

  const commit = (next: RecentLookup[], removed: readonly Removal[] = [], now = Date.now()) =>
    state.set({
      entries: trim(next.filter((entry) => isRecentEnough(entry, { maxAgeDays, now }))),
      removed: [...state.get().removed, ...removed],
    })

  const stamp = (id: string, lastChange: number | undefined, now?: number) =>
    changeStamp(state.get().removed, id, lastChange, now)

  /** An entry with `changes`; a new object (stamped now) only when something changed. */
  const changed = (entry: RecentLookup, changes: Partial<RecentLookup>, now = Date.now()) => {
    const next = { ...entry, ...changes }
    return sameFacts(next, entry)
      ? entry
      : { ...next, changedAt: stamp(entry.id, entry.changedAt, now) }
  }

  const withSeen = (jobs: readonly SeenJob[], now: number, fresh: boolean): RecentLookup[] => {
    const byId = new Map(entries().map((entry) => [entry.id, entry]))
    // Later jobs in the list count as looked up later, so a pasted batch keeps its order.
    jobs.forEach((job, index) => {
      if (!isJobId(job.id)) return
      const id = job.id.toLowerCase()
      const existing = byId.get(id)
      // Polling news about a job no longer in the list (removed, or pushed out) does not bring it back.
      if (!fresh && existing === undefined) return
      const facts = {
        id,
        kind: job.kind ?? existing?.kind ?? null,
        // Clipped to what parseStoredRecent accepts, so a huge unknown status survives a reload.
        status: (job.status ?? existing?.status ?? null)?.slice(0, MAX_STATUS_CHARS) ?? null,
        model: (job.model ?? existing?.model ?? null)?.slice(0, MAX_MODEL_CHARS) ?? null,
        thumbnailUrl: job.thumbnailUrl ?? existing?.thumbnailUrl ?? null,
        lookedUpAt:
          fresh || existing === undefined ? now - jobs.length + index + 1 : existing.lookedUpAt,
        pinned: existing?.pinned ?? false,
      }
      byId.set(
        id,
        existing
          ? changed(existing, facts, now)
          : { ...facts, changedAt: stamp(id, undefined, now) },
      )
    })
    return [...byId.values()]
  }

  return {
    getSnapshot: entries,
    subscribe: state.subscribe,
    record(jobs, { fresh }, now = Date.now()) {
      if (jobs.length === 0) return
      const next = withSeen(jobs, now, fresh)
      // Polls repeat what is already known; only news is worth a re-render and a write.
      if (!fresh && next.every((entry) => entries().includes(entry))) return
      commit(next, [], now)
    },
    setPinned(id, pinned) {
      commit(entries().map((entry) => (entry.id === id ? changed(entry, { pinned }) : entry)))
    },
    remove(id) {
      commit(
        entries().filter((entry) => entry.id !== id),
        removalsOf(
          entries().filter((entry) => entry.id === id),
          LOOKUP_KEYS,
        ),
      )
    },
    clear() {
      commit([], removalsOf(entries(), LOOKUP_KEYS))
    },
    restore(saved) {
      const present = new Set(entries().map((entry) => entry.id))
      commit([
        ...entries(),
        ...saved
          .filter((entry) => !present.has(entry.id))
          .map((entry) => ({ ...entry, changedAt: stamp(entry.id, entry.changedAt) })),
      ])
    },
    dispose: state.dispose,
  }
}

/** This app's Recent lookups, kept for config.json's `recentDays`. */
export const recentLookupsPart = appPart(
  'Recent lookups',
  (scope) =>
    createRecentLookupStore(RECENT_STORAGE_KEY, { maxAgeDays: scope.get(configPart).recentDays }),
  (store) => store.dispose(),
)

export function useRecentLookups(): readonly RecentLookup[] {
  const store = usePart(recentLookupsPart)
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
}
