import { QueryClientProvider } from '@tanstack/react-query'
import { useEffect } from 'react'
import { Route, Switch, useLocation } from 'wouter'
import { AppScopeProvider } from '../components/app-scope.tsx'
import { recordStatusTimelines, timelinesPart } from '../features/job/public.ts'
import type { JobscopeApp } from './create-app.ts'
import { ErrorBoundary } from './ErrorBoundary.tsx'
import { Layout } from './Layout.tsx'
import { BatchRoute } from './routes/BatchRoute.tsx'
import { HomeRoute } from './routes/HomeRoute.tsx'
import { JobRoute } from './routes/JobRoute.tsx'
import { NotFoundRoute } from './routes/NotFoundRoute.tsx'

export function App({ app }: { app: JobscopeApp }) {
  useStatusTimelineRecording(app)
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
 * Every status any page or watch sees goes into the jobs' timelines, from this one listener. Part
 * of the first load (1.5 KB): loaded on demand it started late on a slow machine, and a status seen
 * meanwhile was missing from the Timeline. It starts with what the cache holds already.
 */
function useStatusTimelineRecording({ queryClient, scope }: JobscopeApp) {
  useEffect(
    () => recordStatusTimelines(queryClient, scope.get(timelinesPart)),
    [queryClient, scope],
  )
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
        <Route>
          <NotFoundRoute />
        </Route>
      </Switch>
    </ErrorBoundary>
  )
}
