import { useEffect } from 'react'
import { useLocation, useSearch } from 'wouter'
import { afterNextPaint } from '../../lib/after-paint.ts'
import type { JobKind } from '../../lib/job-kinds.ts'

/**
 * Writes the kind into the address once an endpoint has answered (`/jobs/:id?kind=chat`), replacing
 * the entry, so a reload or a shared link asks only that endpoint.
 */
export function useKindInUrl(jobId: string, kind: JobKind | undefined): void {
  const [, navigate] = useLocation()
  const search = useSearch()
  useEffect(() => {
    if (kind === undefined) return
    const params = new URLSearchParams(search)
    if (params.get('kind') === kind) return
    params.set('kind', kind)
    // After the answer is on screen: the new address re-renders the route, and that can wait.
    return afterNextPaint(() => navigate(`/jobs/${jobId}?${params.toString()}`, { replace: true }))
  }, [jobId, kind, search, navigate])
}
