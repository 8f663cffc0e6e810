// Export what the batch table shows: CSV and JSON (the shared columns, then each kind's own), plus
// the ticket summary.
import type { JobBase } from '../../api/job-base.ts'
import { jobDurationMs } from '../../kinds/job-summary.ts'
import type { ExportColumn, ExportValue } from '../../kinds/kind.ts'
import { jobSummaryLine } from '../../kinds/kind-summary.ts'
import type { KindRegistry } from '../../kinds/registry.ts'
import { type CsvValue, toCsv } from '../../lib/csv.ts'
import type { JobKind } from '../../lib/job-kinds.ts'
import type { JobTime } from '../../lib/time.ts'
import type { BatchRow } from './batch-rows.ts'

/** The columns every row has, whatever its kind. */
export const SHARED_COLUMNS = [
  'id',
  'status',
  'model',
  'created',
  'finished',
  'duration_s',
] as const

/**
 * The CSV's columns: the shared ones, then each kind's own in the registry's order, with `kind`
 * right after the first kind's (images). The image-era file was the eight columns up to
 * `image_urls`, and spreadsheets and scripts read them by position; the kinds since follow.
 */
export function exportColumns(kinds: KindRegistry): string[] {
  const [first = [], ...others] = kinds.names.map((name) =>
    (kinds.entry(name)?.exportColumns ?? []).map((column) => column.name),
  )
  return [...SHARED_COLUMNS, ...first, 'kind', ...others.flat()]
}

/**
 * One row as the exports write it, in the columns' order: the shared values, then each kind's
 * columns (its own from the job; another kind's job has that kind's "none" value; a row without a
 * job has none at all). Plain values only — text, numbers, null, lists of text — the same fields in
 * the CSV and the JSON, never the app's parsed job (whose times and URLs are wrappers).
 */
export type ExportedJob = Record<string, ExportValue> & {
  readonly id: string
  /** The API's status word, or "not found" / "error" / "waiting". */
  readonly status: string
  /** ISO-8601 UTC; in the CSV an unreadable time is written as sent, in the JSON it is null. */
  readonly created: string | null
  readonly finished: string | null
  readonly duration_s: number | null
  /** The kind's name; null while unknown. */
  readonly kind: JobKind | null
}

/**
 * How an unreadable time is written: as sent (a CSV cell is text, and the person sees what came),
 * or null (a JSON field is a time a program can read, or nothing).
 */
type UnreadableTime = 'as-sent' | 'null'

function exportTime(time: JobTime, unreadable: UnreadableTime): string | null {
  if (time.kind === 'valid') return time.date.toISOString()
  if (time.kind === 'invalid' && unreadable === 'as-sent') return time.raw
  return null
}

/** A column's value for a row: from the job's own kind, another kind's "none", or nothing. */
function columnValue(column: ExportColumn<JobBase>, owner: JobKind, row: BatchRow): ExportValue {
  if (row.job === undefined) return Array.isArray(column.forOtherKinds) ? [] : null
  return row.job.kind === owner ? column.value(row.job) : column.forOtherKinds
}

export function toExportedJob(
  row: BatchRow,
  kinds: KindRegistry,
  unreadable: UnreadableTime = 'as-sent',
): ExportedJob {
  const { job } = row
  const duration = job ? jobDurationMs(job) : null
  const shared = {
    id: row.id,
    status: job?.status ?? row.group,
    model: job?.model ?? null,
    created: job ? exportTime(job.created, unreadable) : null,
    finished: job ? exportTime(job.finished, unreadable) : null,
    duration_s: duration === null ? null : Math.round(duration) / 1000,
  }
  const byKind = kinds.names.map((name): Record<string, ExportValue> =>
    Object.fromEntries(
      (kinds.entry(name)?.exportColumns ?? []).map((column) => [
        column.name,
        columnValue(column, name, row),
      ]),
    ),
  )
  const [first = {}, ...others] = byKind
  return {
    ...shared,
    ...first,
    kind: job?.kind ?? null,
    ...others.reduce((all, columns) => ({ ...all, ...columns }), {}),
  }
}

/** Several URLs share one cell, separated by spaces (a URL never contains a raw space). */
export function batchCsv(rows: readonly BatchRow[], kinds: KindRegistry): string {
  const columns = exportColumns(kinds)
  return toCsv(
    columns,
    rows.map((row) => {
      const exported = toExportedJob(row, kinds)
      return columns.map((column) => csvValue(exported[column]))
    }),
  )
}

function csvValue(value: ExportValue | undefined): CsvValue {
  if (value === undefined || value === null) return null
  if (typeof value === 'string' || typeof value === 'number') return value
  return value.join(' ')
}

/** The CSV's fields as JSON values: numbers as numbers, lists as arrays, times ISO-8601 or null. */
export function batchJson(rows: readonly BatchRow[], kinds: KindRegistry): string {
  return `${JSON.stringify(
    rows.map((row) => toExportedJob(row, kinds, 'null')),
    null,
    2,
  )}\n`
}

export function batchSummary(rows: readonly BatchRow[]): string {
  return rows
    .map((row) =>
      row.job && row.kind ? jobSummaryLine(row.kind, row.job) : `${row.id} · ${row.group}`,
    )
    .join('\n')
}

export function downloadFile(name: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  // Revoke after the click has been handled; the download keeps its own reference.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function exportFileName(extension: string, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replaceAll(':', '').replace('T', '-')
  return `jobscope-batch-${stamp}.${extension}`
}
