// "Recent" on the home page: jobs looked up in this browser, kept in localStorage.
import { screen, waitFor, within } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { RECENT_STORAGE_KEY, type RecentLookup } from '../../src/features/recent/recent-lookups.ts'
import { jobKeys } from '../../src/jobs/job-data.ts'
import { createTestQueryClient, renderApp } from './render-app.tsx'
import { parsedJob, watched } from './support/batch-fixtures.ts'
import { JOB_ID, OTHER_JOB_ID, imageJob, serveJobs } from './support/server.ts'

const THIRD_JOB_ID = '6d0e9f4a-2b7c-4a18-a3e5-9f1c7b2d8e06'

function seedRecent(entries: RecentLookup[]): void {
  localStorage.setItem(RECENT_STORAGE_KEY, JSON.stringify({ version: 1, entries }))
}

function recentEntry(id: string, minutesAgo: number): RecentLookup {
  const lookedUpAt = Date.now() - minutesAgo * 60_000
  return {
    id,
    kind: 'images',
    status: 'COMPLETED',
    model: 'Flux.1 [dev]',
    lookedUpAt,
    thumbnailUrl: null,
    pinned: false,
    changedAt: lookedUpAt,
  }
}

const recentRegion = () => screen.getByRole('region', { name: 'Recent' })

/** The ids listed under "Recent", top to bottom. */
function recentIds(): Array<string | null> {
  return within(recentRegion())
    .queryAllByRole('listitem')
    .map((item) => within(item).getByRole('link').textContent)
}

function recentItem(id: string): HTMLElement {
  const item = within(recentRegion()).getByRole('link', { name: id }).closest('li')
  if (item === null) throw new Error(`${id} is not in a list item`)
  return item
}

async function visitCompletedJob() {
  serveJobs(() =>
    HttpResponse.json(
      imageJob({
        status: 'COMPLETED',
        finished: '2025-05-17T07:01:05.000Z',
        results: [{ url: 'https://img.example/fox.png', revised_prompt: 'a red fox' }],
      }),
    ),
  )
  const view = renderApp({ path: `/jobs/${JOB_ID}` })
  await screen.findByText('COMPLETED')
  return view
}

describe('recent lookups', () => {
  it('lists a job visited on its page under "Recent" on the home page, with its status', async () => {
    const view = await visitCompletedJob()

    await view.user.click(screen.getByRole('link', { name: 'Jobscope' }))

    expect(view.currentPath()).toBe('/')
    await screen.findByRole('region', { name: 'Recent' })
    expect(recentIds()).toEqual([JOB_ID])
    const item = recentItem(JOB_ID)
    // reopening asks only the endpoint that answered
    expect(within(item).getByRole('link', { name: JOB_ID })).toHaveAttribute(
      'href',
      `/jobs/${JOB_ID}?kind=images`,
    )
    expect(within(item).getByText('COMPLETED')).toBeInTheDocument()
    expect(item).toHaveTextContent('Flux.1 [dev]')
    expect(item).toHaveTextContent('looked up just now')
  })

  it('takes an answer that came before the page listed the job (the early lookup’s), picture and all', async () => {
    const queryClient = createTestQueryClient()
    // the early lookup (src/early-lookup.ts) answers before the app records the visit
    const body = imageJob({
      status: 'COMPLETED',
      finished: '2025-05-17T07:01:05.000Z',
      results: [{ url: 'https://img.example/fox.png', revised_prompt: 'a red fox' }],
    })
    queryClient.setQueryData(jobKeys.detail(JOB_ID), watched(parsedJob(body)))
    const view = renderApp({ path: `/jobs/${JOB_ID}`, queryClient })
    await screen.findByText('COMPLETED')

    await view.user.click(screen.getByRole('link', { name: 'Jobscope' }))
    await screen.findByRole('region', { name: 'Recent' })
    const item = recentItem(JOB_ID)
    expect(within(item).getByText('COMPLETED')).toBeInTheDocument()
    expect(item).not.toHaveTextContent('status not seen yet')
    // the picture comes with the list's thumbnails, after the list (kind-list-view.tsx)
    await waitFor(() =>
      expect(item.querySelector('img')).toHaveAttribute('src', 'https://img.example/fox.png'),
    )
  })

  it('lists a job that was not found as "not found"', async () => {
    serveJobs(() => HttpResponse.json({ message: 'Job not found' }, { status: 404 }))
    const view = renderApp({ path: `/jobs/${JOB_ID}` })
    await screen.findByRole('alert')

    await view.user.click(screen.getByRole('link', { name: 'Jobscope' }))

    expect(recentItem(JOB_ID)).toHaveTextContent('not found')
  })

  it('survives a reload: a new page reads the list back from storage', async () => {
    const view = await visitCompletedJob()
    await waitFor(() => expect(localStorage.getItem(RECENT_STORAGE_KEY)).toContain(JOB_ID))
    view.close()

    renderApp({ path: '/' })

    expect(recentIds()).toEqual([JOB_ID])
    expect(within(recentItem(JOB_ID)).getByText('COMPLETED')).toBeInTheDocument()
  })

  it('pins an entry to the top, and the pin survives a reload', async () => {
    seedRecent([recentEntry(JOB_ID, 1), recentEntry(OTHER_JOB_ID, 2), recentEntry(THIRD_JOB_ID, 3)])
    const view = renderApp({ path: '/' })
    expect(recentIds()).toEqual([JOB_ID, OTHER_JOB_ID, THIRD_JOB_ID])
    const pin = screen.getByRole('button', { name: `Pin ${THIRD_JOB_ID}` })
    expect(pin).toHaveAttribute('aria-pressed', 'false')

    await view.user.click(pin)

    expect(recentIds()).toEqual([THIRD_JOB_ID, JOB_ID, OTHER_JOB_ID])
    expect(screen.getByRole('button', { name: `Unpin ${THIRD_JOB_ID}` })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    expect(screen.getByRole('button', { name: `Pin ${JOB_ID}` })).toHaveAttribute(
      'aria-pressed',
      'false',
    )

    await waitFor(() => expect(localStorage.getItem(RECENT_STORAGE_KEY)).toContain('"pinned":true'))
    view.close()
    renderApp({ path: '/' })
    expect(recentIds()).toEqual([THIRD_JOB_ID, JOB_ID, OTHER_JOB_ID])
  })

  it('removes an entry', async () => {
    seedRecent([recentEntry(JOB_ID, 1), recentEntry(OTHER_JOB_ID, 2), recentEntry(THIRD_JOB_ID, 3)])
    const view = renderApp({ path: '/' })

    await view.user.click(
      screen.getByRole('button', { name: `Remove ${OTHER_JOB_ID} from recent` }),
    )

    expect(recentIds()).toEqual([JOB_ID, THIRD_JOB_ID])
  })

  it('"Clear all" keeps pinned entries, "also pinned" clears those too, and "Undo" brings it all back', async () => {
    seedRecent([
      { ...recentEntry(THIRD_JOB_ID, 3), pinned: true },
      recentEntry(JOB_ID, 1),
      recentEntry(OTHER_JOB_ID, 2),
    ])
    // A long batch list kept in this tab holds job ids too.
    sessionStorage.setItem('jobscope.batch.k3y9', `${JOB_ID},${OTHER_JOB_ID}`)
    const view = renderApp({ path: '/' })
    expect(recentIds()).toEqual([THIRD_JOB_ID, JOB_ID, OTHER_JOB_ID])

    await view.user.click(screen.getByRole('button', { name: 'Clear all' }))

    expect(recentIds()).toEqual([THIRD_JOB_ID])
    expect(sessionStorage.getItem('jobscope.batch.k3y9')).toBeNull()
    expect(within(recentRegion()).getByRole('status')).toHaveTextContent(
      'Cleared 2 recent lookups; kept 1 pinned.',
    )

    await view.user.click(screen.getByRole('checkbox', { name: 'also pinned' }))
    await view.user.click(screen.getByRole('button', { name: 'Clear all' }))

    expect(recentIds()).toEqual([])
    expect(within(recentRegion()).getByRole('status')).toHaveTextContent('Cleared 1 recent lookup.')
    expect(screen.queryByRole('button', { name: 'Clear all' })).not.toBeInTheDocument()

    await view.user.click(screen.getByRole('button', { name: 'Undo' }))

    expect(recentIds()).toEqual([THIRD_JOB_ID])
    expect(screen.getByRole('button', { name: `Unpin ${THIRD_JOB_ID}` })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument()
  })

  it.each([
    ['corrupt JSON', '{bad'],
    ['a JSON string', '"recent"'],
    ['entries that are not a list', '{"version":1,"entries":"x"}'],
  ])('renders an empty list, without an error, when storage holds %s', (_, stored) => {
    localStorage.setItem(RECENT_STORAGE_KEY, stored)

    renderApp({ path: '/' })

    expect(screen.getByRole('heading', { name: 'Recent' })).toBeInTheDocument()
    expect(recentIds()).toEqual([])
    expect(recentRegion()).toHaveTextContent('Jobs you look up appear here')
    expect(screen.getByRole('textbox', { name: 'Job ID' })).toBeInTheDocument()
    expect(console.error).not.toHaveBeenCalled()
  })
})
