// Decision 015: what keeps a long batch's cost per answer flat — unchanged jobs keep their result
// object (so their rows are not rebuilt or redrawn), a fetch that changes nothing redraws nothing,
// redraws of a long list are spaced, and Recent's summary is written at most every 500 ms but
// always with the last rows.
import { QueryClientProvider } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import { HttpResponse } from 'msw'
import type { ReactNode } from 'react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { parseImageJob } from '../../src/kinds/images/image-job.ts'
import { DEFAULT_POLL_BOUNDS } from '../../src/config/runtime-config.ts'
import { jobQueryOptions } from '../../src/jobs/job-query.ts'
import { recentBatchesPart } from '../../src/features/recent/recent-batches.ts'
import { batchKey } from '../../src/features/recent/recent-batch-entry.ts'
import {
  type JobQueryResult,
  redrawSpacingMs,
  useJobQueries,
} from '../../src/features/batch/use-job-queries.ts'
import {
  BATCH_RECORD_INTERVAL_MS,
  useRecentBatchRecording,
} from '../../src/features/batch/recent-batch-recording.ts'
import { lazyRecentBatches } from '../../src/features/recent/recent-batch-entry.ts'
import type { WatchedRow } from '../../src/features/recent/recent-recording.ts'
import { BUILT_IN_KINDS } from '../../src/kinds/registry.ts'
import { appWrapper, createTestQueryClient } from './render-app.tsx'
import { imageJob, serveJobs } from './support/server.ts'

const nthId = (n: number) => `${n.toString(16).padStart(8, '0')}-1a2b-4c3d-8e4f-000000000000`

function optionsFor(ids: readonly string[], autoRefresh = false) {
  return ids.map((id) =>
    jobQueryOptions(id, {
      kinds: BUILT_IN_KINDS,
      apiBase: '/api',
      pollBounds: DEFAULT_POLL_BOUNDS,
      autoRefresh,
      strategy: 'sequential',
    }),
  )
}

describe('useJobQueries', () => {
  it('keeps the result object of a job whose answer did not change, and redraws only for news', async () => {
    const ids = [nthId(1), nthId(2), nthId(3)]
    // The third job answers only when the test lets it.
    let releaseThird: () => void = () => {}
    const third = new Promise<void>((resolve) => {
      releaseThird = resolve
    })
    serveJobs(async ({ id }) => {
      if (id === ids[2]) await third
      return HttpResponse.json(imageJob({ id, status: 'COMPLETED' }))
    })
    const client = createTestQueryClient()
    const options = optionsFor(ids)
    let renders = 0
    const { result } = renderHook(
      () => {
        renders += 1
        return useJobQueries(options)
      },
      {
        wrapper: ({ children }: { children: ReactNode }) => (
          <QueryClientProvider client={client}>{children}</QueryClientProvider>
        ),
      },
    )
    await waitFor(() =>
      expect(result.current.map((query) => query.data?.job.status)).toEqual([
        'COMPLETED',
        'COMPLETED',
        undefined,
      ]),
    )
    const before: readonly JobQueryResult[] = result.current

    act(() => releaseThird())
    await waitFor(() => expect(result.current[2]?.data?.job.status).toBe('COMPLETED'))
    expect(result.current).not.toBe(before)
    expect(result.current[0]).toBe(before[0])
    expect(result.current[1]).toBe(before[1])

    // Asking again with the same answer: fetching starts and ends, no field a row reads changes.
    const settled = result.current
    const rendersBefore = renders
    await act(() => client.refetchQueries({ queryKey: ['jobs', ids[0]] }))
    // React Query hands observers' news to their listeners in a setTimeout(0) of its own, which may
    // come after act() has returned: wait for it, or a redraw it brings is missed.
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
    expect(result.current).toBe(settled)
    expect(renders).toBe(rendersBefore)
  })

  it('spaces the redraws of a long list in proportion to its length', () => {
    expect(redrawSpacingMs(1)).toBe(0)
    expect(redrawSpacingMs(100)).toBe(0)
    expect(redrawSpacingMs(1_000)).toBe(20)
    expect(redrawSpacingMs(10_000)).toBe(200)
    expect(redrawSpacingMs(100_000)).toBe(250)
  })
})

describe('useRecentBatchRecording', () => {
  // As the batch page's loader does: Recent's batch list is here before the page renders.
  beforeAll(() => lazyRecentBatches.load())
  afterEach(() => {
    vi.useRealTimers()
  })

  const ids = [nthId(1), nthId(2), nthId(3)]
  const row = (index: number, status: string | null): WatchedRow => ({
    id: ids[index] ?? '',
    query: {
      data:
        status === null
          ? undefined
          : {
              job: parseImageJob(imageJob({ id: ids[index], status }), ''),
              raw: {},
              statusSince: 0,
              sawStatusBegin: false,
              alsoFoundIn: [],
            },
      error: null,
      failureReason: null,
      failureCount: 0,
    },
  })
  function renderRecording(first: readonly WatchedRow[]) {
    const { app, wrapper } = appWrapper({ path: '/batch' })
    const view = renderHook(({ rows }) => useRecentBatchRecording(ids, rows), {
      initialProps: { rows: first },
      wrapper,
    })
    const finalOf = () =>
      app.scope
        .get(recentBatchesPart)
        .getSnapshot()
        .find((entry) => entry.key === batchKey(ids))?.final
    return { ...view, finalOf }
  }

  it('writes the first rows at once, a burst after it at most every 500 ms, and always the last rows', () => {
    vi.useFakeTimers()
    const view = renderRecording([row(0, 'COMPLETED'), row(1, null), row(2, null)])
    const { finalOf } = view
    expect(finalOf()).toBe(1)

    view.rerender({ rows: [row(0, 'COMPLETED'), row(1, 'COMPLETED'), row(2, null)] })
    view.rerender({ rows: [row(0, 'COMPLETED'), row(1, 'COMPLETED'), row(2, 'ERROR')] })
    // Within the interval: not yet.
    expect(finalOf()).toBe(1)
    act(() => {
      vi.advanceTimersByTime(BATCH_RECORD_INTERVAL_MS)
    })
    expect(finalOf()).toBe(3)
  })

  it('writes rows still waiting for their turn when the page closes', () => {
    vi.useFakeTimers()
    const view = renderRecording([row(0, 'COMPLETED'), row(1, null), row(2, null)])
    const { finalOf } = view
    view.rerender({ rows: [row(0, 'COMPLETED'), row(1, 'COMPLETED'), row(2, 'COMPLETED')] })
    expect(finalOf()).toBe(1)
    view.unmount()
    expect(finalOf()).toBe(3)
  })
})
