// Recent's entry for a batch, the light part: the key that makes looking up the same list again update
// the same entry, what the entry says of the batch's rows ("Batch of 30 · 28 final", counts per
// status, the kinds and models seen), and the batch list itself, loaded on demand (the first screens
// that record into Recent do not need its code).
import { KNOWN_JOB_STATUSES, NOT_FOUND_LABEL, isTerminalStatus } from '../../jobs/job-status.ts'
import type { JobKind } from '../../lib/job-kinds.ts'
import { lazyAppPart } from '../../components/app-scope.tsx'
import type { SeenJob } from './recent-lookups.ts'

export interface BatchGroupCount {
  /** A status word, or "not found". */
  readonly group: string
  readonly count: number
}

/** What the batch's rows showed when last seen. */
export interface RecentBatchSummary {
  readonly final: number
  readonly groups: readonly BatchGroupCount[]
  readonly kinds: readonly JobKind[]
  readonly models: readonly string[]
}

/** A short, stable key for a list of ids (FNV-1a; the count makes collisions rarer still). */
export function batchKey(ids: readonly string[]): string {
  let hash = 0x811c9dc5
  for (const char of ids.join(',').toLowerCase()) {
    hash ^= char.charCodeAt(0)
    hash = Math.imul(hash, 0x01000193)
  }
  return `${ids.length}-${(hash >>> 0).toString(36)}`
}

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

/** Recent's batch list; the batch page loads it with its own code. */
export const lazyRecentBatches = lazyAppPart(() =>
  import('./recent-batches.ts').then((module) => module.recentBatchesPart),
)
