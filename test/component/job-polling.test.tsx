import { screen } from '@testing-library/react'
import { HttpResponse, delay } from 'msw'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { advanceTime, renderApp } from './render-app.tsx'
import { JOB_ID, imageJob, serveJobs } from './support/server.ts'

// These tests play out a minute of polling in fake time, step by step: on a busy 2-core machine that
// takes longer than the default 5 s.
vi.setConfig({ testTimeout: 20_000 })

// Real timers would make these tests take minutes. Microtasks and setImmediate stay real so
// fetch and MSW resolve normally; shouldAdvanceTime lets findBy*/waitFor keep their own clocks.
beforeEach(() => {
  vi.useFakeTimers({
    shouldAdvanceTime: true,
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  })
})

const finishedAt = '2025-05-17T07:01:05.000Z'
const processing = () => HttpResponse.json(imageJob({ status: 'PROCESSING' }))
const completed = () =>
  HttpResponse.json(
    imageJob({
      status: 'COMPLETED',
      finished: finishedAt,
      results: [{ url: 'https://cdn.example.com/a.png', revised_prompt: 'A red fox' }],
    }),
  )

function openJob() {
  return renderApp({ path: `/jobs/${JOB_ID}` })
}

/** Advances fake time one second at a time until `text` is on the page. */
async function advanceUntilText(text: string, maxMs = 60_000) {
  for (let waited = 0; waited < maxMs; waited += 1_000) {
    if (screen.queryByText(text) !== null) return
    await advanceTime(1_000)
  }
  throw new Error(`"${text}" did not appear within ${maxMs} ms`)
}

describe('polling a job', () => {
  it('polls while the job runs and stops for good at COMPLETED', async () => {
    const endpoint = serveJobs(({ number }) => (number <= 3 ? processing() : completed()))
    openJob()
    await screen.findByText('PROCESSING')

    await advanceUntilText('COMPLETED')
    expect(endpoint.count).toBe(4)

    endpoint.reset()
    await advanceTime(60_000)
    expect(endpoint.count).toBe(0)
    expect(screen.queryByRole('button', { name: /pause auto-refresh/i })).not.toBeInTheDocument()
  })

  it('stops at ERROR too', async () => {
    const endpoint = serveJobs(({ number }) =>
      HttpResponse.json(imageJob({ status: number === 1 ? 'PROCESSING' : 'ERROR' })),
    )
    openJob()
    await screen.findByText('PROCESSING')
    await advanceUntilText('ERROR')

    endpoint.reset()
    await advanceTime(60_000)
    expect(endpoint.count).toBe(0)
  })

  it('keeps polling a status it does not know', async () => {
    const endpoint = serveJobs(() =>
      HttpResponse.json(imageJob({ status: 'CANCELLED_BY_OPERATOR' })),
    )
    openJob()
    await screen.findByText('CANCELLED_BY_OPERATOR')

    endpoint.reset()
    await advanceTime(30_000)
    expect(endpoint.count).toBeGreaterThan(0)
  })

  it('backs off while a job stays POSTPONED', async () => {
    const endpoint = serveJobs(() => HttpResponse.json(imageJob({ status: 'POSTPONED' })))
    openJob()
    await screen.findByText('POSTPONED')

    endpoint.reset()
    await advanceTime(60_000)
    const firstMinute = endpoint.count
    endpoint.reset()
    await advanceTime(60_000)
    const secondMinute = endpoint.count

    expect(secondMinute).toBeLessThan(firstMinute)
    expect(secondMinute).toBeGreaterThan(0)
    // the slowest interval is 10 s (DEFAULT_POLL_BOUNDS.maxMs)
    expect(secondMinute).toBeLessThanOrEqual(7)
  })

  it('never has more than one request in flight, even when answers are slower than polls', async () => {
    let inFlight = 0
    let mostInFlight = 0
    const endpoint = serveJobs(async () => {
      inFlight += 1
      mostInFlight = Math.max(mostInFlight, inFlight)
      await delay(3_000)
      inFlight -= 1
      return processing()
    })
    openJob()
    await advanceUntilText('PROCESSING')

    await advanceTime(30_000)
    expect(endpoint.count).toBeGreaterThanOrEqual(4)
    expect(mostInFlight).toBe(1)
  })

  it('keeps the last good data on screen while the API fails, and recovers', async () => {
    let upstream: 'processing' | 'down' | 'completed' = 'processing'
    const endpoint = serveJobs(() => {
      if (upstream === 'down') return HttpResponse.text('Internal Server Error', { status: 500 })
      return upstream === 'processing' ? processing() : completed()
    })
    openJob()
    await screen.findByText('PROCESSING')

    upstream = 'down'
    endpoint.reset()
    // next poll after 1 s, then the app's own retries after 1 s, 2 s and 4 s
    await advanceTime(9_000)
    expect(endpoint.count).toBe(4)

    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent(/the api had a problem/i)
    expect(alert).toHaveTextContent(/last successful answer/i)
    expect(screen.getByText('PROCESSING')).toBeInTheDocument()
    expect(screen.getByText('Flux.1 [dev]')).toBeInTheDocument()

    upstream = 'completed'
    await advanceUntilText('COMPLETED', 30_000)
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(screen.queryByText('PROCESSING')).not.toBeInTheDocument()
    expect(screen.getByRole('img', { name: 'A red fox' })).toBeInTheDocument()
  })

  it('pauses and resumes auto-refresh', async () => {
    const endpoint = serveJobs(processing)
    const view = openJob()
    await screen.findByText('PROCESSING')

    await view.user.click(screen.getByRole('button', { name: /pause auto-refresh/i }))
    const resume = screen.getByRole('button', { name: /resume auto-refresh/i })
    expect(resume).toHaveAttribute('aria-pressed', 'true')
    endpoint.reset()
    await advanceTime(60_000)
    expect(endpoint.count).toBe(0)

    await view.user.click(resume)
    expect(screen.getByRole('button', { name: /pause auto-refresh/i })).toHaveAttribute(
      'aria-pressed',
      'false',
    )
    await advanceTime(30_000)
    expect(endpoint.count).toBeGreaterThan(0)
  })

  it('sends exactly one request per Refresh of a finished job', async () => {
    const endpoint = serveJobs(completed)
    const view = openJob()
    await screen.findByText('COMPLETED')

    endpoint.reset()
    await view.user.click(screen.getByRole('button', { name: /refresh/i }))
    await advanceTime(30_000)
    expect(endpoint.count).toBe(1)
  })

  it('tells how long ago the data was updated', async () => {
    serveJobs(completed)
    openJob()
    await screen.findByText('COMPLETED')
    expect(screen.getByText(/updated 0 s ago/)).toBeInTheDocument()

    await advanceTime(5_000)
    const label = screen.getByText(/updated \d+ s ago/)
    const seconds = Number(/updated (\d+) s ago/.exec(label.textContent)?.[1])
    expect(seconds).toBeGreaterThanOrEqual(5)
    expect(seconds).toBeLessThanOrEqual(7)
    expect(label).toHaveTextContent(/final/)
  })
})
