import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import { renderApp } from './render-app.tsx'
import { JOB_ID, OTHER_JOB_ID, imageJob, serveJobs } from './support/server.ts'

/** Every job the app asks about exists and is COMPLETED. */
function serveCompletedJobs() {
  return serveJobs(({ id }) =>
    HttpResponse.json(imageJob({ id, status: 'COMPLETED', finished: '2025-05-17T07:01:00.000Z' })),
  )
}

async function submitJobId(text: string) {
  const view = renderApp({ path: '/' })
  const input = screen.getByLabelText('Job ID')
  if (text !== '') {
    await view.user.click(input)
    await view.user.paste(text)
  }
  await view.user.click(screen.getByRole('button', { name: /look up/i }))
  return view
}

describe('home page Job ID form', () => {
  it('opens the job page of a valid id and looks the job up', async () => {
    const endpoint = serveCompletedJobs()
    const view = await submitJobId(JOB_ID)

    expect(view.currentPathname()).toBe(`/jobs/${JOB_ID}`)
    expect(await screen.findByText('COMPLETED')).toBeInTheDocument()
    expect(endpoint.ids).toEqual([JOB_ID])
  })

  it.each([
    ['surrounding whitespace', `  \t${JOB_ID}  \n`],
    ['an uppercase id', JOB_ID.toUpperCase()],
    ['an id inside a URL', `https://dashboard.distribute.ai/jobs/${JOB_ID}?tab=images#top`],
    [
      'an id inside a log line',
      `2025-05-17T07:00:24.027Z ERROR worker-7 job=${JOB_ID.toUpperCase()} status=ERROR`,
    ],
  ])('finds the id in %s and sends it trimmed and lowercase', async (_case, text) => {
    const endpoint = serveCompletedJobs()
    const view = await submitJobId(text)

    expect(view.currentPathname()).toBe(`/jobs/${JOB_ID}`)
    await screen.findByText('COMPLETED')
    expect(endpoint.ids).toEqual([JOB_ID])
  })

  it.each([
    ['plain text', 'not a job id'],
    ['a UUID of another version', '3f2b8c1e-7a4d-1e6f-9b1a-2c5d8e0f4a71'],
    ['an id with a missing character', JOB_ID.slice(1)],
  ])('explains inline that %s is invalid and sends no request', async (_case, text) => {
    const endpoint = serveCompletedJobs()
    const view = await submitJobId(text)

    const message = screen.getByRole('alert')
    expect(message).toHaveTextContent(/invalid/i)
    expect(screen.getByLabelText('Job ID')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByLabelText('Job ID')).toHaveAccessibleDescription(/invalid/i)
    expect(view.currentPath()).toBe('/')
    expect(endpoint.count).toBe(0)
  })

  it('asks for an id when submitted empty, without a request', async () => {
    const endpoint = serveCompletedJobs()
    const view = await submitJobId('')

    expect(screen.getByRole('alert')).toHaveTextContent(/enter a job id/i)
    expect(view.currentPath()).toBe('/')
    expect(endpoint.count).toBe(0)
  })

  it('clears the message once the text is edited', async () => {
    serveCompletedJobs()
    const view = await submitJobId('nope')
    expect(screen.getByRole('alert')).toBeInTheDocument()

    await view.user.type(screen.getByLabelText('Job ID'), 'x')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('opens the batch view for a text that holds several ids, each looked up once', async () => {
    const endpoint = serveCompletedJobs()
    const view = await submitJobId(
      `retry of ${JOB_ID} failed, see ${OTHER_JOB_ID.toUpperCase()} and again ${JOB_ID}`,
    )

    // The ids in the address; the kinds join them as the rows answer (both images: "00").
    expect(view.currentPath()).toMatch(
      new RegExp(`^/batch\\?ids=${JOB_ID},${OTHER_JOB_ID}(&kinds=0{0,2})?$`),
    )
    const table = await screen.findByRole('table')
    await waitFor(() => expect(within(table).getAllByText('COMPLETED')).toHaveLength(2))
    await waitFor(() =>
      expect(view.currentPath()).toBe(`/batch?ids=${JOB_ID},${OTHER_JOB_ID}&kinds=00`),
    )
    // the kind is known once the job answered: its link asks only that endpoint
    expect(within(table).getByRole('link', { name: JOB_ID })).toHaveAttribute(
      'href',
      `/jobs/${JOB_ID}?kind=images`,
    )
    expect([...endpoint.ids].sort()).toEqual([JOB_ID, OTHER_JOB_ID].sort())
  })
})

describe('job URL', () => {
  it('rewrites an uppercase id to lowercase in place', async () => {
    const endpoint = serveCompletedJobs()
    const view = renderApp({ path: `/jobs/${JOB_ID.toUpperCase()}` })

    await screen.findByText('COMPLETED')
    expect(view.currentPathname()).toBe(`/jobs/${JOB_ID}`)
    expect(view.history).toHaveLength(1)
    expect(endpoint.ids).toEqual([JOB_ID])
  })

  it('shows an invalid id in the URL as such and sends no request', async () => {
    const endpoint = serveCompletedJobs()
    renderApp({ path: '/jobs/not-a-uuid' })

    expect(screen.getByRole('alert')).toHaveTextContent(/invalid job id/i)
    expect(screen.getByRole('alert')).toHaveTextContent('not-a-uuid')
    expect(screen.getByRole('link', { name: /look up another job/i })).toHaveAttribute('href', '/')
    // give a wrongly started request the time to arrive
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(endpoint.count).toBe(0)
  })
})
