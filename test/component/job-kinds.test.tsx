// A job id says nothing about its kind: the job page finds it on the images, chat or speech endpoint,
// then polls only that one — and a failing endpoint is never taken for "not found".
import { screen, waitFor, within } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { BuiltInKind } from '../../src/lib/job-kinds.ts'
import { RECENT_STORAGE_KEY } from '../../src/features/recent/recent-lookups.ts'
import { advanceTime, createTestQueryClient, renderApp } from './render-app.tsx'
import { JOB_ID, type JobEndpoint, serveJobs } from './support/server.ts'

const KINDS: readonly BuiltInKind[] = ['images', 'chat', 'speech']

function chatBody(status: string) {
  const done = status === 'COMPLETED'
  return {
    status,
    created: 1747465200,
    ...(done ? { finished: 1747465212 } : {}),
    model: 'llama-3.1-8b',
    service_tier: 'default',
    usage: done ? { prompt_tokens: 1200, completion_tokens: 34, total_tokens: 1234 } : null,
    choices: done
      ? [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Hello' } }]
      : [],
  }
}

const notFound = () => HttpResponse.json({ message: 'Job not found' }, { status: 404 })
const serverError = () => new HttpResponse('<h1>Bad gateway</h1>', { status: 502 })

/** Every endpoint answering as given (404 unless told), each counting its own requests. */
function serveKinds(
  answers: Partial<Record<BuiltInKind, (call: { number: number }) => Response>>,
): Record<BuiltInKind, JobEndpoint> {
  return Object.fromEntries(
    KINDS.map((kind) => [kind, serveJobs(answers[kind] ?? notFound, kind)]),
  ) as Record<BuiltInKind, JobEndpoint>
}

const counts = (endpoints: Record<BuiltInKind, JobEndpoint>) =>
  KINDS.map((kind) => endpoints[kind].count)

describe('finding the kind of a bare id', () => {
  beforeEach(() => {
    vi.useFakeTimers({
      shouldAdvanceTime: true,
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    })
  })

  it('finds a chat job, writes ?kind=chat into the address, and then polls only chat', async () => {
    const endpoints = serveKinds({
      chat: ({ number }) => HttpResponse.json(chatBody(number < 3 ? 'PROCESSING' : 'COMPLETED')),
    })
    const view = renderApp({ path: `/jobs/${JOB_ID}` })

    expect(await screen.findByText('PROCESSING')).toBeInTheDocument()
    expect(screen.getByText('Chat')).toBeInTheDocument()
    expect(screen.getByText('Generating the answer.')).toBeInTheDocument()
    await waitFor(() => expect(view.currentPath()).toBe(`/jobs/${JOB_ID}?kind=chat`))
    // replaced in place: Back leaves the job instead of returning to the bare address
    expect(view.history).toEqual([`/jobs/${JOB_ID}?kind=chat`])

    for (let waited = 0; waited < 30_000 && !screen.queryByText('COMPLETED'); waited += 1_000) {
      await advanceTime(1_000)
    }
    expect(screen.getByText('COMPLETED')).toBeInTheDocument()
    expect(screen.getByText('Total tokens').nextSibling).toHaveTextContent('1,234')
    expect(counts(endpoints)).toEqual([1, 3, 1])

    await advanceTime(30_000, 1_000)
    expect(counts(endpoints)).toEqual([1, 3, 1])
  })

  it('asks only the endpoint a ?kind= link names', async () => {
    const endpoints = serveKinds({
      chat: () => HttpResponse.json(chatBody('COMPLETED')),
      speech: () => HttpResponse.json({ id: JOB_ID, status: 'COMPLETED', results: [] }),
    })
    renderApp({ path: `/jobs/${JOB_ID}?kind=speech` })
    expect(await screen.findByText('Speech')).toBeInTheDocument()
    await advanceTime(5_000, 1_000)
    expect(counts(endpoints)).toEqual([0, 0, 1])
  })

  it('ignores a ?kind= value that is not a kind, and searches every endpoint', async () => {
    const endpoints = serveKinds({
      speech: () => HttpResponse.json({ id: JOB_ID, status: 'COMPLETED', results: [] }),
    })
    const view = renderApp({ path: `/jobs/${JOB_ID}?kind=video` })
    expect(await screen.findByText('Speech')).toBeInTheDocument()
    expect(counts(endpoints)).toEqual([1, 1, 1])
    await waitFor(() => expect(view.currentPath()).toBe(`/jobs/${JOB_ID}?kind=speech`))
  })

  it('says a ?kind= link found nothing on that endpoint, and offers to look in every kind', async () => {
    const endpoints = serveKinds({
      images: () => HttpResponse.json({ id: JOB_ID, status: 'QUEUED' }),
    })
    const view = renderApp({ path: `/jobs/${JOB_ID}?kind=chat` })
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Job not found')
    expect(alert).toHaveTextContent('only chat was asked')
    expect(counts(endpoints)).toEqual([0, 1, 0])

    await view.user.click(screen.getByRole('link', { name: /look for it in every kind/i }))
    expect(await screen.findByText('QUEUED')).toBeInTheDocument()
    expect(screen.getByText('Image')).toBeInTheDocument()
    expect(endpoints.images.count).toBe(1)
  })

  it('never calls a job "not found" while one endpoint fails; it retries only that one and then concludes', async () => {
    const endpoints = serveKinds({
      chat: ({ number }) => (number <= 2 ? serverError() : notFound()),
    })
    renderApp({ path: `/jobs/${JOB_ID}` })

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('The API had a problem')
    expect(alert).toHaveTextContent('on the chat result endpoint')
    expect(alert).toHaveTextContent('Images and speech answered “not found”')
    expect(alert).not.toHaveTextContent('Job not found')

    for (let waited = 0; waited < 30_000 && !screen.queryByText('Job not found'); waited += 500) {
      await advanceTime(500)
    }
    expect(screen.getByRole('alert')).toHaveTextContent('looked in images, chat and speech')
    expect(counts(endpoints)).toEqual([1, 3, 1])
  })

  it('shows a job found while another endpoint fails', async () => {
    const endpoints = serveKinds({
      images: serverError,
      speech: () => HttpResponse.json({ id: JOB_ID, status: 'PROCESSING', results: [] }),
    })
    renderApp({ path: `/jobs/${JOB_ID}` })
    expect(await screen.findByText('PROCESSING')).toBeInTheDocument()
    expect(screen.getByText('Generating audio.')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    await advanceTime(10_000, 1_000)
    expect(endpoints.images.count).toBe(1)
    expect(endpoints.speech.count).toBeGreaterThan(1)
  })

  it('notes when more than one endpoint has the id, and shows the first in the order images, chat, speech', async () => {
    serveKinds({
      chat: () => HttpResponse.json(chatBody('COMPLETED')),
      speech: () => HttpResponse.json({ id: JOB_ID, status: 'COMPLETED', results: [] }),
    })
    renderApp({ path: `/jobs/${JOB_ID}` })
    expect(await screen.findByText('Chat')).toBeInTheDocument()
    expect(
      await screen.findByText(/speech also has a job with this id\. Showing the chat job/),
    ).toBeInTheDocument()
  })
})

describe('the kind, remembered', () => {
  it('records the kind in Recent, and reopening from Recent asks only that endpoint', async () => {
    const endpoints = serveKinds({ chat: () => HttpResponse.json(chatBody('COMPLETED')) })
    const queryClient = createTestQueryClient()
    const view = renderApp({ path: `/jobs/${JOB_ID}`, queryClient })
    expect(await screen.findByText('COMPLETED')).toBeInTheDocument()
    await view.user.click(screen.getByRole('link', { name: 'Jobscope' }))

    const recent = await screen.findByRole('region', { name: 'Recent' })
    const link = within(recent).getByRole('link', { name: JOB_ID })
    expect(link).toHaveAttribute('href', `/jobs/${JOB_ID}?kind=chat`)
    expect(recent).toHaveTextContent('Chat')
    await waitFor(() =>
      expect(JSON.parse(localStorage.getItem(RECENT_STORAGE_KEY) ?? '{}')).toMatchObject({
        entries: [{ id: JOB_ID, kind: 'chat' }],
      }),
    )
    view.unmount()

    // a fresh page (new cache) opened from that link
    KINDS.forEach((kind) => endpoints[kind].reset())
    renderApp({ path: `/jobs/${JOB_ID}?kind=chat` })
    expect(await screen.findByText('COMPLETED')).toBeInTheDocument()
    expect(counts(endpoints)).toEqual([0, 1, 0])
  })
})
