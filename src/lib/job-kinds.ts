// The job kinds this build knows, in the words of the API's paths (`POST /async/<kind>/result`). This
// list is what the early lookup asks, what both proxies let through (the dev proxy builds its
// allowlist from it; a test holds nginx's to it) and what the kind registry holds (src/kinds/
// registry.ts; a test holds the two equal). Plain data at the bottom of the layers: every layer, the
// early script and the server may read it without loading any kind's code.

export const JOB_KINDS = ['images', 'chat', 'speech'] as const

export type BuiltInKind = (typeof JOB_KINDS)[number]

/**
 * A kind's name, as the API's path spells it. Which names exist is the kind registry's to say (an app
 * runs with one; a test may register a kind of its own), so code outside the registry takes any name.
 */
export type JobKind = string

/** What a kind's name may look like: one lowercase path segment. */
const KIND_NAME = /^[a-z][a-z0-9_-]{0,31}$/

export function isKindName(value: unknown): value is JobKind {
  return typeof value === 'string' && KIND_NAME.test(value)
}

export function isBuiltInKind(value: unknown): value is BuiltInKind {
  return typeof value === 'string' && (JOB_KINDS as readonly string[]).includes(value)
}

/** The API path of a kind's result endpoint, e.g. `/async/chat/result`. */
export function resultPath(kind: JobKind): string {
  return `/async/${kind}/result`
}

/** Kinds as a phrase for people: "images, chat and speech" (or "… or speech"). */
export function kindsSentence(kinds: readonly JobKind[], conjunction = 'and'): string {
  if (kinds.length <= 1) return kinds.join('')
  return `${kinds.slice(0, -1).join(', ')} ${conjunction} ${kinds.at(-1) ?? ''}`
}

/**
 * Kinds in a compact list (a batch link, Recent's batch): one character per job — the kind's place
 * in JOB_KINDS (which only ever grows at its end), or `.` for a kind not found (yet, or not built in).
 */
export function encodeKinds(kinds: ReadonlyArray<JobKind | null | undefined>): string {
  return kinds
    .map((kind) => {
      const index = isBuiltInKind(kind) ? JOB_KINDS.indexOf(kind) : -1
      return index === -1 ? '.' : index.toString(36)
    })
    .join('')
}

/** The kind of each of `count` jobs from encodeKinds' text; null where it is unknown or garbled. */
export function decodeKinds(
  text: string | null | undefined,
  count: number,
): (BuiltInKind | null)[] {
  return Array.from({ length: count }, (_, index) => {
    const code = text?.[index]
    const kind = code === undefined || code === '.' ? undefined : JOB_KINDS[parseInt(code, 36)]
    return kind ?? null
  })
}

/** What encodeKinds writes: a dot or the base-36 index of a built-in kind, per job. */
export function isEncodedKinds(text: string): boolean {
  return ENCODED_KINDS.test(text)
}
const ENCODED_KINDS = new RegExp(
  `^[.${JOB_KINDS.map((_, index) => index.toString(36)).join('')}]*$`,
)
