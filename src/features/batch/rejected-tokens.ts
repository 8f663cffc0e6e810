// The tokens that looked like ids but were not valid, as pasted: they travel with the list they were
// left out of — in its link (`&invalid=t1,t2`, plus `&invalidTotal=n` when the link has no room for
// them all), in the text of a list kept in this tab, and in Recent's entry — so the note comes back
// on a reload, in another tab and from Recent. Tokens are only what a paste's analysis makes
// (letters, digits, hyphens), so they go into a URL unescaped; whatever a link or storage holds is
// read again as a paste is (rejected-list.ts), so nothing else is ever listed. This part is what
// links need, and so in the first load of every page: keep it small.
/** Tokens kept per list; the rest is a count ("… and 12 more"). */
export const REJECTED_KEPT = 50

export interface RejectedTokens {
  /** The first REJECTED_KEPT tokens, as pasted. */
  readonly tokens: readonly string[]
  /** How many there were in all. */
  readonly total: number
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
