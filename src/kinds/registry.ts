// The kind registry: the list of kind definitions an app runs with, in the order a bare id is
// searched. Adding a kind is its folder and one line below (docs/decisions/011-job-kinds.md).
import type { JobBase } from '../api/job-base.ts'
import { usePart } from '../components/app-scope.tsx'
import { appPart } from '../lib/app-scope.ts'
import type { JobKind } from '../lib/job-kinds.ts'
import { chatKind } from './chat/chat-kind.tsx'
import { imagesKind } from './images/images-kind.tsx'
import {
  type KindSummary,
  countOf,
  formatJobSummary,
  formatJobSummaryLine,
  formatJobSummaryMarkdown,
} from './job-summary.ts'
import type { JobKindEntry } from './kind.ts'
import { lazyKinds } from './lazy-kinds.ts'
import { speechKind } from './speech/speech-kind.tsx'

export interface KindRegistry {
  /** Every kind, in the order a bare id is searched (and results are shown when several answer). */
  readonly names: readonly JobKind[]
  has: (name: unknown) => name is JobKind
  entry: (name: JobKind) => JobKindEntry | undefined
  /** The word for a kind ("Image", "Chat"); a kind this registry lacks keeps its name. */
  label: (name: JobKind) => string
  /** The entry of a job this registry parsed. */
  of: (job: JobBase) => JobKindEntry
  /** Parses an answer of `kind`'s endpoint (find-job's view of the registry). */
  parse: (kind: JobKind, json: unknown, rawText: string, requestedId: string) => JobBase
}

export function createKindRegistry(entries: readonly JobKindEntry[]): KindRegistry {
  const byName = new Map(entries.map((entry) => [entry.name, entry]))
  if (byName.size !== entries.length) throw new Error('Two kinds of one name in the registry')
  const required = (name: JobKind): JobKindEntry => {
    const entry = byName.get(name)
    if (entry === undefined) throw new Error(`No kind "${name}" in this registry`)
    return entry
  }
  return {
    names: entries.map((entry) => entry.name),
    has: (name): name is JobKind => typeof name === 'string' && byName.has(name),
    entry: (name) => byName.get(name),
    label: (name) => byName.get(name)?.label ?? name,
    of: (job) => required(job.kind),
    parse: (kind, json, rawText, requestedId) => required(kind).parse(json, rawText, requestedId),
  }
}

/** The kinds of this build: a test holds them equal to src/lib/job-kinds.ts's list. */
export const BUILT_IN_KINDS = createKindRegistry([imagesKind, chatKind, speechKind])

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

/** The kinds an app runs with: the built-in ones, unless the app was given others (a test's). */
export const kindsPart = appPart<KindRegistry>('kinds', () => BUILT_IN_KINDS)

export function useKinds(): KindRegistry {
  return usePart(kindsPart)
}

// The code that only names kinds, or follows answers for Recent, asks for the registry through
// lazyKinds: whoever loaded this module (a page, main.tsx's first lookup) has brought it.
lazyKinds.arrived(kindsPart)
