// The batch table's model: one row per id, grouped for the status counts, sorted by any column.
// Pure functions of query results, so they are unit-tested without React.
import { isApiError } from '../../api/api-error.ts'
import type { JobBase as Job } from '../../api/job-base.ts'
import { type QueryLike, lastProblem } from '../../jobs/job-data.ts'
import {
  KNOWN_JOB_STATUSES,
  NOT_FOUND_LABEL,
  isKnownJobStatus,
  isTerminalStatus,
} from '../../jobs/job-status.ts'
import { jobDurationMs } from '../../kinds/job-summary.ts'
import type { JobKindEntry } from '../../kinds/kind.ts'
import type { KindRegistry } from '../../kinds/registry.ts'
import type { JobTime } from '../../lib/time.ts'

/** Row groups that are not API status words: lowercase, so they never collide with one. */
export const NOT_FOUND_GROUP = NOT_FOUND_LABEL
export const ERROR_GROUP = 'error'
export const WAITING_GROUP = 'waiting'
/** Stands for every status word this version does not know, in STATUS_SORT_ORDER. */
const UNKNOWN_STATUS = '(unknown status)'

export interface BatchRow {
  readonly id: string
  /** Last good answer, kept when a later poll fails. */
  readonly job: Job | undefined
  /** Its kind's entry in the registry (views, labels, export values), with the job. */
  readonly kind: JobKindEntry | undefined
  /** The latest failure (or the reason of a retry under way). */
  readonly error: Error | null
  /** A status word, or NOT_FOUND_GROUP / ERROR_GROUP / WAITING_GROUP. */
  readonly group: string
  /** No more changes expected without a Refresh. */
  readonly final: boolean
}

export function toBatchRow(id: string, query: QueryLike, kinds: KindRegistry): BatchRow {
  const job = query.data?.job
  const error = lastProblem(query)
  if (job) {
    const kind = kinds.of(job)
    return { id, job, kind, error, group: job.status, final: isTerminalStatus(job.status) }
  }
  const kind = undefined
  if (isApiError(error) && error.kind === 'not-found') {
    return { id, job, kind, error, group: NOT_FOUND_GROUP, final: true }
  }
  if (query.error) {
    const stopped = isApiError(error) && error.kind === 'unauthorized'
    return { id, job, kind, error, group: ERROR_GROUP, final: stopped }
  }
  return { id, job, kind, error, group: WAITING_GROUP, final: false }
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

/**
 * Sorting by Status is triage: problems first, done last. A failed lookup is a problem we cannot see
 * through, so it follows "not found" and precedes the unknown words; "waiting" (no answer yet) is in
 * progress, as early as a job can be, so it leads the in-progress statuses.
 */
export const STATUS_SORT_ORDER: readonly string[] = [
  'ERROR',
  NOT_FOUND_GROUP,
  ERROR_GROUP,
  UNKNOWN_STATUS,
  'POSTPONED',
  WAITING_GROUP,
  'CREATED',
  'QUEUED',
  'ASSIGNED_CONNECTIONS',
  'PROCESSING',
  'COMPLETED',
]

function statusSortRank(group: string): number {
  const index = STATUS_SORT_ORDER.indexOf(group)
  return index === -1 ? STATUS_SORT_ORDER.indexOf(UNKNOWN_STATUS) : index
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
/** null: the order the ids were pasted in (the default; sorting is a choice). */
export type BatchSort = SortOrder | null

/** A header click: another column sorts ascending, the same one reverses, a third click unsorts. */
export function nextSort(current: BatchSort, key: SortKey): BatchSort {
  if (current?.key !== key) return { key, direction: 'ascending' }
  return current.direction === 'ascending' ? { key, direction: 'descending' } : null
}

function timeValue(time: JobTime | undefined): number | null {
  return time?.kind === 'valid' ? time.date.getTime() : null
}

function sortValue(row: BatchRow, key: SortKey): string | number | null {
  switch (key) {
    case 'id':
      return row.id
    case 'kind':
      return row.kind?.label ?? null
    case 'status':
      return statusSortRank(row.group)
    case 'model':
      return row.job?.model ?? null
    case 'created':
      return timeValue(row.job?.created)
    case 'finished':
      return timeValue(row.job?.finished)
    case 'duration':
      return row.job ? jobDurationMs(row.job) : null
    case 'results':
      return row.job && row.kind ? row.kind.resultCount(row.job) : null
  }
}

/**
 * A stable sort; rows without a value go last in either direction. Without a sort the rows keep
 * the order they came in: the order the ids were pasted.
 */
export function sortRows(rows: readonly BatchRow[], sort: BatchSort): BatchRow[] {
  if (sort === null) return [...rows]
  const { key, direction } = sort
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

/** A row not final this long after it was created is stuck: worth a look, and a problem id. */
export const STUCK_AFTER_MS = 15 * 60_000

/** Why a row needs a person's attention. */
export type RowProblem = 'ERROR' | 'not found' | 'unknown status' | 'lookup failed' | 'stuck'

/**
 * How long a row with an answer has not been final: since the API's `created`, or — when the API
 * sent none we can read — since `watchingSince` (when this page opened the list). Null when final,
 * without an answer, or created in the future (a clock off).
 */
export function notFinalForMs(row: BatchRow, now: number, watchingSince: number): number | null {
  if (!row.job || row.final) return null
  const since = row.job.created.kind === 'valid' ? row.job.created.date.getTime() : watchingSince
  const elapsed = now - since
  return elapsed >= 0 ? elapsed : null
}

export function rowProblem(row: BatchRow, now: number, watchingSince: number): RowProblem | null {
  if (row.group === 'ERROR') return 'ERROR'
  if (row.group === NOT_FOUND_GROUP) return 'not found'
  if (row.group === ERROR_GROUP) return 'lookup failed'
  if (row.group === WAITING_GROUP) return null
  if (!isKnownJobStatus(row.group)) return 'unknown status'
  const elapsed = notFinalForMs(row, now, watchingSince)
  return elapsed !== null && elapsed > STUCK_AFTER_MS ? 'stuck' : null
}

/** The ids of the rows that need attention, in the order given. */
export function problemIds(
  rows: readonly BatchRow[],
  now: number,
  watchingSince: number,
): string[] {
  return rows.filter((row) => rowProblem(row, now, watchingSince) !== null).map((row) => row.id)
}
