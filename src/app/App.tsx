import { QueryClientProvider } from '@tanstack/react-query'
import { useEffect } from 'react'
import { Route, Switch, useLocation } from 'wouter'
import { AppScopeProvider } from '../components/app-scope.tsx'
import { recordStatusTimelines, timelinesPart } from '../features/job/public.ts'
import { followJobsForRecent, recentLookupsPart } from '../features/recent/public.ts'
import { lazyKinds } from '../kinds/lazy-kinds.ts'
import type { JobscopeApp } from './create-app.ts'
import { ErrorBoundary } from './ErrorBoundary.tsx'
import { Layout } from './Layout.tsx'
import { BatchRoute } from './routes/BatchRoute.tsx'
import { HomeRoute } from './routes/HomeRoute.tsx'
import { JobRoute } from './routes/JobRoute.tsx'
import { NotFoundRoute } from './routes/NotFoundRoute.tsx'
// In the first load: a lazy route's loader weighs as much as the route (measured), and would add a
// round trip before the redirect.
import { SearchRoute } from './routes/SearchRoute.tsx'

export function App({ app }: { app: JobscopeApp }) {
  useJobFollowers(app)
  return (
    <AppScopeProvider scope={app.scope}>
      <QueryClientProvider client={app.queryClient}>
        <Layout>
          <AppRoutes />
        </Layout>
      </QueryClientProvider>
    </AppScopeProvider>
  )
}

/**
 * What the app learns of a job, whichever part of it asked (the job page, a batch row, the watch
 * list), goes into the job's timeline and its Recent entry, from these two listeners. Part of the
 * first load (1.5 KB): loaded on demand the recorder started late on a slow machine, and a status
 * seen meanwhile was missing from the Timeline. It starts with what the cache holds already.
 */
function useJobFollowers({ queryClient, scope }: JobscopeApp) {
  useEffect(() => {
    const stopTimelines = recordStatusTimelines(queryClient, scope.get(timelinesPart))
    const stopRecent = followJobsForRecent(queryClient, scope.get(recentLookupsPart), (job) =>
      lazyKinds.peek(scope)?.of(job).thumbnailUrl(job),
    )
    return () => {
      stopTimelines()
      stopRecent()
    }
  }, [queryClient, scope])
}

export function AppRoutes() {
  const [location] = useLocation()
  return (
    <ErrorBoundary resetKey={location}>
      <Switch>
        <Route path="/">
          <HomeRoute />
        </Route>
        <Route path="/jobs/:id">{(params) => <JobRoute rawId={params.id} />}</Route>
        <Route path="/batch">
          <BatchRoute />
        </Route>
        <Route path="/search">
          <SearchRoute />
        </Route>
        <Route>
          <NotFoundRoute />
        </Route>
      </Switch>
    </ErrorBoundary>
  )
}
