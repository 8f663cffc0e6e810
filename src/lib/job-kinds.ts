// The Async API's job kinds, in the words of its paths (`POST /async/<kind>/result`). This list is the
// single source: the browser's kind registry, the dev proxy's allowlist and the nginx template's
// location are all checked against it.

export const JOB_KINDS = ['images', 'chat', 'speech'] as const

export type JobKind = (typeof JOB_KINDS)[number]

export function isJobKind(value: unknown): value is JobKind {
  return typeof value === 'string' && (JOB_KINDS as readonly string[]).includes(value)
}

/** The API path of a kind's result endpoint, e.g. `/async/chat/result`. */
export function resultPath(kind: JobKind): string {
  return `/async/${kind}/result`
}

/** The kinds as a sentence for people: "images, chat and speech". */
export function kindsSentence(kinds: readonly JobKind[] = JOB_KINDS): string {
  if (kinds.length <= 1) return kinds.join('')
  return `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1) ?? ''}`
}
