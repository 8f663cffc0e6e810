// Plain text to paste into a ticket: times in UTC so the reader's zone never matters.
import type { ImageJob } from '../api/image-job.ts'
import { type JobTime, formatDuration, formatUtc } from '../lib/time.ts'

function timeText(time: JobTime, absent: string): string {
  if (time.kind === 'valid') return formatUtc(time.date)
  if (time.kind === 'invalid') return `${time.raw} (unreadable)`
  return absent
}

export function jobDurationMs(job: ImageJob): number | null {
  return job.created.kind === 'valid' && job.finished.kind === 'valid'
    ? job.finished.date.getTime() - job.created.date.getTime()
    : null
}

export function formatJobSummary(job: ImageJob): string {
  const duration = jobDurationMs(job)
  const lines = [
    `Job ${job.id}`,
    `Status: ${job.status}`,
    `Model: ${job.model ?? 'not reported'}`,
    `Created: ${timeText(job.created, 'not reported')}`,
    `Finished: ${timeText(job.finished, 'not finished')}`,
    `Duration: ${duration === null ? 'unknown' : formatDuration(duration)}`,
    `Images: ${job.results.length}`,
  ]
  job.results.forEach((result, index) => {
    lines.push(`  ${index + 1}. ${result.url.raw === '' ? '(no URL)' : result.url.raw}`)
    lines.push(`     Revised prompt: ${result.revisedPrompt ?? '(none)'}`)
  })
  return lines.join('\n')
}

/** One line per job, for a batch: id, status, model, created, finished, duration, image count. */
export function formatJobSummaryLine(job: ImageJob): string {
  const duration = jobDurationMs(job)
  return [
    job.id,
    job.status,
    job.model ?? 'model not reported',
    `created ${timeText(job.created, 'unknown')}`,
    `finished ${timeText(job.finished, 'not yet')}`,
    duration === null ? 'duration unknown' : formatDuration(duration),
    `${job.results.length} image${job.results.length === 1 ? '' : 's'}`,
  ].join(' · ')
}
