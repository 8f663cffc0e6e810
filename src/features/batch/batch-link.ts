// Where a list of job ids lives: in the URL (`/batch?ids=a,b,c`) so the view can be shared and
// reloaded, or — when the list is too long for a URL to carry safely — in this tab's sessionStorage
// under a short token (`/batch?list=<token>`): reload still works, sharing the link does not.

/** Proxies and servers commonly refuse request lines past 8 KB; stay well below. */
export const MAX_IDS_IN_URL_CHARS = 4_000
const LIST_KEY_PREFIX = 'jobscope.batch.'

export interface BatchLink {
  readonly href: string
  /** False when the ids are kept in this tab only. */
  readonly shareable: boolean
}

export function batchLink(ids: readonly string[]): BatchLink {
  const joined = ids.join(',')
  if (joined.length <= MAX_IDS_IN_URL_CHARS)
    return { href: `/batch?ids=${joined}`, shareable: true }
  const token = Math.random().toString(36).slice(2, 10)
  try {
    sessionStorage.setItem(`${LIST_KEY_PREFIX}${token}`, joined)
  } catch {
    // storage unavailable or full: the list cannot survive a navigation, say so via an empty list
    return { href: '/batch?list=unavailable', shareable: false }
  }
  return { href: `/batch?list=${token}`, shareable: false }
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
      if (key?.startsWith(LIST_KEY_PREFIX)) keys.push(key)
    }
    for (const key of keys) sessionStorage.removeItem(key)
    return keys.length
  } catch {
    return 0
  }
}

export interface BatchSource {
  /** The raw text holding the ids (comma-separated from the URL or storage). */
  readonly text: string
  readonly shareable: boolean
  /** Set when a `list` token could not be found in this tab. */
  readonly missingList: boolean
}

export function readBatchSearch(search: string): BatchSource {
  const params = new URLSearchParams(search)
  const ids = params.get('ids')
  if (ids !== null) return { text: ids, shareable: true, missingList: false }
  const token = params.get('list')
  if (token === null) return { text: '', shareable: true, missingList: false }
  let stored: string | null
  try {
    stored = /^[a-z0-9]{1,16}$/.test(token)
      ? sessionStorage.getItem(`${LIST_KEY_PREFIX}${token}`)
      : null
  } catch {
    stored = null
  }
  return { text: stored ?? '', shareable: false, missingList: stored === null }
}
