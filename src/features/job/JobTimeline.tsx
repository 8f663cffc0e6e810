// The job page's "Timeline" section, loaded on demand: it sits below the results, so its code need
// not hold up the first screen. JobPage shows it in one Suspense boundary with the raw response.
import type { JobBase as Job } from '../../api/job-base.ts'
import { lazyPart } from '../../components/lazy-part.tsx'

export const JobTimeline = lazyPart<{ jobId: string; job: Job }>(
  () => import('./StatusTimeline.tsx'),
)
