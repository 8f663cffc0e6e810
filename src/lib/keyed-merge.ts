// Lists that several tabs change at once (the watch list, Recent) merge entry by entry: for each key
// the entry changed last wins, and a removal — kept a while as a note of when it happened — wins over
// an entry changed before it. The merge is commutative, associative and idempotent, so tabs that
// hear of each other's changes in any order end up with the same list.

export interface Removal {
  readonly key: string
  /** When it was removed (ms since epoch). */
  readonly at: number
}

export interface KeyedList<E> {
  /** In the order the caller keeps them; merge keeps this tab's order, then adds the others'. */
  readonly entries: readonly E[]
  readonly removed: readonly Removal[]
}

export interface KeyedMergeOptions<E> {
  readonly keyOf: (entry: E) => string
  /** When the entry last changed (ms since epoch). */
  readonly changedAt: (entry: E) => number
  /** Removals older than this are forgotten (their entries are long gone from every tab). */
  readonly keepRemovalsMs: number
  readonly now?: number
}

/** Two tabs that changed one entry in the same millisecond agree on the same one. */
function newer<E>(a: E, b: E, changedAt: (entry: E) => number): E {
  const byTime = changedAt(a) - changedAt(b)
  if (byTime !== 0) return byTime > 0 ? a : b
  return JSON.stringify(a) >= JSON.stringify(b) ? a : b
}

export function mergeKeyed<E>(
  mine: KeyedList<E>,
  theirs: KeyedList<E>,
  { keyOf, changedAt, keepRemovalsMs, now = Date.now() }: KeyedMergeOptions<E>,
): KeyedList<E> {
  const removedAt = new Map<string, number>()
  for (const { key, at } of [...mine.removed, ...theirs.removed]) {
    if (now - at > keepRemovalsMs) continue
    removedAt.set(key, Math.max(removedAt.get(key) ?? Number.NEGATIVE_INFINITY, at))
  }
  const byKey = new Map<string, E>()
  for (const entry of [...mine.entries, ...theirs.entries]) {
    const key = keyOf(entry)
    const current = byKey.get(key)
    byKey.set(key, current === undefined ? entry : newer(current, entry, changedAt))
  }
  const entries = [...byKey.values()].filter(
    (entry) => changedAt(entry) > (removedAt.get(keyOf(entry)) ?? Number.NEGATIVE_INFINITY),
  )
  const kept = new Set(entries.map(keyOf))
  const removed = [...removedAt]
    .filter(([key]) => !kept.has(key))
    .map(([key, at]) => ({ key, at }))
    .sort((a, b) => a.at - b.at || a.key.localeCompare(b.key))
  const unchanged =
    entries.length === mine.entries.length &&
    entries.every((entry, index) => entry === mine.entries[index]) &&
    removed.length === mine.removed.length
  return unchanged ? mine : { entries, removed }
}

/**
 * When a change made now to `key` counts as made: now, yet after the entry's last change and its last
 * removal, so a tab's own later change wins the merge even within one millisecond.
 */
export function changeStamp(
  removed: readonly Removal[],
  key: string,
  lastChange: number | undefined,
  now = Date.now(),
): number {
  let after = lastChange ?? Number.NEGATIVE_INFINITY
  for (const removal of removed) if (removal.key === key) after = Math.max(after, removal.at)
  return Math.max(now, after + 1)
}

/** A removal of each entry, now — yet never before its last change: a removal wins over what it removes. */
export function removalsOf<E>(
  entries: readonly E[],
  { keyOf, changedAt }: Pick<KeyedMergeOptions<E>, 'keyOf' | 'changedAt'>,
  now = Date.now(),
): Removal[] {
  return entries.map((entry) => ({ key: keyOf(entry), at: Math.max(now, changedAt(entry)) }))
}

/** The removals a stored list holds (`removed`); anything unreadable is left out. */
export function parseRemovals(stored: unknown): Removal[] {
  if (typeof stored !== 'object' || stored === null || !('removed' in stored)) return []
  const { removed } = stored
  if (!Array.isArray(removed)) return []
  return removed.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return []
    const { key, at } = item as Record<string, unknown>
    return typeof key === 'string' &&
      key.length <= 200 &&
      typeof at === 'number' &&
      Number.isFinite(at)
      ? [{ key, at }]
      : []
  })
}
