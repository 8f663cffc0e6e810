import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { Route, Switch, useLocation } from 'wouter'
import { type RuntimeConfig, RuntimeConfigProvider } from '../config/runtime-config.tsx'
import { recordStatusTimelines } from '../jobs/status-timeline-recorder.ts'
import { ErrorBoundary } from './ErrorBoundary.tsx'
import { Layout } from './Layout.tsx'
import { BatchRoute } from './routes/BatchRoute.tsx'
import { HomeRoute } from './routes/HomeRoute.tsx'
import { JobRoute } from './routes/JobRoute.tsx'
import { NotFoundRoute } from './routes/NotFoundRoute.tsx'

interface AppProps {
  config: RuntimeConfig
  queryClient: QueryClient
}

export function App({ config, queryClient }: AppProps) {
  useStatusTimelineRecording(queryClient)
  return (
    <RuntimeConfigProvider value={config}>
      <QueryClientProvider client={queryClient}>
        <Layout>
          <AppRoutes />
        </Layout>
      </QueryClientProvider>
    </RuntimeConfigProvider>
  )
}

/**
 * Every status any page or watch sees goes into the jobs' timelines, from this one listener. Part
 * of the first load (1.5 KB): loaded on demand it started late on a slow machine, and a status seen
 * meanwhile was missing from the Timeline. It starts with what the cache holds already.
 */
function useStatusTimelineRecording(queryClient: QueryClient) {
  useEffect(() => recordStatusTimelines(queryClient), [queryClient])
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
