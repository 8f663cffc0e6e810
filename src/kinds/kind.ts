// What a job kind is to the app: everything that differs between image, chat and speech jobs — how
// its answer is parsed, the word beside the badge, its results view and batch preview, its facts,
// its lines in a ticket summary, its export values. One definition per kind, in its own folder
// (src/kinds/<kind>/); the registry (registry.ts) lists them. Pages ask the registry and never
// switch on a kind (docs/decisions/011-job-kinds.md).
import type { ComponentType } from 'react'
import type { JobBase } from '../api/job-base.ts'
import type { SummaryEntry, SummaryFact } from './job-summary.ts'

/** A value in an export: text, a number, nothing, or a list (the CSV puts spaces between items). */
export type ExportValue = string | number | null | readonly string[]

/** A column a kind adds to the batch exports (the shared ones — id, status, times — come first). */
export interface ExportColumn<J> {
  /** The CSV header and the JSON field: `image_count`. */
  readonly name: string
  readonly value: (job: J) => ExportValue
  /** What a job of another kind has in this column: 0 images, no URLs, no token count. */
  readonly forOtherKinds: ExportValue
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
  /**
   * The results section of the job page. For kinds the first screen rarely needs, a chunk of its own
   * made with lazyResultsView (never React.lazy: the page does not suspend for it).
   */
  readonly ResultsView: ComponentType<{ job: J }>
  /**
   * Loads ResultsView's code, when it comes in a chunk of its own (lazy-results-view.tsx): the job
   * page's first render awaits it with the answer, so the results appear with the status.
   */
  readonly loadResultsView?: () => Promise<void>
  /** Its preview cell and icon for the batch table and Recent, loaded with them (KindListView). */
  readonly listView: () => Promise<KindListView<J>>
  /** Facts beside model and times (token usage, service tier), for the facts grid and the summary. */
  readonly facts: (job: J) => readonly SummaryFact[]
  /** Each result for the ticket summary. */
  readonly summaryEntries: (job: J) => readonly SummaryEntry[]
  /** The kind's part of a one-line summary after the result count (e.g. token total). */
  readonly summaryLineExtras: (job: J) => readonly string[]
  /** The kind's own columns in the batch exports, after the shared ones. */
  readonly exportColumns: readonly ExportColumn<J>[]
  /** A picture for Recent, when the kind has one. */
  readonly thumbnailUrl: (job: J) => string | null
}

/**
 * What lists show of a kind's jobs — the batch table and Recent — in a module of the kind's own that
 * loads with those lists, never with the job page (whose first load is size-guarded).
 */
export interface KindListView<J> {
  /** The batch table's preview cell: a thumbnail, the start of the answer, an audio link. */
  readonly PreviewCell: ComponentType<{ job: J }>
  /** The kind's picture where a job has no image (chat, speech, unfinished): Recent, the batch. */
  readonly Icon: ComponentType<{ className?: string; 'aria-hidden'?: boolean | 'true' }>
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
