// Recent shows single lookups and batches in one list: pinned first, then the most recent. The filter
// box matches either by id, status, kind or model (every word typed must match something).
import type { RecentBatch } from './recent-batches.ts'
import type { RecentLookup } from './recent-lookups.ts'
import type { KindRegistry } from '../../kinds/registry.ts'
import { kindWord } from '../../kinds/lazy-kinds.ts'

export type RecentItem =
  | { readonly type: 'job'; readonly key: string; readonly entry: RecentLookup }
  | { readonly type: 'batch'; readonly key: string; readonly entry: RecentBatch }

export function mergeRecent(
  jobs: readonly RecentLookup[],
  batches: readonly RecentBatch[],
): RecentItem[] {
  const items: RecentItem[] = [
    ...jobs.map((entry) => ({ type: 'job' as const, key: `job-${entry.id}`, entry })),
    ...batches.map((entry) => ({ type: 'batch' as const, key: `batch-${entry.key}`, entry })),
  ]
  return items.sort(
    (a, b) =>
      Number(b.entry.pinned) - Number(a.entry.pinned) || b.entry.lookedUpAt - a.entry.lookedUpAt,
  )
}

/** The texts a filter word is looked for in, lowercase. */
function searchableTexts(item: RecentItem, registry: KindRegistry | undefined): string[] {
  const word = (kind: string) => kindWord(registry, kind)
  if (item.type === 'job') {
    const { id, status, kind, model } = item.entry
    return [id, status ?? '', kind ?? '', kind ? word(kind) : '', model ?? ''].map((text) =>
      text.toLowerCase(),
    )
  }
  const { ids, groups, kinds, models } = item.entry
  return [
    'batch',
    ...ids,
    ...groups.map(({ group }) => group),
    ...kinds,
    ...kinds.map(word),
    ...models,
  ].map((text) => text.toLowerCase())
}

/** `registry`: the kinds, for their words, once loaded (a kind's name matches meanwhile). */
export function matchesRecentFilter(
  item: RecentItem,
  filter: string,
  registry?: KindRegistry,
): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const texts = searchableTexts(item, registry)
  return words.every((word) => texts.some((text) => text.includes(word)))
}
