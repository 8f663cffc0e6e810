// The tokens that looked like ids but were not valid, kept with the list they were left out of, so
// the note survives a reload and coming back to the list. In this tab's sessionStorage, keyed by a
// hash of the list's ids: the URL carries only valid ids (it is shared; the tokens are the pasting
// person's concern, and could be long), and a list kept behind `?list=` is in this tab anyway.
import { appPart } from '../../lib/app-scope.ts'

const STORAGE_KEY = 'jobscope.batch.rejected'
/** Tokens kept per list; the rest is a count ("… and 12 more"). */
export const REJECTED_KEPT = 50
/** Lists remembered; the oldest is dropped first. */
const LISTS_KEPT = 20

export interface RejectedTokens {
  /** The first REJECTED_KEPT tokens, as written. */
  readonly tokens: readonly string[]
  /** How many there were in all. */
  readonly total: number
}

interface StoredEntry extends RejectedTokens {
  readonly list: string
}

/** FNV-1a over the joined ids: short, stable, and the ids themselves are not stored twice. */
export function listKey(ids: readonly string[]): string {
  let hash = 0x811c9dc5
  const text = ids.join(',')
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  return `${(hash >>> 0).toString(36)}.${ids.length}`
}

function isRejectedTokens(value: unknown): value is StoredEntry {
  if (typeof value !== 'object' || value === null) return false
  const { list, tokens, total } = value as Record<string, unknown>
  return (
    typeof list === 'string' &&
    Array.isArray(tokens) &&
    tokens.every((token) => typeof token === 'string') &&
    typeof total === 'number' &&
    Number.isInteger(total) &&
    total >= tokens.length
  )
}

function readAll(): StoredEntry[] {
  try {
    const parsed: unknown = JSON.parse(globalThis.sessionStorage?.getItem(STORAGE_KEY) ?? '[]')
    return Array.isArray(parsed) ? parsed.filter(isRejectedTokens) : []
  } catch {
    return []
  }
}

export interface RejectedTokenStore {
  /** Keeps the rejected tokens of a list (or forgets them, when there are none). */
  remember: (ids: readonly string[], rejected: readonly string[]) => void
  recall: (ids: readonly string[]) => RejectedTokens | null
}

export function createRejectedTokenStore(): RejectedTokenStore {
  /** Written when storage is unavailable: the note still survives moving around the app. */
  const inMemory = new Map<string, RejectedTokens>()
  return {
    remember(ids, rejected) {
      const list = listKey(ids)
      const entry = { tokens: rejected.slice(0, REJECTED_KEPT), total: rejected.length }
      if (rejected.length > 0) inMemory.set(list, entry)
      else inMemory.delete(list)
      const others = readAll().filter((stored) => stored.list !== list)
      const next = rejected.length > 0 ? [{ list, ...entry }, ...others] : others
      try {
        globalThis.sessionStorage?.setItem(STORAGE_KEY, JSON.stringify(next.slice(0, LISTS_KEPT)))
      } catch {
        // storage full or disabled: the in-memory copy still serves this page load
      }
    },
    recall(ids) {
      const list = listKey(ids)
      const stored = readAll().find((entry) => entry.list === list)
      if (stored) return { tokens: stored.tokens, total: stored.total }
      return inMemory.get(list) ?? null
    },
  }
}

/** This app's notes of rejected tokens. */
export const rejectedTokensPart = appPart('rejected tokens', () => createRejectedTokenStore())
