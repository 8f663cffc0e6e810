// A job's summary for a ticket, in text, Markdown or one line: the shared layout (job-summary.ts)
// filled with what the job's kind adds. Apart from the registry, so that a page loads it only when
// it offers a summary (the job page's copy buttons after the first paint, the batch export).
import type { JobBase } from '../api/job-base.ts'
import {
  type KindSummary,
  countOf,
  formatJobSummary,
  formatJobSummaryLine,
  formatJobSummaryMarkdown,
} from './job-summary.ts'
import type { JobKindEntry } from './kind.ts'

/** What a job's kind adds to a ticket summary. */
export function kindSummary(entry: JobKindEntry, job: JobBase): KindSummary {
  const count = entry.resultCount(job)
  const [singular, plural] = entry.resultNoun
  return {
    label: entry.label,
    facts: entry.facts(job),
    resultsLine: { label: capitalise(plural), value: count.toLocaleString('en-US') },
    entries: entry.summaryEntries(job),
    lineParts: [countOf(count, singular, plural), ...entry.summaryLineExtras(job)],
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** The plain-text summary of a job of any kind, for a ticket. */
export function jobSummaryText(entry: JobKindEntry, job: JobBase): string {
  return formatJobSummary(job, kindSummary(entry, job))
}

/** The summary in Markdown, for helpdesks that render it. */
export function jobSummaryMarkdown(entry: JobKindEntry, job: JobBase): string {
  return formatJobSummaryMarkdown(job, kindSummary(entry, job))
}

/** One line for a batch summary. */
export function jobSummaryLine(entry: JobKindEntry, job: JobBase): string {
  return formatJobSummaryLine(job, kindSummary(entry, job))
}
