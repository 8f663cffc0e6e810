// The ticket summary's code (src/kinds/kind-summary.ts) is not needed to show a job, only to copy
// one: it arrives after the first paint, and a click before then waits for it.
import type { JobBase } from '../../api/job-base.ts'
import type { JobKindEntry } from '../../kinds/kind.ts'
import type * as KindSummary from '../../kinds/kind-summary.ts'

type SummaryModule = typeof KindSummary
export type SummaryFormat = 'text' | 'markdown'

let loaded: SummaryModule | undefined

export function loadSummary(): Promise<SummaryModule> {
  return import('../../kinds/kind-summary.ts').then((module) => (loaded = module))
}

function format(module: SummaryModule, entry: JobKindEntry, job: JobBase, as: SummaryFormat) {
  return as === 'text' ? module.jobSummaryText(entry, job) : module.jobSummaryMarkdown(entry, job)
}

/** The summary at once when its code is in, else once it is. */
export function jobSummary(
  entry: JobKindEntry,
  job: JobBase,
  as: SummaryFormat,
): string | Promise<string> {
  return loaded
    ? format(loaded, entry, job, as)
    : loadSummary().then((m) => format(m, entry, job, as))
}
