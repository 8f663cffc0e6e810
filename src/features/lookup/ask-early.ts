// The Job ID box asks the API as it opens the job page, so the page finds the answer on its way.
// The lookup's code comes on demand: the box's focus fetches it (`loadLookupCode`), and once it is
// in, the submit sends the request at once — before React draws the page it navigates to. When the
// code arrives only after the page has asked for itself, asking again would search every endpoint a
// second time against the same per-person limit — so then it asks nothing. (The check comes with
// the lookup's code: the home page's first load carries only this.)
import type { QueryClient } from '@tanstack/query-core'
import type { RuntimeConfig } from '../../config/runtime-config.ts'
import type * as JobQuery from '../../jobs/job-query.ts'
import type * as Registry from '../../kinds/registry.ts'
import type { AppScope } from '../../lib/app-scope.ts'

type LookupCode = readonly [typeof Registry, typeof JobQuery]

/** The lookup's code once loaded in this page (a module, like the modules it holds: not app state). */
let lookupCode: LookupCode | undefined

/** Fetches the lookup's code; resolves with it, or `undefined` if it cannot be loaded. */
export function loadLookupCode(): Promise<LookupCode | undefined> {
  return Promise.all([import('../../kinds/registry.ts'), import('../../jobs/job-query.ts')]).then(
    (code) => (lookupCode = code),
    () => undefined,
  )
}

/**
 * Looks `id` up for the page about to open, unless the page has asked since `submittedAt` — at once
 * when the lookup's code is in, else once it is. Never fails: if the code cannot load, the page asks
 * for itself.
 */
export function askEarly(
  client: QueryClient,
  scope: AppScope,
  { apiBase, pollBounds }: Pick<RuntimeConfig, 'apiBase' | 'pollBounds'>,
  id: string,
  submittedAt = Date.now(),
): Promise<void> {
  const ask = ([{ kindsPart }, { askedSince, jobQueryOptions }]: LookupCode) =>
    askedSince(client, id, submittedAt)
      ? undefined
      : client.prefetchQuery(
          jobQueryOptions(id, {
            kinds: scope.get(kindsPart),
            apiBase,
            pollBounds,
            autoRefresh: true,
          }),
        )
  if (lookupCode !== undefined) return ask(lookupCode) ?? Promise.resolve()
  return loadLookupCode().then((code) => (code === undefined ? undefined : ask(code)))
}
