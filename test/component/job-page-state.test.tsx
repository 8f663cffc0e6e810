// The job page says what it is doing, quietly: a retried poll is a small mark, not a banner; how long
// the job has been in its status and when the next check comes; paused is visibly paused; a status
// that needs a person says what to do; fields this version does not show are listed.
import { screen, within } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { advanceTime, renderApp } from './render-app.tsx'
import { JOB_ID, imageJob, serveJobs } from './support/server.ts'

beforeEach(() => {
  vi.useFakeTimers({
    shouldAdvanceTime: true,
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  })
})

const gatewayError = () => new HttpResponse('<h1>502</h1>', { status: 502 })
const job = (status: string, extra: Record<string, unknown> = {}) =>
  HttpResponse.json({ ...imageJob({ status }), ...extra })

const openJob = () => renderApp({ path: `/jobs/${JOB_ID}?kind=images` })

/** The line beside the Refresh button: "updated 3 s ago · next check in 2 s". */
const refreshLine = () => screen.getByText(/updated \d+ s ago/)

describe('a poll that fails once', () => {
  it('shows a small "retrying…" mark and no banner, then carries on as if nothing happened', async () => {
    const endpoint = serveJobs(({ number }) => (number === 3 ? gatewayError() : job('PROCESSING')))
    openJob()
    await screen.findByText('PROCESSING')
    while (endpoint.count < 3) await advanceTime(500)
    await advanceTime(100)
    expect(refreshLine()).toHaveTextContent('retrying… (API error 502)')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()

    while (endpoint.count < 4) await advanceTime(500)
    await advanceTime(100)
    expect(refreshLine()).not.toHaveTextContent('retrying')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('raises the banner once the retries are spent', async () => {
    const endpoint = serveJobs(({ number }) => (number === 1 ? job('PROCESSING') : gatewayError()))
    openJob()
    await screen.findByText('PROCESSING')
    while (endpoint.count < 5 && !screen.queryByRole('alert')) await advanceTime(500)
    await advanceTime(500)
    expect(screen.getByRole('alert')).toHaveTextContent('The API had a problem')
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The details below are from the last successful answer.',
    )
    expect(endpoint.count).toBe(5)
  })
})

describe('time in status and the next check', () => {
  it('says how long the job has been in its status ("at least" until it saw it begin) and when it checks next', async () => {
    const endpoint = serveJobs(({ number }) => job(number <= 3 ? 'POSTPONED' : 'QUEUED'))
    openJob()
    await screen.findByText('POSTPONED')
    await advanceTime(1_200, 200)
    expect(screen.getByText(/^in POSTPONED for at least 1 s$/)).toBeInTheDocument()
    expect(refreshLine()).toHaveTextContent(/next check in \d+ s/)

    while (endpoint.count < 4) await advanceTime(500)
    expect(await screen.findByText('QUEUED')).toBeInTheDocument()
    await advanceTime(2_000, 500)
    // It saw QUEUED begin: no "at least".
    expect(screen.getByText(/^in QUEUED for [23] s$/)).toBeInTheDocument()
  })

  it('shows paused as paused, with no next check, and picks up again on resume', async () => {
    const endpoint = serveJobs(() => job('PROCESSING'))
    const view = openJob()
    await screen.findByText('PROCESSING')
    await view.user.click(screen.getByRole('button', { name: 'Pause auto-refresh' }))
    expect(refreshLine()).toHaveTextContent('auto-refresh paused')
    expect(refreshLine()).not.toHaveTextContent('next check')
    const paused = endpoint.count
    await advanceTime(20_000, 1_000)
    expect(endpoint.count).toBe(paused)

    await view.user.click(screen.getByRole('button', { name: 'Resume auto-refresh' }))
    await advanceTime(2_000, 500)
    expect(endpoint.count).toBeGreaterThan(paused)
    expect(refreshLine()).not.toHaveTextContent('paused')
  })

  it('says nothing about time in status or next checks for a final job', async () => {
    serveJobs(() => job('COMPLETED', { finished: '2025-05-17T07:01:05.000Z' }))
    openJob()
    await screen.findByText('COMPLETED')
    expect(screen.queryByText(/^in COMPLETED for/)).not.toBeInTheDocument()
    expect(refreshLine()).toHaveTextContent('final')
    expect(refreshLine()).not.toHaveTextContent('next check')
  })
})

describe('what to do next', () => {
  it.each([
    ['ERROR', /ask the customer to submit the job again/i],
    ['CANCELLED_BY_OPERATOR', /keeps checking.*raw response/i],
  ])('gives %s a next step in plain words', async (status, words) => {
    serveJobs(() => job(status))
    openJob()
    await screen.findByText(status)
    expect(screen.getByText('Next step:').parentElement).toHaveTextContent(words)
  })

  it.each(['PROCESSING', 'COMPLETED'])('gives %s none', async (status) => {
    serveJobs(() => job(status))
    openJob()
    await screen.findByText(status)
    expect(screen.queryByText('Next step:')).not.toBeInTheDocument()
  })

  it('lists fields this version does not show under the facts', async () => {
    serveJobs(() => job('COMPLETED', { priority: 3, queue: 'eu-west', seed: { value: 42 } }))
    openJob()
    await screen.findByText('COMPLETED')
    const other = screen.getByText('Other fields').parentElement as HTMLElement
    expect(within(other).getByText('priority').parentElement).toHaveTextContent('priority 3')
    expect(other).toHaveTextContent('queue eu-west')
    expect(other).toHaveTextContent('seed {"value":42}')
    expect(other).not.toHaveTextContent('status')
  })

  it('lists no "Other fields" when the API sent only what is shown', async () => {
    serveJobs(() => job('COMPLETED'))
    openJob()
    await screen.findByText('COMPLETED')
    expect(screen.queryByText('Other fields')).not.toBeInTheDocument()
  })
})
