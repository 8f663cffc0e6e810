// The job page's "Timeline" section, loaded on demand: it sits below the facts, so its code need not
// hold up the first screen.
import { Suspense } from 'react'
import type { JobBase as Job } from '../../api/job-base.ts'
import { lazyPart } from '../../components/lazy-part.tsx'

const StatusTimeline = lazyPart(() => import('./StatusTimeline.tsx'))

export function JobTimeline(props: { jobId: string; job: Job }) {
  return (
    <Suspense fallback={null}>
      <StatusTimeline {...props} />
    </Suspense>
  )
}
