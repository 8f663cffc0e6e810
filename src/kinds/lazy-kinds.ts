// The kind registry for views that only name a kind (Recent, the demo jobs): it loads after them, so
// the home page's first load does not carry every kind's parser, views and summaries. Until it is
// here they show the kind's own name ("chat"), then its word ("Chat").
import { lazyAppPart } from '../components/app-scope.tsx'

import type { JobKind } from '../lib/job-kinds.ts'
import type { KindRegistry } from './registry.ts'

/** The word for a kind once the registry is here ("Chat"), its name until then ("chat"). */
export function kindWord(kinds: KindRegistry | undefined, kind: JobKind): string {
  return kinds?.label(kind) ?? kind
}

export const lazyKinds = lazyAppPart(() =>
  import('./registry.ts').then((module) => module.kindsPart),
)
