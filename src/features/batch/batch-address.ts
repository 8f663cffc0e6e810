// The address of a list as its kinds become known (the batch page's own; links to a batch are made
// by batch-link.ts): a short list's link takes `&kinds=`, a list kept in the tab has them written
// beside it. Apart from batch-link.ts because only the page needs it: the door's module is in the
// first load of every page.
import { isEncodedKinds } from '../../lib/job-kinds.ts'
import { MAX_IDS_IN_URL_CHARS, besideKey, idsHref, knowsAny } from './batch-link.ts'
import { rejectedQuery } from './rejected-tokens.ts'

/**
 * The address of a list now that more of its kinds are known: `?ids=` with the new `&kinds=`, or —
 * for a list kept in the tab — the same `?list=` address, its kinds written beside it. Undefined
 * when the address need not change.
 */
export function withKinds(search: string, kinds: string): string | undefined {
  if (!isEncodedKinds(kinds) || !knowsAny(kinds)) return undefined
  const params = new URLSearchParams(search)
  const ids = params.get('ids')
  if (ids !== null) {
    if (params.get('kinds') === kinds) return undefined
    // the invalid tokens stay as they were (rejectedQuery keeps only what looks like one)
    const tokens = params.get('invalid')?.split(',') ?? []
    const total = Math.max(Number(params.get('invalidTotal')) || 0, tokens.length)
    const room = MAX_IDS_IN_URL_CHARS - ids.length
    return idsHref(ids, kinds, rejectedQuery({ tokens, total }, room))
  }
  const token = params.get('list')
  if (token !== null && /^[a-z0-9]{1,16}$/.test(token)) {
    try {
      sessionStorage.setItem(besideKey(token, 'kinds'), kinds)
    } catch {
      // storage full or disabled: the kinds are found again next time
    }
  }
  return undefined
}
