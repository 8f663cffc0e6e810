// One job of any kind, watched until it ends. Renders data first, then error, then loading, so a
// failed poll never wipes out what is already known. The job's kind (the registry) supplies the word
// beside the badge, the PROCESSING hint, the extra facts and the results section.
import { Suspense, useEffect, useMemo } from 'react'
import { lazyPart } from '../../components/lazy-part.tsx'
import { useDocumentTitle } from '../../components/use-document-title.ts'
import type { JobKind } from '../../lib/job-kinds.ts'
import { useKinds } from '../../kinds/registry.ts'
import { afterNextPaint } from '../../lib/after-paint.ts'
import { useRecordLookup } from '../recent/public.ts'
import { JobFacts, JobFactsPlaceholder } from './JobFacts.tsx'
import { JobHeader } from './JobHeader.tsx'
import { JobResults } from './JobResults.tsx'
import { JobTimeline } from './JobTimeline.tsx'
import { NotFoundActions } from './NotFoundActions.tsx'
import { ProblemBanner, preloadProblemNotice } from './RefreshControls.tsx'
import { useJobWatch } from './use-job-watch.ts'
import { useKindInUrl } from './use-kind-in-url.ts'

// At the foot of the page, folded: its code comes after the first paint.
const RawResponse = lazyPart<{ raw: unknown }>(() =>
  import('./RawResponse.tsx').then((module) => ({ default: module.RawResponse })),
)

export interface JobPageProps {
  jobId: string
  /** From `?kind=` (a link, Recent): only that endpoint is asked. Undefined: search every kind. */
  kindHint: JobKind | undefined
}

export function JobPage({ jobId, kindHint: kindParam }: JobPageProps) {
  const kinds = useKinds()
  // Only a kind this app knows narrows the search; any other `?kind=` value is ignored.
  const kindHint = kinds.has(kindParam) ? kindParam : undefined
  const watch = useJobWatch(jobId, kinds, kindHint)
  const { data } = watch.query

  useKindInUrl(jobId, data?.job.kind)
  useRecordLookup(
    useMemo(() => [jobId], [jobId]),
    kindHint,
  )
  useDocumentTitle(data?.job.status ?? (watch.notFound ? 'not found' : null))
  // What the first screen can do without, fetched once it is painted.
  useEffect(
    () =>
      afterNextPaint(() => {
        preloadProblemNotice()
        RawResponse.preload()
      }),
    [],
  )

  return (
    <article className="flex flex-col gap-4" aria-labelledby="job-heading">
      <JobHeader jobId={jobId} watch={watch} />
      {watch.problem && <ProblemBanner watch={watch} jobId={jobId} />}
      {watch.notFound && <NotFoundActions jobId={jobId} watch={watch} kindHint={kindHint} />}
      {data ? (
        <>
          <JobFacts job={data.job} raw={data.raw} />
          {/* The answer before its history: the Timeline's code arrives after the first paint, and
              above the results it pushed them down as it came (and off a phone's first screen). */}
          <JobResults job={data.job} />
          {/* Both come after the first paint, and together: apart, the raw response could arrive
              first and be pushed down by the Timeline (a layout shift). */}
          <Suspense fallback={null}>
            <JobTimeline jobId={jobId} job={data.job} />
            <RawResponse raw={data.raw} />
          </Suspense>
        </>
      ) : (
        !watch.problem && <JobFactsPlaceholder />
      )}
    </article>
  )
}
