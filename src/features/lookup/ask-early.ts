// The Job ID box asks the API as it opens the job page, so the page finds the answer on its way.
// The lookup's code comes on demand (usually already loaded by the box's focus): when it arrives
// after the page has asked for itself, asking again would search every endpoint a second time
// against the same per-person limit — so then it asks nothing. (The check comes with the lookup's
// code: the home page's first load carries only this.)
import type { QueryClient } from '@tanstack/query-core'
import type { RuntimeConfig } from '../../config/runtime-config.ts'
import type { AppScope } from '../../lib/app-scope.ts'

/**
 * Looks `id` up for the page about to open, unless the page has asked since `submittedAt`. Never
 * fails: if the code cannot load, the page asks for itself.
 */
export async function askEarly(
  client: QueryClient,
  scope: AppScope,
  { apiBase, pollBounds }: Pick<RuntimeConfig, 'apiBase' | 'pollBounds'>,
  id: string,
  submittedAt = Date.now(),
): Promise<void> {
  const modules = await Promise.all([
    import('../../kinds/registry.ts'),
    import('../../jobs/job-query.ts'),
  ]).catch(() => undefined)
  if (modules === undefined) return
  const [{ kindsPart }, { askedSince, jobQueryOptions }] = modules
  if (askedSince(client, id, submittedAt)) return
  await client.prefetchQuery(
    jobQueryOptions(id, { kinds: scope.get(kindsPart), apiBase, pollBounds, autoRefresh: true }),
  )
}
