// The Job ID box asks the API for the page it opens (src/features/lookup/ask-early.ts). When the
// lookup's code arrives only after React has rendered that page, the page is about to ask for itself:
// React may hold a rendered page back (its ~300 ms reveal throttle after a Suspense fallback), and a
// lookup sent and answered in that gap once made the page ask every endpoint a second time.
import { render, screen } from '@testing-library/react'
import { QueryClientProvider } from '@tanstack/react-query'
import { Suspense, lazy } from 'react'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Router } from 'wouter'
import { memoryLocation } from 'wouter/memory-location'
import { AppScopeProvider } from '../../src/components/app-scope.tsx'
import { useJobWatch } from '../../src/features/job/use-job-watch.ts'
import { askEarly } from '../../src/features/lookup/ask-early.ts'
import { kindsPart } from '../../src/kinds/registry.ts'
import { createApp } from '../../src/app/create-app.ts'
import { DEFAULT_RUNTIME_CONFIG } from '../../src/config/runtime-config.ts'
import { JOB_KINDS } from '../../src/lib/job-kinds.ts'
import { createTestQueryClient } from './render-app.tsx'
import { trackApp } from './support/query-clients.ts'
import { JOB_ID, serveJobs } from './support/server.ts'

// React in a test (its "act environment") reveals a suspended view at once; this test needs it as a
// browser has it, its reveal throttle included, so it runs React outside act after the first render.
const actEnvironment = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }
const wasActEnvironment = actEnvironment.IS_REACT_ACT_ENVIRONMENT
beforeAll(() => {
  actEnvironment.IS_REACT_ACT_ENVIRONMENT = false
})
afterAll(() => {
  actEnvironment.IS_REACT_ACT_ENVIRONMENT = wasActEnvironment
})
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

describe('the Job ID box’s lookup, when its code comes after the job page has rendered', () => {
  it('leaves the asking to the page: each endpoint is asked once', async () => {
    const endpoints = JOB_KINDS.map((kind) =>
      serveJobs(() => Response.json({}, { status: 404 }), kind),
    )
    const app = trackApp(
      createApp({
        config: { ...DEFAULT_RUNTIME_CONFIG, apiBase: '/api' },
        queryClient: createTestQueryClient(),
      }),
    )
    const kinds = app.scope.get(kindsPart)
    function Page() {
      const watch = useJobWatch(JOB_ID, kinds, undefined)
      return <p>{watch.notFound ? 'not found' : 'looking'}</p>
    }
    // The page's code arrives after React has shown the Suspense fallback, as when the job page's
    // chunk is still on its way when the form is submitted.
    let arrive = () => {}
    const PageCode = lazy(
      () =>
        new Promise<{ default: typeof Page }>((resolve) => {
          arrive = () => resolve({ default: Page })
        }),
    )
    const memory = memoryLocation({ path: `/jobs/${JOB_ID}` })
    render(
      <Router hook={memory.hook}>
        <AppScopeProvider scope={app.scope}>
          <QueryClientProvider client={app.queryClient}>
            <Suspense fallback={<p>fallback</p>}>
              <PageCode />
            </Suspense>
          </QueryClientProvider>
        </AppScopeProvider>
      </Router>,
    )
    expect(screen.getByText('fallback')).toBeInTheDocument()

    const submittedAt = Date.now()
    arrive()
    // React renders the page now but reveals it (and the page starts watching) only ~300 ms after
    // the fallback appeared.
    await wait(50)
    // Meanwhile the form's lookup, whose code came after the submit (ask-early.ts's slow path).
    await askEarly(
      app.queryClient,
      app.scope,
      { apiBase: '/api', pollBounds: DEFAULT_RUNTIME_CONFIG.pollBounds },
      JOB_ID,
      submittedAt,
    )

    expect(await screen.findByText('not found', undefined, { timeout: 2_000 })).toBeInTheDocument()
    await wait(300)
    expect(endpoints.map((endpoint) => endpoint.count)).toEqual([1, 1, 1])
  })
})
