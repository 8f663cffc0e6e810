// A batch in Recent as storage keeps it: its shape, how a stored list is read back (every entry
// checked on its own, the newest kept, pinned ones never dropped, none older than `recentDays`), and
// what an entry may hold. The store itself is recent-batches.ts.
import * as z from 'zod/mini'
import type { RejectedTokens } from '../batch/public.ts'
import { isJobId } from '../../lib/job-id.ts'
import { JOB_KINDS, isEncodedKinds } from '../../lib/job-kinds.ts'
import { DAY_MS } from '../../lib/time.ts'
import type { RecentBatchSummary } from './recent-batch-entry.ts'

/** Batches kept (pinned ones on top of this). */
export const RECENT_BATCH_LIMIT = 20
/** Ids kept per batch: enough to reopen any batch the page takes in practice, ~37 KB at most. */
export const BATCH_IDS_KEPT = 1_000
export const MAX_GROUPS = 12
export const MAX_MODELS = 10
export const MAX_TEXT_CHARS = 200
/** Invalid tokens kept per batch (the rest is a count), and the longest kept. */
const REJECTED_TOKENS_KEPT = 50
const MAX_TOKEN_CHARS = 100

export interface RecentBatch extends RecentBatchSummary {
  /** Made from the ids, so looking up the same list again updates the same entry. */
  readonly key: string
  readonly ids: readonly string[]
  /** How many ids the batch had (more than `ids` holds past BATCH_IDS_KEPT). */
  readonly total: number
  /** `?list=` token of a batch too long for a link, valid in the tab that made it. */
  readonly listToken: string | null
  readonly lookedUpAt: number
  readonly pinned: boolean
  /** Each kept id's kind as found, compact (lib/job-kinds.ts encodeKinds): reopening asks only it. */
  readonly idKinds: string
  /** When the entry last changed, in any tab: two tabs' lists merge entry by entry on it. */
  readonly changedAt: number
  /** The tokens pasted with the ids that are not ids, as pasted: reopening the batch lists them. */
  readonly rejected?: RejectedTokens
}

const text = z.string().check(z.maxLength(MAX_TEXT_CHARS))
const count = z.number().check(z.int(), z.nonnegative())
const batchSchema = z.object({
  key: z.string().check(z.maxLength(40)),
  ids: z.array(z.string().check(z.refine(isJobId))).check(z.minLength(1)),
  total: count,
  listToken: z.nullable(z.string().check(z.regex(/^[a-z0-9]{1,16}$/))),
  lookedUpAt: z.number().check(z.refine(Number.isFinite)),
  pinned: z.boolean(),
  final: count,
  groups: z.array(z.object({ group: text, count })),
  kinds: z.array(z.enum(JOB_KINDS)),
  models: z.array(text),
  // Entries written before these existed have neither: no kinds known, changed when looked up.
  idKinds: z.optional(z.string().check(z.maxLength(BATCH_IDS_KEPT), z.refine(isEncodedKinds))),
  changedAt: z.optional(z.number().check(z.refine(Number.isFinite))),
  rejected: z.optional(
    z.object({
      // what a paste's analysis makes (letters, digits, hyphens): they go into the batch's link
      tokens: z
        .array(z.string().check(z.regex(/^[0-9a-z-]+$/i), z.maxLength(MAX_TOKEN_CHARS)))
        .check(z.maxLength(REJECTED_TOKENS_KEPT)),
      total: count,
    }),
  ),
})

export interface BatchAgeLimit {
  /** Entries looked up longer ago than this are dropped, pinned or not. */
  readonly maxAgeDays?: number
  readonly now?: number
}

export function isRecentEnough(
  batch: Pick<RecentBatch, 'lookedUpAt'>,
  { maxAgeDays, now = Date.now() }: BatchAgeLimit,
) {
  return maxAgeDays === undefined || batch.lookedUpAt >= now - maxAgeDays * DAY_MS
}

export function parseStoredBatches(stored: unknown, ageLimit: BatchAgeLimit = {}): RecentBatch[] {
  if (typeof stored !== 'object' || stored === null || !('entries' in stored)) return []
  const { entries } = stored
  if (!Array.isArray(entries)) return []
  const seen = new Set<string>()
  const result: RecentBatch[] = []
  for (const candidate of entries as unknown[]) {
    const parsed = batchSchema.safeParse(candidate)
    if (!parsed.success) continue
    const batch = parsed.data
    if (seen.has(batch.key) || !isRecentEnough(batch, ageLimit)) continue
    seen.add(batch.key)
    const { rejected, ...fields } = batch
    result.push({
      ...fields,
      ...(rejected === undefined ? {} : { rejected: keptRejected(rejected) }),
      idKinds: batch.idKinds ?? '',
      changedAt: batch.changedAt ?? batch.lookedUpAt,
      ids: batch.ids.slice(0, BATCH_IDS_KEPT).map((id) => id.toLowerCase()),
      total: Math.max(batch.total, batch.ids.length),
      groups: batch.groups.slice(0, MAX_GROUPS),
      models: batch.models.slice(0, MAX_MODELS),
    })
  }
  return trim(result)
}

/** The tokens an entry keeps: the first few, none too long, and how many there were. */
export function keptRejected({ tokens, total }: RejectedTokens): RejectedTokens {
  const kept = tokens.filter((token) => token.length <= MAX_TOKEN_CHARS)
  return {
    tokens: kept.slice(0, REJECTED_TOKENS_KEPT),
    total: Math.max(total, tokens.length),
  }
}

function sortBatches(entries: RecentBatch[]): RecentBatch[] {
  return entries.sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.lookedUpAt - a.lookedUpAt)
}

export function trim(entries: RecentBatch[]): RecentBatch[] {
  const sorted = sortBatches(entries)
  const pinned = sorted.filter((entry) => entry.pinned)
  const unpinned = sorted.filter((entry) => !entry.pinned)
  return [...pinned, ...unpinned.slice(0, Math.max(0, RECENT_BATCH_LIMIT - pinned.length))]
}
