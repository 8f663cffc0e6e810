// What this browser saw of each job: every status it observed, with the time it was first seen, kept
// in localStorage (bounded per job and in all) so reopening a job shows what was seen before. One
// recorder (status-timeline-recorder.ts) feeds it from the React Query cache. It is not the API's own
// history: a status that came and went between two checks is never seen.
import { useSyncExternalStore } from 'react'
import * as z from 'zod/mini'
import { isJobId } from '../../lib/job-id.ts'
import { wentBack } from '../../jobs/job-status.ts'
import { type StoredState, createStoredState } from '../../lib/stored-state.ts'
import { usePart } from '../../components/app-scope.tsx'
import { appPart } from '../../lib/app-scope.ts'
import { recentLookupsPart } from '../recent/public.ts'
import { watchListPart } from '../watch/public.ts'

export const TIMELINE_STORAGE_KEY = 'jobscope.timeline.v1'
/** Jobs whose timeline is kept; past this the least recently changed go first (Recent's and watched
 * jobs last). */
export const TIMELINE_JOB_LIMIT = 300
/** Observations kept per job: the first one and the latest ones (a job flapping between statuses). */
export const TIMELINE_OBSERVATION_LIMIT = 30
const MAX_STATUS_CHARS = 100

export interface StatusObservation {
  readonly status: string
  /** When this browser first saw it (ms since epoch, this browser's clock). */
  readonly at: number
}

export interface StatusTimeline {
  readonly id: string
  /** In the order seen; times may go backwards if the clock was changed. */
  readonly seen: readonly StatusObservation[]
  /** Observations left out between the first and the kept ones. */
  readonly dropped: number
}

const observationSchema = z.object({
  status: z.string().check(z.maxLength(MAX_STATUS_CHARS)),
  at: z.number().check(z.refine(Number.isFinite)),
})
const timelineSchema = z.object({
  id: z.string().check(z.refine(isJobId)),
  seen: z.array(z.unknown()),
  dropped: z.number().check(z.int(), z.nonnegative()),
})

/** Storage holds the least recently changed first; a bad job or observation loses only itself. */
export function parseStoredTimelines(stored: unknown): Map<string, StatusTimeline> {
  const result = new Map<string, StatusTimeline>()
  if (typeof stored !== 'object' || stored === null || !('jobs' in stored)) return result
  const { jobs } = stored
  if (!Array.isArray(jobs)) return result
  for (const candidate of jobs as unknown[]) {
    const parsed = timelineSchema.safeParse(candidate)
    if (!parsed.success) continue
    const seen = parsed.data.seen.flatMap((item) => {
      const observation = observationSchema.safeParse(item)
      return observation.success ? [observation.data] : []
    })
    if (seen.length === 0) continue
    const id = parsed.data.id.toLowerCase()
    result.delete(id)
    result.set(id, bounded({ id, seen, dropped: parsed.data.dropped }))
  }
  while (result.size > TIMELINE_JOB_LIMIT) {
    const oldest = result.keys().next().value
    if (oldest === undefined) break
    result.delete(oldest)
  }
  return result
}

function bounded(timeline: StatusTimeline): StatusTimeline {
  const { seen } = timeline
  if (seen.length <= TIMELINE_OBSERVATION_LIMIT) return timeline
  const first = seen.slice(0, 1)
  const latest = seen.slice(-(TIMELINE_OBSERVATION_LIMIT - 1))
  return {
    ...timeline,
    seen: [...first, ...latest],
    dropped: timeline.dropped + seen.length - TIMELINE_OBSERVATION_LIMIT,
  }
}

const sameObservation = (a: StatusObservation | undefined, b: StatusObservation | undefined) =>
  a !== undefined && b !== undefined && a.status === b.status && a.at === b.at

function isPrefix(short: readonly StatusObservation[], long: readonly StatusObservation[]) {
  return (
    short.length <= long.length && short.every((item, index) => sameObservation(item, long[index]))
  )
}

/**
 * One job's timeline as two tabs saw it: the longer when one saw what the other did and more (the
 * usual case), else every observation of both in time order, a repeated status kept once.
 */
export function mergeTimeline(mine: StatusTimeline, theirs: StatusTimeline): StatusTimeline {
  if (isPrefix(theirs.seen, mine.seen) && theirs.dropped <= mine.dropped) return mine
  if (isPrefix(mine.seen, theirs.seen) && mine.dropped <= theirs.dropped) return theirs
  const all = [
    ...mine.seen,
    ...theirs.seen.filter((item) => !mine.seen.some((own) => sameObservation(own, item))),
  ]
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.at - b.item.at || a.index - b.index)
    .map(({ item }) => item)
  const seen = all.filter((item, index) => item.status !== all[index - 1]?.status)
  return bounded({ id: mine.id, seen, dropped: Math.max(mine.dropped, theirs.dropped) })
}

export interface StatusTimelineStore {
  get: (id: string) => StatusTimeline | undefined
  subscribe: (listener: () => void) => () => void
  /** Adds an observation unless it repeats the last status; returns whether it was news. */
  observe: (id: string, status: string, at: number) => boolean
  dispose: () => void
}

interface TimelineState {
  readonly jobs: Map<string, StatusTimeline>
}

/**
 * `isKept` marks jobs whose timeline is worth more (in Recent or watched): when the store is full,
 * the others go first.
 */
export function createStatusTimelineStore(
  storageKey = TIMELINE_STORAGE_KEY,
  isKept: () => (id: string) => boolean = () => () => false,
): StatusTimelineStore {
  const evict = (jobs: Map<string, StatusTimeline>) => {
    if (jobs.size <= TIMELINE_JOB_LIMIT) return
    const kept = isKept()
    for (const pass of [false, true]) {
      for (const id of jobs.keys()) {
        if (jobs.size <= TIMELINE_JOB_LIMIT) return
        if (pass || !kept(id)) jobs.delete(id)
      }
    }
  }

  /** Two tabs' timelines as one: each job's merged; a job only one tab kept stays. */
  const mergeStates = (mine: TimelineState, theirs: TimelineState): TimelineState => {
    const jobs = new Map(mine.jobs)
    let changed = false
    for (const [id, other] of theirs.jobs) {
      const own = jobs.get(id)
      const merged = own === undefined ? other : mergeTimeline(own, other)
      if (merged === own) continue
      // Re-inserted, so the Map's order stays "least recently changed first".
      jobs.delete(id)
      jobs.set(id, merged)
      changed = true
    }
    if (!changed) return mine
    evict(jobs)
    return { jobs }
  }

  const state: StoredState<TimelineState> = createStoredState({
    key: storageKey,
    parse: (stored) => ({ jobs: parseStoredTimelines(stored) }),
    serialize: ({ jobs }) => ({ version: 1, jobs: [...jobs.values()] }),
    // Batches change many rows at once; one write a second is plenty.
    writeDelayMs: 1_000,
    merge: mergeStates,
  })

  return {
    get: (id) => state.get().jobs.get(id.toLowerCase()),
    subscribe: (listener) => state.subscribe(listener),
    observe(rawId, rawStatus, at) {
      const id = rawId.toLowerCase()
      const status = rawStatus.slice(0, MAX_STATUS_CHARS)
      if (!isJobId(id) || !Number.isFinite(at)) return false
      const { jobs } = state.get()
      const current = jobs.get(id)
      if (current?.seen.at(-1)?.status === status) return false
      const next = bounded({
        id,
        seen: [...(current?.seen ?? []), { status, at }],
        dropped: current?.dropped ?? 0,
      })
      // A new map (the merge compares with what was), re-inserted so its order stays "least
      // recently changed first".
      const nextJobs = new Map(jobs)
      nextJobs.delete(id)
      nextJobs.set(id, next)
      evict(nextJobs)
      state.set({ jobs: nextJobs })
      return true
    },
    dispose: () => state.dispose(),
  }
}

/** This app's timelines: when full, jobs in Recent or watched are the last to go. */
export const timelinesPart = appPart(
  'status timelines',
  (scope) =>
    createStatusTimelineStore(TIMELINE_STORAGE_KEY, () => {
      const ids = new Set([
        ...scope
          .get(recentLookupsPart)
          .getSnapshot()
          .map((entry) => entry.id),
        ...scope
          .get(watchListPart)
          .getSnapshot()
          .map((entry) => entry.id),
      ])
      return (id) => ids.has(id)
    }),
  (store) => store.dispose(),
)

export function useStatusTimeline(id: string): StatusTimeline | undefined {
  const store = usePart(timelinesPart)
  const get = () => store.get(id)
  return useSyncExternalStore(store.subscribe, get, get)
}

export interface TimelineRow {
  readonly status: string
  readonly at: number
  /** Since the previous row; null for the first, negative when the clock was set back. */
  readonly gapMs: number | null
  /** The API reported an earlier stage than the row before (jobs/job-status.ts wentBack). */
  readonly wentBack: boolean
}

export function timelineRows(timeline: StatusTimeline | undefined): TimelineRow[] {
  if (timeline === undefined) return []
  return timeline.seen.map((observation, index) => {
    const previous = timeline.seen[index - 1]
    return {
      ...observation,
      gapMs: previous === undefined ? null : observation.at - previous.at,
      wentBack: previous !== undefined && wentBack(previous.status, observation.status),
    }
  })
}
