// The address bar's search: `/search?q=<text>` (the OpenSearch template) goes where the Job ID box
// would send the text, in place of the search address, or shows the box's own message.
import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import { renderApp } from './render-app.tsx'
import { JOB_ID, OTHER_JOB_ID, imageJob, serveJobs } from './support/server.ts'

function serveCompletedJobs() {
  return serveJobs(({ id }) =>
    HttpResponse.json(imageJob({ id, status: 'COMPLETED', finished: '2025-05-17T07:01:00.000Z' })),
  )
}

const searchFor = (text: string) => `/search?q=${encodeURIComponent(text)}`

describe('the address bar search (/search?q=)', () => {
  it.each([
    ['an id', JOB_ID],
    ['an uppercase id with spaces', `  ${JOB_ID.toUpperCase()} `],
    ['a URL holding an id', `https://dashboard.distribute.ai/jobs/${JOB_ID}?tab=images#top`],
    ['a log line', `2025-05-17T07:00:24.027Z ERROR worker-7 job=${JOB_ID} status=ERROR`],
  ])('opens the job page for %s, replacing the search address', async (_case, text) => {
    const endpoint = serveCompletedJobs()
    const view = renderApp({ path: searchFor(text) })

    expect(await screen.findByText('COMPLETED')).toBeInTheDocument()
    expect(view.currentPathname()).toBe(`/jobs/${JOB_ID}`)
    // Back leads to where the person was before the search, not to a page that redirects again.
    expect(view.history.some((entry) => entry.startsWith('/search'))).toBe(false)
    expect(endpoint.ids).toEqual([JOB_ID])
  })

  it('opens the batch for several ids, replacing the search address', async () => {
    serveCompletedJobs()
    const view = renderApp({ path: searchFor(`${JOB_ID} ${OTHER_JOB_ID}`) })

    const table = await screen.findByRole('table')
    await waitFor(() => expect(within(table).getAllByText('COMPLETED')).toHaveLength(2))
    // (the page adds `&kinds=` once it knows them)
    expect(view.currentPath()).toMatch(new RegExp(`^/batch\\?ids=${JOB_ID},${OTHER_JOB_ID}(&|$)`))
    expect(view.history.some((entry) => entry.startsWith('/search'))).toBe(false)
  })

  it('reads a + in the query as a space, as browsers send search terms', async () => {
    serveCompletedJobs()
    const view = renderApp({ path: `/search?q=job+${JOB_ID}+failed` })
    expect(await screen.findByText('COMPLETED')).toBeInTheDocument()
    expect(view.currentPathname()).toBe(`/jobs/${JOB_ID}`)
  })

  it.each([
    ['plain text', 'not a job id', /invalid job id/i],
    ['a UUID of another version', '3f2b8c1e-7a4d-1e6f-9b1a-2c5d8e0f4a71', /UUID version 4/],
  ])(
    'shows %s in the Job ID box with the box’s message, and looks nothing up',
    (_case, text, message) => {
      const endpoint = serveCompletedJobs()
      const view = renderApp({ path: searchFor(text) })

      const box = screen.getByRole('textbox', { name: 'Job ID' })
      expect(box).toHaveValue(text)
      expect(box).toHaveAttribute('aria-invalid', 'true')
      expect(box).toHaveAccessibleDescription(message)
      expect(screen.getByRole('alert')).toHaveTextContent(message)
      // One box on the page: the header's quick lookup stays away, as on the home page.
      expect(screen.getAllByRole('textbox', { name: 'Job ID' })).toHaveLength(1)
      expect(view.currentPath()).toBe(searchFor(text))
      expect(endpoint.count).toBe(0)
    },
  )

  it.each(['/search?q=', '/search?q=%20%20', '/search'])(
    'asks for an id when the search is empty (%s)',
    (path) => {
      const endpoint = serveCompletedJobs()
      renderApp({ path })
      expect(screen.getByRole('alert')).toHaveTextContent(/enter a job id/i)
      expect(endpoint.count).toBe(0)
    },
  )

  it('lets the person fix the text in the box and look it up', async () => {
    serveCompletedJobs()
    const view = renderApp({ path: searchFor('job 3f2b8c1e') })
    const box = screen.getByRole('textbox', { name: 'Job ID' })
    await view.user.clear(box)
    await view.user.paste(JOB_ID)
    expect(screen.queryByRole('alert')).toBeNull()
    await view.user.click(screen.getByRole('button', { name: /look up/i }))
    expect(await screen.findByText('COMPLETED')).toBeInTheDocument()
    expect(view.currentPathname()).toBe(`/jobs/${JOB_ID}`)
  })
})
