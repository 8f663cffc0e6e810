// What a job kind is to the app: everything that differs between image, chat and speech jobs — how
// its answer is parsed, the word beside the badge, its results view and batch preview, its facts,
// its lines in a ticket summary, its export values. One definition per kind, in its own folder
// (src/kinds/<kind>/); the registry (registry.ts) lists them. Pages ask the registry and never
// switch on a kind (docs/decisions/011-job-kinds.md).
import type { ComponentType } from 'react'
import type { JobBase } from '../api/job-base.ts'
import type { SummaryEntry, SummaryFact } from './job-summary.ts'

/** The columns a kind fills in a batch export (the shared ones come from the job itself). */
export interface KindExportValues {
  readonly image_count: number
  readonly image_urls: readonly string[]
  readonly total_tokens: number | null
  readonly audio_urls: readonly string[]
}

export interface JobKindDefinition<J extends JobBase> {
  /** The API's word for the kind (its path: `/async/<name>/result`); `parse` sets it as `job.kind`. */
  readonly name: J['kind']
  /** The word beside the status badge: Image, Chat, Speech. */
  readonly label: string
  /** Any JSON value becomes a job of this kind or a `bad-response` ApiError (src/api/job-base.ts). */
  readonly parse: (json: unknown, rawText: string, requestedId: string) => J
  /** Top-level fields this version shows; anything else the API sends is an "other field". */
  readonly fields: readonly string[]
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

/** A kind as the registry holds it: its functions take any job, and are only given its own. */
export type JobKindEntry = JobKindDefinition<JobBase>

/**
 * A kind's definition, typed against its own job in its folder, as the registry holds it. Sound as
 * long as an entry is only handed jobs its own `parse` made: the registry finds entries by
 * `job.kind`, which `parse` sets to `name`.
 */
export function defineKind<J extends JobBase>(definition: JobKindDefinition<J>): JobKindEntry {
  return definition as unknown as JobKindEntry
}
