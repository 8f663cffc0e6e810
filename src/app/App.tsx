import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { Route, Switch, useLocation } from 'wouter'
import { type RuntimeConfig, RuntimeConfigProvider } from '../config/runtime-config.tsx'
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
 * Every status any page or watch sees goes into the jobs' timelines, from this one listener. Loaded
 * after the first render; it starts with what the cache holds already, so nothing seen is lost.
 */
function useStatusTimelineRecording(queryClient: QueryClient) {
  useEffect(() => {
    let stop: (() => void) | undefined
    let stopped = false
    void import('../jobs/status-timeline-recorder.ts').then(({ recordStatusTimelines }) => {
      if (!stopped) stop = recordStatusTimelines(queryClient)
    })
    return () => {
      stopped = true
      stop?.()
    }
  }, [queryClient])
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
