// The batch table's model: one row per id, grouped for the status counts, sorted by any column.
// Pure functions of query results, so they are unit-tested without React.
import { isApiError } from '../../api/api-error.ts'
import type { Job } from '../../api/job.ts'
import { type QueryLike, lastProblem } from '../../jobs/job-query.ts'
import { KNOWN_JOB_STATUSES, NOT_FOUND_LABEL, isTerminalStatus } from '../../jobs/job-status.ts'
import { jobDurationMs } from '../../kinds/job-summary.ts'
import { kindEntry, kindLabel } from '../../kinds/registry.tsx'
import type { JobTime } from '../../lib/time.ts'

/** Row groups that are not API status words: lowercase, so they never collide with one. */
export const NOT_FOUND_GROUP = NOT_FOUND_LABEL
export const ERROR_GROUP = 'error'
export const WAITING_GROUP = 'waiting'

export interface BatchRow {
  readonly id: string
  /** Last good answer, kept when a later poll fails. */
  readonly job: Job | undefined
  /** The latest failure (or the reason of a retry under way). */
  readonly error: Error | null
  /** A status word, or NOT_FOUND_GROUP / ERROR_GROUP / WAITING_GROUP. */
  readonly group: string
  /** No more changes expected without a Refresh. */
  readonly final: boolean
}

export function toBatchRow(id: string, query: QueryLike): BatchRow {
  const job = query.data?.job
  const error = lastProblem(query)
  if (job) return { id, job, error, group: job.status, final: isTerminalStatus(job.status) }
  if (isApiError(error) && error.kind === 'not-found') {
    return { id, job, error, group: NOT_FOUND_GROUP, final: true }
  }
  if (query.error) {
    const stopped = isApiError(error) && error.kind === 'unauthorized'
    return { id, job, error, group: ERROR_GROUP, final: stopped }
  }
  return { id, job, error, group: WAITING_GROUP, final: false }
}

const GROUP_ORDER: readonly string[] = [
  ...KNOWN_JOB_STATUSES,
  NOT_FOUND_GROUP,
  ERROR_GROUP,
  WAITING_GROUP,
]

function groupRank(group: string): number {
  const index = GROUP_ORDER.indexOf(group)
  // Unknown API statuses sort after the known ones, before our own groups.
  return index === -1 ? KNOWN_JOB_STATUSES.length - 0.5 : index
}

export interface GroupCount {
  readonly group: string
  readonly count: number
}

/** Counts per group, in the order a job moves (known statuses), then unknown words, then our groups. */
export function countGroups(rows: readonly BatchRow[]): GroupCount[] {
  const counts = new Map<string, number>()
  for (const row of rows) counts.set(row.group, (counts.get(row.group) ?? 0) + 1)
  return [...counts]
    .map(([group, count]) => ({ group, count }))
    .sort((a, b) => groupRank(a.group) - groupRank(b.group) || a.group.localeCompare(b.group))
}

export type SortKey =
  'id' | 'kind' | 'status' | 'model' | 'created' | 'finished' | 'duration' | 'results'
export type SortDirection = 'ascending' | 'descending'
export interface SortOrder {
  readonly key: SortKey
  readonly direction: SortDirection
}

function timeValue(time: JobTime | undefined): number | null {
  return time?.kind === 'valid' ? time.date.getTime() : null
}

function sortValue(row: BatchRow, key: SortKey): string | number | null {
  switch (key) {
    case 'id':
      return row.id
    case 'kind':
      return row.job ? kindLabel(row.job.kind) : null
    case 'status':
      return groupRank(row.group)
    case 'model':
      return row.job?.model ?? null
    case 'created':
      return timeValue(row.job?.created)
    case 'finished':
      return timeValue(row.job?.finished)
    case 'duration':
      return row.job ? jobDurationMs(row.job) : null
    case 'results':
      return row.job ? kindEntry(row.job.kind).resultCount(row.job) : null
  }
}

/** A stable sort; rows without a value go last in either direction. */
export function sortRows(rows: readonly BatchRow[], { key, direction }: SortOrder): BatchRow[] {
  const sign = direction === 'ascending' ? 1 : -1
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row, key) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1
      }
      const compared =
        typeof a.value === 'number' && typeof b.value === 'number'
          ? a.value - b.value
          : String(a.value).localeCompare(String(b.value))
      // Unknown status words share a rank; they order among themselves by name, in the same direction.
      const tie = key === 'status' ? a.row.group.localeCompare(b.row.group) : 0
      return (compared || tie) * sign || a.index - b.index
    })
    .map(({ row }) => row)
}
