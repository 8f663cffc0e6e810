// Where a list of job ids lives: in the URL (`/batch?ids=a,b,c`) so the view can be shared and
// reloaded, or — when the list is too long for a URL to carry safely — in this tab's sessionStorage
// under a short token (`/batch?list=<token>`): reload still works, sharing the link does not. Either
// way what was found and left out goes with the ids: the kinds found so far (`&kinds=`, one character
// per id, lib/job-kinds.ts), so reopening the list asks each id's own endpoint only, and the tokens
// pasted with it that are not ids (`&invalid=`, rejected-tokens.ts), so the page still says so.
import { isEncodedKinds } from '../../lib/job-kinds.ts'
import { type RejectedTokens, rejectedQuery } from './rejected-tokens.ts'

/** Proxies and servers commonly refuse request lines past 8 KB; stay well below. */
export const MAX_IDS_IN_URL_CHARS = 4_000
const LIST_KEY_PREFIX = 'jobscope.batch.'
/**
 * What goes beside a list kept in the tab, under its token: its kinds, and how many invalid tokens
 * it was pasted with when that is more than it keeps (the first ones are kept in its text).
 */
const BESIDE = ['kinds', 'invalidTotal'] as const
export const besideKey = (token: string, what: (typeof BESIDE)[number]) =>
  `${LIST_KEY_PREFIX}${token}.${what}`

export interface BatchLink {
  readonly href: string
  /** False when the ids are kept in this tab only. */
  readonly shareable: boolean
}

/** Whether the encoded kinds say anything (a list of unknowns is left out of a link). */
export const knowsAny = (kinds: string) => /[^.]/.test(kinds)

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
  // the text of the list, as a paste: its ids, then the tokens that are not ids
  const tokens = rejected?.tokens ?? []
  try {
    sessionStorage.setItem(`${LIST_KEY_PREFIX}${token}`, [joined, ...tokens].join(','))
    if (known !== '') sessionStorage.setItem(besideKey(token, 'kinds'), known)
    if (rejected && rejected.total > tokens.length) {
      sessionStorage.setItem(besideKey(token, 'invalidTotal'), String(rejected.total))
    }
  } catch {
    // storage unavailable or full: the list cannot survive a navigation, say so via an empty list
    return { href: '/batch?list=unavailable', shareable: false }
  }
  return { href: `/batch?list=${token}`, shareable: false }
}

/** A short list's address: its ids, its kinds if any are known, its invalid tokens if any. */
export function idsHref(joinedIds: string, kinds: string, rejected = ''): string {
  return `/batch?ids=${joinedIds}${kinds === '' ? '' : `&kinds=${kinds}`}${rejected}`
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
  /**
   * The text of the list, read as a paste is: its ids (comma-separated, from the URL or storage),
   * and the tokens pasted with them that are not ids, as pasted.
   */
  readonly text: string
  /** The ids' kinds as found before (encoded, one character per id), or '' when none are known. */
  readonly kinds: string
  readonly shareable: boolean
  /** Set when a `list` token could not be found in this tab. */
  readonly missingList: boolean
  /** How many invalid tokens the list was pasted with, when the text could not keep them all. */
  readonly rejectedTotal?: number
}

const validKinds = (kinds: string | null) => (kinds !== null && isEncodedKinds(kinds) ? kinds : '')

/** A stated count of tokens, when it is one (the page never lists fewer than it finds). */
function statedTotal(value: string | null): { rejectedTotal?: number } {
  const total = Number(value ?? undefined)
  return Number.isSafeInteger(total) && total > 0 ? { rejectedTotal: total } : {}
}

export function readBatchSearch(search: string): BatchSource {
  const params = new URLSearchParams(search)
  const ids = params.get('ids')
  if (ids !== null) {
    const invalid = params.get('invalid')
    return {
      text: invalid ? `${ids},${invalid}` : ids,
      kinds: validKinds(params.get('kinds')),
      shareable: true,
      missingList: false,
      ...statedTotal(params.get('invalidTotal')),
    }
  }
  const token = params.get('list')
  if (token === null) return { text: '', kinds: '', shareable: true, missingList: false }
  let stored: string | null
  let kinds: string | null = null
  let total: string | null = null
  try {
    const valid = /^[a-z0-9]{1,16}$/.test(token)
    stored = valid ? sessionStorage.getItem(`${LIST_KEY_PREFIX}${token}`) : null
    kinds = valid ? sessionStorage.getItem(besideKey(token, 'kinds')) : null
    total = valid ? sessionStorage.getItem(besideKey(token, 'invalidTotal')) : null
  } catch {
    stored = null
  }
  return {
    text: stored ?? '',
    kinds: validKinds(kinds),
    shareable: false,
    missingList: stored === null,
    ...statedTotal(total),
  }
}
