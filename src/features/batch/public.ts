// The batch feature's door. The page is a chunk of its own (most visits never need it); where a list
// of ids lives — its link, or this tab's storage — is for anyone who sends a person to a batch.
import { lazyRecentBatches } from '../recent/public.ts'

export { MAX_IDS_IN_URL_CHARS, batchLink, clearBatchLists, readBatchSearch } from './batch-link.ts'
export type { RejectedTokens } from './rejected-tokens.ts'

/** The page's code, with Recent's batch list it records into (so it records from its first render). */
export const loadBatchPage = () =>
  Promise.all([import('./BatchPage.tsx'), lazyRecentBatches.load()]).then(([page]) => page)
