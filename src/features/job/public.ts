// The job feature's door: what the rest of the app may use of it. The page is a chunk of its own
// (preloaded on /jobs/:id by src/early-lookup.ts and awaited before the first render there; fetched
// on `/` when the id box gets the focus). The timelines are recorded for the whole app from its start.
import { lazyView } from '../../components/lazy-part.tsx'

export const jobPage = lazyView(() => import('./JobPage.tsx').then((module) => module.JobPage))

export { timelinesPart } from './status-timeline.ts'
export { recordStatusTimelines } from './status-timeline-recorder.ts'
