// The job page's problem notice loads after the first paint. If its code cannot be loaded — a deploy
// replaced the files, the network dropped — the problem is still said, in a few words. (The load is
// tried once per page load, as in the browser: the first test sees it fail, the second finds it failed.)
import { screen } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderApp } from './render-app.tsx'
import { JOB_ID, imageJob, serveJobs } from './support/server.ts'

vi.mock('../../src/features/job/JobErrorNotice.tsx', () => {
  throw new TypeError('Failed to fetch dynamically imported module: JobErrorNotice.js')
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('a problem notice whose code cannot be loaded', () => {
  it('is asked for after the first paint; a job that answered well is untouched', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    serveJobs(() => HttpResponse.json(imageJob({ status: 'COMPLETED' })))

    renderApp({ path: `/jobs/${JOB_ID}` })

    expect(await screen.findByText('COMPLETED')).toBeInTheDocument()
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1))
    expect(warn.mock.calls[0]?.[0]).toMatch(/could not be loaded/)
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(screen.getByRole('heading', { name: /^Results/ })).toBeInTheDocument()
    expect(await screen.findByText('Raw response (JSON)')).toBeInTheDocument()
  })

  it('says the problem in a few words, as an alert', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    for (const kind of ['images', 'chat', 'speech'] as const) {
      serveJobs(() => HttpResponse.json({ message: 'Job not found' }, { status: 404 }), kind)
    }

    renderApp({ path: `/jobs/${JOB_ID}` })

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(
      `Job ${JOB_ID}: not found: No images, chat and speech job has this id`,
    )
  })
})
