// Where a list of job ids lives: in the URL (`/batch?ids=a,b,c`) so the view can be shared and
// reloaded, or — when the list is too long for a URL to carry safely — in this tab's sessionStorage
// under a short token (`/batch?list=<token>`): reload still works, sharing the link does not. Either
// way what was found and left out goes with the ids: the kinds found so far (`&kinds=`, one character
// per id, lib/job-kinds.ts), so reopening the list asks each id's own endpoint only, and the tokens
// pasted with it that are not ids (`&invalid=`, rejected-tokens.ts), so the page still says so.
import { isEncodedKinds } from '../../lib/job-kinds.ts'
import {
  type RejectedTokens,
  parseRejected,
  readRejectedParams,
  rejectedQuery,
  serialiseRejected,
} from './rejected-tokens.ts'

/** Proxies and servers commonly refuse request lines past 8 KB; stay well below. */
export const MAX_IDS_IN_URL_CHARS = 4_000
const LIST_KEY_PREFIX = 'jobscope.batch.'
/** What goes beside a list kept in the tab, under its token: its kinds and its invalid tokens. */
const BESIDE = ['kinds', 'invalid'] as const
const besideKey = (token: string, what: (typeof BESIDE)[number]) =>
  `${LIST_KEY_PREFIX}${token}.${what}`

export interface BatchLink {
  readonly href: string
  /** False when the ids are kept in this tab only. */
  readonly shareable: boolean
}

/** Whether the encoded kinds say anything (a list of unknowns is left out of a link). */
const knowsAny = (kinds: string) => /[^.]/.test(kinds)

/**
 * The link of a list: its ids, the kinds found so far, and the tokens pasted with it that are not
 * ids (those that fit beside the ids within MAX_IDS_IN_URL_CHARS; the link says how many there were).
 */
export function batchLink(
  ids: readonly string[],
  kinds = '',
  rejected?: RejectedTokens | null,
): BatchLink {
  const joined = ids.join(',')
  const known = isEncodedKinds(kinds) && knowsAny(kinds) ? kinds.slice(0, ids.length) : ''
  if (joined.length <= MAX_IDS_IN_URL_CHARS) {
    const room = MAX_IDS_IN_URL_CHARS - joined.length
    return { href: idsHref(joined, known, rejectedQuery(rejected, room)), shareable: true }
  }
  const token = Math.random().toString(36).slice(2, 10)
  try {
    sessionStorage.setItem(`${LIST_KEY_PREFIX}${token}`, joined)
    if (known !== '') sessionStorage.setItem(besideKey(token, 'kinds'), known)
    if (rejected && rejected.total > 0) {
      sessionStorage.setItem(besideKey(token, 'invalid'), serialiseRejected(rejected))
    }
  } catch {
    // storage unavailable or full: the list cannot survive a navigation, say so via an empty list
    return { href: '/batch?list=unavailable', shareable: false }
  }
  return { href: `/batch?list=${token}`, shareable: false }
}

function idsHref(joinedIds: string, kinds: string, rejected = ''): string {
  return `/batch?ids=${joinedIds}${kinds === '' ? '' : `&kinds=${kinds}`}${rejected}`
}

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
    const room = MAX_IDS_IN_URL_CHARS - ids.length
    return idsHref(ids, kinds, rejectedQuery(readRejectedParams(params), room))
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

/**
 * Removes every batch list this tab kept (the "Clear all" of Recent lookups: a kept list holds the
 * same job ids). Returns how many were removed; storage that cannot be read removes nothing.
 */
export function clearBatchLists(): number {
  try {
    const keys: string[] = []
    for (let index = 0; index < sessionStorage.length; index += 1) {
      const key = sessionStorage.key(index)
      if (key?.startsWith(LIST_KEY_PREFIX) && !BESIDE.some((what) => key.endsWith(`.${what}`))) {
        keys.push(key)
      }
    }
    for (const key of keys) {
      sessionStorage.removeItem(key)
      for (const what of BESIDE) sessionStorage.removeItem(`${key}.${what}`)
    }
    return keys.length
  } catch {
    return 0
  }
}

export interface BatchSource {
  /** The raw text holding the ids (comma-separated from the URL or storage). */
  readonly text: string
  /** The ids' kinds as found before (encoded, one character per id), or '' when none are known. */
  readonly kinds: string
  readonly shareable: boolean
  /** Set when a `list` token could not be found in this tab. */
  readonly missingList: boolean
  /** The tokens pasted with the list that are not ids, when the link carries them. */
  readonly rejected?: RejectedTokens
}

const validKinds = (kinds: string | null) => (kinds !== null && isEncodedKinds(kinds) ? kinds : '')

export function readBatchSearch(search: string): BatchSource {
  const params = new URLSearchParams(search)
  const ids = params.get('ids')
  if (ids !== null) {
    const rejected = readRejectedParams(params)
    return {
      text: ids,
      kinds: validKinds(params.get('kinds')),
      shareable: true,
      missingList: false,
      ...(rejected === undefined ? {} : { rejected }),
    }
  }
  const token = params.get('list')
  if (token === null) return { text: '', kinds: '', shareable: true, missingList: false }
  let stored: string | null
  let kinds: string | null = null
  let rejected: RejectedTokens | undefined
  try {
    const valid = /^[a-z0-9]{1,16}$/.test(token)
    stored = valid ? sessionStorage.getItem(`${LIST_KEY_PREFIX}${token}`) : null
    kinds = valid ? sessionStorage.getItem(besideKey(token, 'kinds')) : null
    rejected = valid
      ? parseRejected(sessionStorage.getItem(besideKey(token, 'invalid')))
      : undefined
  } catch {
    stored = null
  }
  return {
    text: stored ?? '',
    kinds: validKinds(kinds),
    shareable: false,
    missingList: stored === null,
    ...(rejected === undefined || stored === null ? {} : { rejected }),
  }
}
