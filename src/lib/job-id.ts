// Job ids are UUID v4 (the API's own pattern, either case). Support staff paste ids with whitespace,
// inside URLs and in log lines; we find the id in any of them and always send it in lowercase.

import { isJobId } from './job-id-pattern.ts'

export { JOB_ID_PATTERN, isJobId } from './job-id-pattern.ts'

/**
 * Any UUID-shaped token (any version), not part of a longer hex run such as `0000-<id>-0000`. A dash
 * next to something else is fine: logs and URLs write `job-<id>` and `<id>-0.png`.
 */
const UUID_LIKE =
  /(?<![0-9a-f])(?<![0-9a-f]{4}-)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f])(?!-[0-9a-f]{4})/gi
/** Percent-escapes (`%2F` in `next=%2Fjobs%2F<id>`) would otherwise glue hex digits to an id. */
const PERCENT_ESCAPE = /%[0-9a-f]{2}/gi

/** The text with each percent-escape blanked out, same length, so positions still match. */
function withoutPercentEscapes(text: string): string {
  return text.replace(PERCENT_ESCAPE, '   ')
}

/**
 * UUID-shaped tokens in order of position. The text is read as written and with escapes blanked,
 * since `%3f2b8c1e-…` may be an id after a literal `%` and `%2F3f2b8c1e-…` one after an escape.
 */
function uuidTokens(text: string): string[] {
  return matchesInBothReadings(text, UUID_LIKE).map((match) => match[0])
}

function matchesInBothReadings(text: string, pattern: RegExp): RegExpExecArray[] {
  return [...text.matchAll(pattern), ...withoutPercentEscapes(text).matchAll(pattern)].sort(
    (a, b) => a.index - b.index,
  )
}

export type JobIdInput =
  | { readonly kind: 'empty' }
  | { readonly kind: 'valid'; readonly id: string }
  | { readonly kind: 'several'; readonly ids: readonly string[] }
  | { readonly kind: 'invalid'; readonly reason: string }

/** Every distinct UUID v4 in a text, lowercased, in order of first appearance. */
export function extractJobIds(text: string): string[] {
  return distinctJobIds(uuidTokens(text))
}

function distinctJobIds(tokens: Iterable<string>): string[] {
  const seen = new Set<string>()
  for (const token of tokens) {
    const candidate = token.toLowerCase()
    if (isJobId(candidate)) seen.add(candidate)
  }
  return [...seen]
}

/** What the Job ID box holds: nothing, one id, several ids, or something we can say is wrong. */
export function readJobIdInput(text: string): JobIdInput {
  const trimmed = text.trim()
  if (trimmed === '') return { kind: 'empty' }
  const ids = extractJobIds(trimmed)
  const [first] = ids
  if (first !== undefined && ids.length === 1) return { kind: 'valid', id: first }
  if (ids.length > 1) return { kind: 'several', ids }
  const uuidLike = uuidTokens(trimmed)[0]
  if (uuidLike !== undefined) {
    return {
      kind: 'invalid',
      reason: `“${uuidLike}” is an invalid job id: job ids are UUID version 4 (the third group starts with 4).`,
    }
  }
  return {
    kind: 'invalid',
    reason:
      'That is an invalid job id: expected a UUID such as 3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71 (or a URL or log line that contains one).',
  }
}

/** Hex-and-dash runs long enough to be meant as ids (truncated, wrong version, extra digits). */
const ID_LIKE = /(?<![0-9a-f-])[0-9a-f]{4,}(?:-[0-9a-f]+){2,}(?![0-9a-f-])/gi
const ID_LIKE_MIN_LENGTH = 20

/** Letters and digits glued to an id-like token are part of what the person pasted (`zz0e9f4a-…`). */
const GLUED = /[0-9a-z]/i

export interface JobIdTextAnalysis {
  /** Distinct valid ids, lowercased, in order of first appearance. */
  readonly ids: readonly string[]
  /** Distinct tokens that look like ids but are not valid UUID v4s, exactly as pasted. */
  readonly rejected: readonly string[]
}

/**
 * Every job id in any pasted text — lists, URLs, log lines, JSON — plus what looked like an id but
 * was not one, so the person can see what was left out and why.
 */
export function analyseJobIdText(text: string): JobIdTextAnalysis {
  const uuidMatches = matchesInBothReadings(text, UUID_LIKE)
  const ids = distinctJobIds(uuidMatches.map((match) => match[0]))
  // Where valid ids stand: a token overlapping one (`<id>-0`, or the tail of an id that follows a
  // blanked escape) is not a rejected id of its own.
  const validStarts = uuidMatches.filter((match) => isJobId(match[0])).map((match) => match.index)
  // Glued characters are looked for with escapes blanked: `%2Fzz0e9f…` was pasted as `zz0e9f…`.
  const blanked = withoutPercentEscapes(text)
  const rejected = new Set<string>()
  for (const match of matchesInBothReadings(text, ID_LIKE)) {
    const token = match[0]
    if (token.length < ID_LIKE_MIN_LENGTH || isJobId(token)) continue
    const end = match.index + token.length
    if (overlapsAnId(validStarts, match.index, end)) continue
    // The hex run is what makes it look like an id; the person pasted it with what is glued to it.
    let from = match.index
    let to = end
    while (from > 0 && GLUED.test(blanked.charAt(from - 1))) from -= 1
    while (to < blanked.length && GLUED.test(blanked.charAt(to))) to += 1
    rejected.add(text.slice(from, to))
  }
  return { ids, rejected: [...rejected] }
}

/** Every UUID-shaped match has this length, so a span is known by its start. */
const UUID_LENGTH = 36

/**
 * Whether [start, end) overlaps an id starting at one of `starts` (sorted). A binary search, not a
 * scan: a 1 MB log holds thousands of ids and thousands of tokens, and the box analyses it live.
 */
function overlapsAnId(starts: readonly number[], start: number, end: number): boolean {
  // the first id that ends after `start`, i.e. starts after start - UUID_LENGTH
  let low = 0
  let high = starts.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((starts[middle] ?? 0) + UUID_LENGTH <= start) low = middle + 1
    else high = middle
  }
  const first = starts[low]
  return first !== undefined && first < end
}
