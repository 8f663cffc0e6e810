// The kind registry: the list of kind definitions an app runs with, in the order a bare id is
// searched. Adding a kind is its folder and one line below (docs/decisions/011-job-kinds.md).
import type { JobBase } from '../api/job-base.ts'
import { usePart } from '../components/app-scope.tsx'
import { appPart } from '../lib/app-scope.ts'
import type { JobKind } from '../lib/job-kinds.ts'
import { chatKind } from './chat/chat-kind.tsx'
import { imagesKind } from './images/images-kind.tsx'
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

/** The kinds an app runs with: the built-in ones, unless the app was given others (a test's). */
export const kindsPart = appPart<KindRegistry>('kinds', () => BUILT_IN_KINDS)

export function useKinds(): KindRegistry {
  return usePart(kindsPart)
}

// The code that only names kinds, or follows answers for Recent, asks for the registry through
// lazyKinds: whoever loaded this module (a page, main.tsx's first lookup) has brought it.
lazyKinds.arrived(kindsPart)
