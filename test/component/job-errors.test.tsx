import { screen, waitFor, within } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { createTestQueryClient, renderApp } from './render-app.tsx'
import { JOB_ID, OTHER_JOB_ID, imageJob, serveJobs } from './support/server.ts'

/** The app's retry policy, with 1 ms between attempts instead of seconds. */
function renderJobPage() {
  return renderApp({
    path: `/jobs/${JOB_ID}`,
    queryClient: createTestQueryClient({ fastRetries: true }),
  })
}

/** "Trying again now…" while an attempt is under way, "retrying automatically" in between. */
const RETRYING = /trying again|retrying/i

/** Long enough for a wrongly scheduled 1 ms retry to have happened. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50))

const GATEWAY_PAGE =
  '<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>'

describe('job lookup errors', () => {
  it('says a job no endpoint knows was not found, where it looked, without retrying', async () => {
    const endpoints = (['images', 'chat', 'speech'] as const).map((kind) =>
      serveJobs(() => HttpResponse.json({ message: 'Job not found' }, { status: 404 }), kind),
    )
    renderJobPage()

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Job not found')
    expect(alert).toHaveTextContent(JOB_ID)
    expect(alert).toHaveTextContent('looked in images, chat and speech')
    expect(alert).toHaveTextContent(/check the id/i)
    // nothing to watch: no status placeholder and no auto-refresh controls
    expect(screen.queryByText(/status unknown/i)).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /auto-refresh/i })).not.toBeInTheDocument()
    await settle()
    expect(endpoints.map((endpoint) => endpoint.count)).toEqual([1, 1, 1])
  })

  it.each([401, 403])(
    'says HTTP %i means the proxy’s DISTRIBUTE_API_KEY is wrong, without retrying',
    async (status) => {
      const endpoint = serveJobs(() => HttpResponse.json({ message: 'Forbidden' }, { status }))
      renderJobPage()

      const alert = await screen.findByRole('alert')
      expect(alert).toHaveTextContent('DISTRIBUTE_API_KEY')
      expect(alert).toHaveTextContent(`HTTP ${status}`)
      expect(alert).toHaveTextContent('Forbidden')
      await settle()
      expect(endpoint.count).toBe(1)
    },
  )

  it('says a 500 with an HTML page is being retried, and retries it', async () => {
    const endpoint = serveJobs(() => HttpResponse.html(GATEWAY_PAGE, { status: 500 }))
    renderJobPage()

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(/server error \(HTTP 500\)/i)
    expect(alert).toHaveTextContent(RETRYING)
    // first attempt + MAX_RETRIES, then the retries are spent and the page says it keeps checking
    await waitFor(() => expect(endpoint.count).toBe(4))
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(/retrying automatically/i),
    )
    // the HTML is shown as text for support, never rendered
    const details = within(screen.getByRole('alert')).getByText(/show the raw response/i)
    expect(details.closest('details')).toHaveTextContent('<h1>Internal Server Error</h1>')
    expect(screen.queryByRole('heading', { name: 'Internal Server Error' })).not.toBeInTheDocument()
  })

  it('says a network failure is being retried', async () => {
    const endpoint = serveJobs(() => HttpResponse.error())
    renderJobPage()

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(/could not reach the api/i)
    expect(alert).toHaveTextContent(RETRYING)
    await waitFor(() => expect(endpoint.count).toBe(4))
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(/retrying automatically/i),
    )
  })

  it('says a 429 is rate limiting and how long the API asked to wait', async () => {
    serveJobs(() =>
      HttpResponse.json(
        { message: 'Slow down' },
        { status: 429, headers: { 'Retry-After': '30' } },
      ),
    )
    // the real retry delays: the next attempt waits for Retry-After, the message shows meanwhile
    renderApp({ path: `/jobs/${JOB_ID}` })

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(/rate-limiting/i)
    expect(alert).toHaveTextContent(/wait 30 s/i)
    expect(alert).toHaveTextContent('Slow down')
  })

  it.each([
    ['invalid JSON', '{"id": "3f2b8c1e", "status":', /not JSON/i],
    ['an empty body', '', /empty/i],
    ['JSON of the wrong shape', JSON.stringify({ job: { state: 'done' } }), /expected shape/i],
    ['a job without a status', JSON.stringify({ id: JOB_ID }), /status/i],
  ])('reports a 200 with %s as unexpected, with the raw response', async (_c, body, why) => {
    serveJobs(
      () =>
        new HttpResponse(body, { status: 200, headers: { 'content-type': 'application/json' } }),
    )
    const view = renderJobPage()

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Unexpected response from the API')
    expect(alert).toHaveTextContent(why)
    const summary = within(alert).getByText(/show the raw response/i)
    const details = summary.closest('details')
    expect(details).not.toHaveAttribute('open')
    expect(details).toHaveTextContent(body === '' ? '(empty body)' : body)

    await view.user.click(summary)
    expect(details).toHaveAttribute('open')
  })

  it('stays usable after a 404: the header form opens another job, which loads', async () => {
    serveJobs(({ id }) =>
      id === JOB_ID
        ? HttpResponse.json({ message: 'Job not found' }, { status: 404 })
        : HttpResponse.json(imageJob({ id, status: 'QUEUED' })),
    )
    const view = renderJobPage()
    expect(await screen.findByRole('alert')).toHaveTextContent('Job not found')

    await view.user.type(screen.getByLabelText('Job ID'), OTHER_JOB_ID)
    await view.user.click(screen.getByRole('button', { name: /look up/i }))

    expect(view.currentPathname()).toBe(`/jobs/${OTHER_JOB_ID}`)
    expect(await screen.findByText('QUEUED')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(OTHER_JOB_ID)
  })
})
