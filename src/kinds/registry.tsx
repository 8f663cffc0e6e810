// The kind registry: everything that differs between image, chat and speech jobs, one entry per kind.
// The API half (endpoint, schema, parser, documented fields) is JOB_KIND_API in src/api/job.ts; this
// half is what people see: the word beside the badge, the results view, the batch preview cell, the
// facts, the ticket summary, the export values. Pages ask the registry; they never switch on a kind.
import type { ComponentType } from 'react'
import type { Job } from '../api/job.ts'
import type { JobKind } from '../lib/job-kinds.ts'
import { chatKind } from './chat/chat-kind.tsx'
import { imagesKind } from './images/images-kind.tsx'
import {
  type KindSummary,
  type SummaryEntry,
  type SummaryFact,
  countOf,
  formatJobSummary,
  formatJobSummaryLine,
  formatJobSummaryMarkdown,
} from './job-summary.ts'
import { speechKind } from './speech/speech-kind.tsx'

/** The columns a kind fills in a batch export (the shared ones come from the job itself). */
export interface KindExportValues {
  readonly image_count: number
  readonly image_urls: readonly string[]
  readonly total_tokens: number | null
  readonly audio_urls: readonly string[]
}

export interface JobKindEntry<J extends Job> {
  /** The word beside the status badge: Image, Chat, Speech. */
  readonly label: string
  /** The PROCESSING hint, in this kind's words ("Generating images."). */
  readonly processingHint: string
  /** How many results the job has, and what they are called ("image" / "images"). */
  readonly resultCount: (job: J) => number
  readonly resultNoun: readonly [singular: string, plural: string]
  /** Under an empty results section, by status. */
  readonly emptyResultsText: (status: string) => string
  /** The results section of the job page. Lazy for kinds the first screen rarely needs. */
  readonly ResultsView: ComponentType<{ job: J }>
  /** The batch table's preview cell: a thumbnail, a first line, an audio link. */
  readonly PreviewCell: ComponentType<{ job: J }>
  /** Facts beside model and times (token usage, service tier), for the facts grid and the summary. */
  readonly facts: (job: J) => readonly SummaryFact[]
  /** Each result for the ticket summary. */
  readonly summaryEntries: (job: J) => readonly SummaryEntry[]
  /** The kind's part of a one-line summary after the result count (e.g. token total). */
  readonly summaryLineExtras: (job: J) => readonly string[]
  readonly exportValues: (job: J) => KindExportValues
  /** A picture for Recent, when the kind has one. */
  readonly thumbnailUrl: (job: J) => string | null
}

export type JobOfKind = { [K in JobKind]: Extract<Job, { kind: K }> }
type Registry = { [K in JobKind]: JobKindEntry<JobOfKind[K]> }

const REGISTRY: Registry = { images: imagesKind, chat: chatKind, speech: speechKind }

/**
 * The entry of a kind. Call it with the job's own kind (`kindEntry(job.kind).facts(job)`): the
 * mapped type keeps each entry's functions tied to its own job type.
 */
export function kindEntry<K extends JobKind>(kind: K): JobKindEntry<JobOfKind[K]> {
  return REGISTRY[kind]
}

export { kindLabel } from './kind-labels.ts'

/** What the job's kind adds to a ticket summary. */
export function kindSummary(job: Job): KindSummary {
  const entry = kindEntry(job.kind)
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
export function jobSummaryText(job: Job): string {
  return formatJobSummary(job, kindSummary(job))
}

/** The summary in Markdown, for helpdesks that render it. */
export function jobSummaryMarkdown(job: Job): string {
  return formatJobSummaryMarkdown(job, kindSummary(job))
}

/** One line for a batch summary. */
export function jobSummaryLine(job: Job): string {
  return formatJobSummaryLine(job, kindSummary(job))
}
