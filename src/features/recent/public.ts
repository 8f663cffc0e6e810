// The Recent feature's door: its list for the home page (a chunk of its own, preloaded on `/`), its
// stores, and what the pages that look jobs up use to keep it current. Everything exported here is
// light — an import of a door puts all of it in the importer's chunk — so the list and the batch store
// are behind loaders.
import { lazyView } from '../../components/lazy-part.tsx'

export const recentLookups = lazyView(() =>
  import('./RecentLookups.tsx').then((module) => module.RecentLookups),
)

export { type RecentLookupStore, recentLookupsPart } from './recent-lookups.ts'
export {
  type WatchedRow,
  followJobsForRecent,
  seenJobOf,
  useRecordLookup,
} from './recent-recording.ts'
export { batchKey, lazyRecentBatches, summariseBatch } from './recent-batch-entry.ts'
export type { RecentBatchStore } from './recent-batches.ts'
