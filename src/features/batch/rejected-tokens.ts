// The tokens that looked like ids but were not valid, as pasted: they travel with the list they were
// left out of — in its link (`&invalid=t1,t2`, plus `&invalidTotal=n` when the link has no room for
// them all), beside a list kept in this tab, and in Recent's entry — so the note comes back on a
// reload, in another tab and from Recent. Tokens are only what a paste's analysis makes (letters,
// digits, hyphens), so they go into a URL unescaped; whatever a link or storage holds is read again
// as a paste is, so nothing else is ever listed.
import { type JobIdTextAnalysis, analyseJobIdText } from '../../lib/job-id.ts'

/** Tokens kept per list; the rest is a count ("… and 12 more"). */
export const REJECTED_KEPT = 50

export interface RejectedTokens {
  /** The first REJECTED_KEPT tokens, as pasted. */
  readonly tokens: readonly string[]
  /** How many there were in all. */
  readonly total: number
}

/** What a paste left out, as a list keeps it. */
export function rejectedOf(analysis: JobIdTextAnalysis): RejectedTokens {
  return { tokens: analysis.rejected.slice(0, REJECTED_KEPT), total: analysis.rejected.length }
}

const TOKEN_PATTERN = /^[0-9a-z-]{1,200}$/i

/**
 * `&invalid=t1,t2` with the tokens that fit in `room` characters, and `&invalidTotal=n` when not all
 * of them are there; '' for none.
 */
export function rejectedQuery(rejected: RejectedTokens | null | undefined, room: number): string {
  if (!rejected || rejected.total === 0) return ''
  const carried: string[] = []
  let length = 0
  for (const token of rejected.tokens) {
    if (!TOKEN_PATTERN.test(token)) continue
    if (length + token.length + 1 > room) break
    carried.push(token)
    length += token.length + 1
  }
  const tokens = carried.length > 0 ? `&invalid=${carried.join(',')}` : ''
  return rejected.total > carried.length ? `${tokens}&invalidTotal=${rejected.total}` : tokens
}

/** Tokens read back from text a link or storage held, and the total they claim (never fewer). */
function readTokens(text: string, claimedTotal: unknown): RejectedTokens | undefined {
  const tokens = analyseJobIdText(text).rejected.slice(0, REJECTED_KEPT)
  const total =
    typeof claimedTotal === 'number' && Number.isSafeInteger(claimedTotal)
      ? Math.max(claimedTotal, tokens.length)
      : tokens.length
  return total === 0 ? undefined : { tokens, total }
}

/**
 * The tokens a link carries, if any: in `invalid`, and any in `ids` itself (a hand-made link such as
 * `?ids=<id>,zz0e9f4a-…` says what in it is not an id, as the box would).
 */
export function readRejectedParams(params: URLSearchParams): RejectedTokens | undefined {
  const total = params.get('invalidTotal')
  const text = `${params.get('ids') ?? ''},${params.get('invalid') ?? ''}`
  return readTokens(text, total === null ? null : Number(total))
}

/** For a list kept in this tab: the tokens as stored beside it. */
export function serialiseRejected(rejected: RejectedTokens): string {
  const tokens = rejected.tokens.filter((token) => TOKEN_PATTERN.test(token))
  return JSON.stringify({ tokens, total: rejected.total })
}

/** Whatever was stored beside a list: its tokens, or nothing when it is not what we wrote. */
export function parseRejected(stored: string | null): RejectedTokens | undefined {
  if (stored === null) return undefined
  try {
    const parsed: unknown = JSON.parse(stored)
    if (typeof parsed !== 'object' || parsed === null) return undefined
    const { tokens, total } = parsed as Record<string, unknown>
    if (!Array.isArray(tokens) || !tokens.every((token) => typeof token === 'string')) {
      return undefined
    }
    return readTokens(tokens.join(','), total)
  } catch {
    return undefined
  }
}
