// Export what the batch table shows: CSV (fixed columns) and JSON, plus the ticket summary.
import type { JobBase as Job } from '../../api/job-base.ts'
import type { JobKind } from '../../lib/job-kinds.ts'
import { jobDurationMs } from '../../kinds/job-summary.ts'
import { jobSummaryLine } from '../../kinds/registry.ts'
import { toCsv } from '../../lib/csv.ts'
import type { JobTime } from '../../lib/time.ts'
import type { BatchRow } from './batch-rows.ts'

/** The eight image-era columns stay first and unchanged (spreadsheets and scripts read them). */
export const CSV_COLUMNS = [
  'id',
  'status',
  'model',
  'created',
  'finished',
  'duration_s',
  'image_count',
  'image_urls',
  'kind',
  'total_tokens',
  'audio_urls',
] as const

export interface ExportedJob {
  readonly id: string
  /** The API's status word, or "not found" / "error" / "waiting". */
  readonly status: string
  readonly model: string | null
  /** ISO-8601 in UTC, or the raw value when the API sent something unreadable. */
  readonly created: string | null
  readonly finished: string | null
  readonly duration_s: number | null
  readonly image_count: number | null
  readonly image_urls: readonly string[]
  /** images, chat or speech; null while unknown. */
  readonly kind: JobKind | null
  readonly total_tokens: number | null
  readonly audio_urls: readonly string[]
  /** The parsed job, for the JSON export (times in ISO-8601 UTC). */
  readonly job?: Job
}

function exportTime(time: JobTime): string | null {
  if (time.kind === 'valid') return time.date.toISOString()
  if (time.kind === 'invalid') return time.raw
  return null
}

export function toExportedJob(row: BatchRow): ExportedJob {
  const { job, kind } = row
  if (!job || !kind) {
    return {
      id: row.id,
      status: row.group,
      model: null,
      created: null,
      finished: null,
      duration_s: null,
      image_count: null,
      image_urls: [],
      kind: null,
      total_tokens: null,
      audio_urls: [],
    }
  }
  const duration = jobDurationMs(job)
  return {
    id: row.id,
    status: job.status,
    model: job.model,
    created: exportTime(job.created),
    finished: exportTime(job.finished),
    duration_s: duration === null ? null : Math.round(duration) / 1000,
    ...kind.exportValues(job),
    kind: job.kind,
    job,
  }
}

/** Several URLs share one cell, separated by spaces (a URL never contains a raw space). */
export function batchCsv(rows: readonly BatchRow[]): string {
  return toCsv(
    CSV_COLUMNS,
    rows
      .map(toExportedJob)
      .map((job) => [
        job.id,
        job.status,
        job.model,
        job.created,
        job.finished,
        job.duration_s,
        job.image_count,
        job.image_urls.join(' '),
        job.kind,
        job.total_tokens,
        job.audio_urls.join(' '),
      ]),
  )
}

export function batchJson(rows: readonly BatchRow[]): string {
  return `${JSON.stringify(rows.map(toExportedJob), null, 2)}\n`
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
