import { createRoot } from 'react-dom/client'
import { App } from './app/App.tsx'
import { createApp } from './app/create-app.ts'
import { loadHomeViews } from './app/routes/HomeRoute.tsx'
import { jobPage } from './features/job/public.ts'
import { loadRuntimeConfig } from './config/runtime-config.ts'
import { DEFAULT_API_BASE, abandonEarlyLookups } from './api/early-lookups.ts'
import { isJobId } from './lib/job-id.ts'
import { afterNextPaint } from './lib/after-paint.ts'
import { readyTimeFormatting } from './lib/time.ts'
import type { WatchedJob } from './jobs/job-data.ts'
import './index.css'

const root = document.getElementById('root')
if (root) {
  // config.json is preloaded by index.html, so this wait overlaps with loading this script; so does
  // the first screen's own chunk (preloaded by the early script). Rendering once it is here spares a
  // fallback and React's ~300 ms hold-back; if it fails to load, the route's lazy path reports it.
  const path = window.location.pathname
  const onJobPage = path.startsWith('/jobs/')
  const settings = loadRuntimeConfig()
  // A page's first time format costs ~12 ms (decision 025). A job page's first render shows times:
  // it sets them up now, with its answer on the way (queued for later, the setup tended to land just
  // as the answer did). Any other page draws first and sets them up after its first paint, so the
  // job page a lookup opens from it finds them done.
  if (onJobPage) readyTimeFormatting()
  const firstScreen =
    path === '/' ? loadHomeViews(settings) : onJobPage ? jobPage.load() : undefined
  // The kinds and the lookup's code come with the job page's (preloaded with it): the lookup is
  // parsed by its kind. On other pages they load when a lookup needs them.
  const lookup = onJobPage
    ? Promise.all([import('./kinds/registry.ts'), import('./jobs/job-query.ts')]).catch(
        () => undefined,
      )
    : undefined
  void Promise.all([settings, firstScreen?.catch(() => undefined), lookup]).then(
    ([config, , loaded]) => {
      // The early lookups asked the default proxy path; under another one nobody will adopt them.
      if (config.apiBase !== DEFAULT_API_BASE) abandonEarlyLookups()
      const app = createApp({ config })
      // Opening /jobs/:id directly: ask the API before the first render rather than after it (adopting
      // the lookups src/early-lookup.ts already sent).
      const id = /^\/jobs\/([^/]+)$/.exec(window.location.pathname)?.[1]?.toLowerCase()
      let firstAnswer: Promise<unknown> | undefined
      if (id !== undefined && isJobId(id) && loaded !== undefined) {
        const [registry, { jobQueryOptions }] = loaded
        const kinds = app.scope.get(registry.kindsPart)
        const kind = new URLSearchParams(window.location.search).get('kind')
        const options = jobQueryOptions(id, {
          ...config,
          kinds,
          autoRefresh: true,
          kind: kinds.has(kind) ? kind : undefined,
        })
        // With the answer, the code of its kind's results view when that is a chunk of its own (chat,
        // speech), so the first render draws the results too.
        firstAnswer = app.queryClient.prefetchQuery(options).then(() => {
          const answer = app.queryClient.getQueryData<WatchedJob>(options.queryKey)
          return answer && kinds.of(answer.job).loadResultsView?.()
        })
      }
      // The early lookup was sent before this code arrived, so its answer is usually here or close:
      // rendering once with it spares a render of the "Looking up" placeholder and its layout, which
      // held the answer back by as much again on a slow phone. A slow API gets the placeholder after
      // a short wait (docs/decisions/021-first-render-waits-for-the-answer.md).
      // (Off a job page there is nothing to wait for: `race` settles at once on `undefined`.)
      const waited = new Promise((resolve) => setTimeout(resolve, FIRST_ANSWER_WAIT_MS))
      void Promise.race([firstAnswer, waited]).then(() => {
        // No <StrictMode>: its dev-only unmount/remount cancels a lookup already in flight (React
        // Query aborts a fetch whose last observer leaves), so `npm start` would send every lookup
        // twice.
        createRoot(root).render(<App app={app} />)
        afterNextPaint(readyTimeFormatting)
      })
    },
  )
}

/** How long the first render of /jobs/:id waits for the job's answer at most, once the code is in. */
const FIRST_ANSWER_WAIT_MS = 200
