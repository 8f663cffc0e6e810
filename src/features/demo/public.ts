// The demo feature's door: the list of demo jobs, shown on the home page in demo mode (a chunk of its
// own, preloaded on `/`).
import { lazyView } from '../../components/lazy-part.tsx'

export const demoJobList = lazyView(() =>
  import('./DemoJobList.tsx').then((module) => module.DemoJobList),
)
