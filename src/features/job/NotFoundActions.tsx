// For a job no endpoint knows: look again, or — when only the kind of a `?kind=` link was asked — look
// in every kind.
import { useQueryClient } from '@tanstack/react-query'
import { RefreshCw } from 'lucide-react'
import { Link } from 'wouter'
import { useRuntimeConfig } from '../../components/app-scope.tsx'
import { jobQueryOptions } from '../../jobs/job-query.ts'
import { type JobKind, kindsSentence } from '../../lib/job-kinds.ts'
import { useKinds } from '../../kinds/registry.ts'
import type { JobWatch } from './use-job-watch.ts'

interface NotFoundActionsProps {
  jobId: string
  watch: JobWatch
  /** The one kind asked (a `?kind=` link), if it was one. */
  kindHint: JobKind | undefined
}

export function NotFoundActions({ jobId, watch, kindHint }: NotFoundActionsProps) {
  const kinds = useKinds()
  const queryClient = useQueryClient()
  const { apiBase } = useRuntimeConfig()
  const { query, pollBounds, autoRefresh, refresh } = watch
  return (
    <p className="flex flex-wrap items-center gap-3 text-sm">
      <button type="button" className="btn-secondary" disabled={query.isFetching} onClick={refresh}>
        <RefreshCw
          aria-hidden="true"
          className={`size-4 ${query.isFetching ? 'motion-safe:animate-spin' : ''}`}
        />
        Look again
      </button>
      {kindHint !== undefined && (
        <Link
          className="link"
          href={`/jobs/${jobId}`}
          // The page stays (same job): start the full search with the options it will have.
          onClick={() =>
            void queryClient.prefetchQuery(
              jobQueryOptions(jobId, { kinds, apiBase, pollBounds, autoRefresh, kind: undefined }),
            )
          }
        >
          Look for it in every kind ({kindsSentence(kinds.names)})
        </Link>
      )}
    </p>
  )
}
