// Reads the id list from the URL (or this tab's storage) and hands off to the batch feature, which is
// loaded on demand: most visits never need it.
import { lazy, Suspense, useMemo } from 'react'
import { useSearch } from 'wouter'
import { loadBatchPage, readBatchSearch } from '../../features/batch/public.ts'

const BatchPage = lazy(loadBatchPage)

export function BatchRoute() {
  const search = useSearch()
  const source = useMemo(() => readBatchSearch(search), [search])
  return (
    <Suspense fallback={<p className="text-muted text-sm">Loading…</p>}>
      <BatchPage
        sourceText={source.text}
        knownKinds={source.kinds}
        shareable={source.shareable}
        missingList={source.missingList}
        rejectedTotal={source.rejectedTotal}
      />
    </Suspense>
  )
}
