// Parts loaded on demand (the header's watch list, the Timeline) whose chunk cannot be loaded — a
// deploy replaced the files, the network dropped — are left out; the page and the app keep working.
import { screen } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { WATCH_STORAGE_KEY } from '../../src/features/watch/watch-list.ts'
import { renderApp } from './render-app.tsx'
import { JOB_ID, imageJob, serveJobs } from './support/server.ts'

vi.mock('../../src/features/watch/WatchCenter.tsx', () => {
  throw new TypeError('Failed to fetch dynamically imported module: WatchCenter.js')
})
vi.mock('../../src/features/job/StatusTimeline.tsx', () => {
  throw new TypeError('Failed to fetch dynamically imported module: StatusTimeline.js')
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('a part that cannot be loaded', () => {
  it('is left out, with a warning, and the job page works', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    localStorage.setItem(
      WATCH_STORAGE_KEY,
      JSON.stringify({
        version: 1,
        entries: [
          {
            id: JOB_ID,
            kind: 'images',
            notifyOn: 'end',
            addedAt: Date.now(),
            status: 'PROCESSING',
            endedAt: null,
            endReason: null,
          },
        ],
      }),
    )
    serveJobs(() => HttpResponse.json(imageJob({ status: 'PROCESSING' })))

    renderApp({ path: `/jobs/${JOB_ID}` })

    expect(await screen.findByText('PROCESSING')).toBeInTheDocument()
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(2))
    expect(screen.queryByRole('button', { name: /^Watching/ })).not.toBeInTheDocument()
    expect(screen.queryByRole('heading', { name: 'Timeline' })).not.toBeInTheDocument()
    expect(screen.getByRole('heading', { name: /^Results/ })).toBeInTheDocument()
    expect(await screen.findByRole('button', { name: 'Notify me' })).toBeInTheDocument()
  })
})
