// A watch, and how it is kept in storage: the entry, its schema, and what is read back (each entry on
// its own, ended ones forgotten after a day, the list capped). The store is watch-list.ts.
import * as z from 'zod/mini'
import { isJobId } from '../../lib/job-id.ts'
import { JOB_KINDS, type JobKind } from '../../lib/job-kinds.ts'

export const WATCH_STORAGE_KEY = 'jobscope.watch.v1'
/** Most jobs watched at once: each one is polled, through the app's one request limiter. */
export const WATCH_LIMIT = 200
/** Ended watches kept for the "Ended" list (newest first). */
export const ENDED_LIMIT = 50
/** Ended watches are forgotten on load once they ended longer ago than this. */
export const ENDED_KEPT_MS = 24 * 60 * 60_000
export const MAX_STATUS_CHARS = 100

/** `end`: tell when the job ends. `change`: tell on every status change too. */
export type NotifyOn = 'end' | 'change'
/** Why a watch ended: the job reached a final status, was not found, or its lookups kept failing. */
export type WatchEndReason = 'final' | 'not-found' | 'failing' | 'unauthorized'

export interface WatchEntry {
  readonly id: string
  readonly kind: JobKind | null
  readonly notifyOn: NotifyOn
  readonly addedAt: number
  /** The last status seen, null before the first answer. */
  readonly status: string | null
  readonly endedAt: number | null
  readonly endReason: WatchEndReason | null
  /** When the entry last changed, in any tab: two tabs' lists merge entry by entry on it. */
  readonly changedAt: number
}

export interface WatchRequest {
  readonly id: string
  readonly kind?: JobKind | null | undefined
  readonly status?: string | null | undefined
}

const END_REASONS = ['final', 'not-found', 'failing', 'unauthorized'] as const

const entrySchema = z.object({
  id: z.string().check(z.refine(isJobId)),
  kind: z.nullable(z.enum(JOB_KINDS)),
  notifyOn: z.enum(['end', 'change']),
  addedAt: z.number().check(z.refine(Number.isFinite)),
  status: z.nullable(z.string().check(z.maxLength(MAX_STATUS_CHARS))),
  endedAt: z.nullable(z.number().check(z.refine(Number.isFinite))),
  endReason: z.nullable(z.enum(END_REASONS)),
  // Lists written before tabs merged them have none: the entry changed when it was added or ended.
  changedAt: z.optional(z.number().check(z.refine(Number.isFinite))),
})

export function isActiveWatch(entry: WatchEntry): boolean {
  return entry.endedAt === null
}

/** Reads what storage holds; a bad entry loses only itself. `now` decides which ended ones are old. */
export function parseStoredWatches(stored: unknown, now = Date.now()): WatchEntry[] {
  if (typeof stored !== 'object' || stored === null || !('entries' in stored)) return []
  const { entries } = stored
  if (!Array.isArray(entries)) return []
  const seen = new Set<string>()
  const result: WatchEntry[] = []
  for (const candidate of entries as unknown[]) {
    const parsed = entrySchema.safeParse(candidate)
    if (!parsed.success) continue
    const { changedAt, ...fields } = parsed.data
    const entry = {
      ...fields,
      id: fields.id.toLowerCase(),
      changedAt: changedAt ?? Math.max(fields.addedAt, fields.endedAt ?? 0),
    }
    if (seen.has(entry.id)) continue
    // A half-ended entry (one field without the other) is read as still active: polling tells.
    const ended =
      entry.endedAt !== null && entry.endReason !== null
        ? entry
        : { ...entry, endedAt: null, endReason: null }
    // Ended a day ago: the person was told then. (A clock set back keeps it; that loses nothing.)
    if (ended.endedAt !== null && now - ended.endedAt > ENDED_KEPT_MS) continue
    seen.add(entry.id)
    result.push(ended)
  }
  return capped(result)
}

/** At most WATCH_LIMIT active and ENDED_LIMIT ended entries, in the order given (newest first). */
export function capped(entries: readonly WatchEntry[]): WatchEntry[] {
  let active = 0
  let ended = 0
  return entries.filter((entry) =>
    isActiveWatch(entry) ? ++active <= WATCH_LIMIT : ++ended <= ENDED_LIMIT,
  )
}
