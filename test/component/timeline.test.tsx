// Issue 9, "Timeline": the job page lists every status this browser saw, when it was first seen and
// the gap from the one before, plus the API's created and finished; recorded for every page (job,
// batch rows, watches) and kept in this browser, so reopening a job shows what was seen before.
import { screen, waitFor, within } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { TIMELINE_STORAGE_KEY } from '../../src/features/job/status-timeline.ts'
import { advanceTime, renderApp } from './render-app.tsx'
import { JOB_ID, OTHER_JOB_ID, imageJob, serveJobs } from './support/server.ts'

const START = new Date('2025-05-17T10:00:01.000Z')
const CREATED = '2025-05-17T10:00:00.000Z'
const FINISHED = '2025-05-17T10:00:07.000Z'

beforeEach(() => {
  vi.useFakeTimers({
    shouldAdvanceTime: true,
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  })
  vi.setSystemTime(START)
})

/** CREATED, QUEUED, then PROCESSING for four answers, then COMPLETED. */
function serveFourSteps() {
  return serveJobs(({ number }) => {
    const status =
      number === 1 ? 'CREATED' : number === 2 ? 'QUEUED' : number <= 6 ? 'PROCESSING' : 'COMPLETED'
    return HttpResponse.json(
      imageJob({
        status,
        created: CREATED,
        finished: status === 'COMPLETED' ? FINISHED : null,
      }),
    )
  })
}

const timeline = () => screen.getByRole('region', { name: 'Timeline' })

/** The timeline's rows as read: "10:00:01 UTC CREATED (first seen)". */
function timelineRows(): string[] {
  return within(timeline())
    .getAllByRole('row')
    .filter((row) => within(row).queryAllByRole('cell').length > 0)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent ?? '')
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
}

async function advanceUntilText(text: string, maxMs = 30_000) {
  for (let waited = 0; waited < maxMs; waited += 500) {
    if (screen.queryByText(text) !== null) return
    await advanceTime(500)
  }
  throw new Error(`"${text}" did not appear within ${maxMs} ms`)
}

async function useUtc(view: ReturnType<typeof renderApp>) {
  await view.user.click(
    within(screen.getByRole('group', { name: 'Show times in' })).getByRole('button', {
      name: 'UTC',
    }),
  )
}

describe('the job page timeline', () => {
  it('lists every status seen, in order, with the time first seen and the gap from the previous one', async () => {
    serveFourSteps()
    const view = renderApp({ path: `/jobs/${JOB_ID}` })
    await screen.findByText('CREATED')
    await useUtc(view)
    await advanceUntilText('COMPLETED')
    await screen.findByRole('heading', { name: 'Timeline' })

    expect(timelineRows()).toEqual([
      '10:00:01 UTC CREATED (first seen)',
      '10:00:02 UTC QUEUED +1 s',
      '10:00:03 UTC PROCESSING +1 s',
      '10:00:07 UTC COMPLETED +4 s',
    ])
    expect(timeline()).toHaveTextContent(
      'What this browser saw while checking the job, not the API’s own history',
    )
    expect(timeline()).toHaveTextContent('Created (API): 2025-05-17 10:00:00 UTC')
    expect(timeline()).toHaveTextContent('Finished (API): 2025-05-17 10:00:07 UTC')
    // The badge near the top stays the only element whose text is the status.
    expect(screen.getAllByText('COMPLETED')).toHaveLength(1)
  })

  it('follows the Local/UTC switch', async () => {
    serveJobs(() => HttpResponse.json(imageJob({ status: 'PROCESSING', created: CREATED })))
    const view = renderApp({ path: `/jobs/${JOB_ID}` })
    await screen.findByRole('heading', { name: 'Timeline' })
    const local = new Date(START)
    const pad = (value: number) => String(value).padStart(2, '0')
    const localTime = `${pad(local.getHours())}:${pad(local.getMinutes())}:${pad(local.getSeconds())}`
    const time = () => within(timeline()).getAllByRole('row')[1]?.querySelector('time')

    expect(time()).toHaveTextContent(new RegExp(`^${localTime}$`))
    expect(time()).toHaveAttribute('datetime', START.toISOString())
    expect(time()).toHaveAttribute('title', '2025-05-17 10:00:01 UTC')

    await useUtc(view)

    expect(time()).toHaveTextContent(/^10:00:01 UTC$/)
    expect(time()?.getAttribute('title')).toMatch(/^Local: /)
  })

  it('shows what was seen before when the job is opened again, after a reload', async () => {
    serveFourSteps()
    const first = renderApp({ path: `/jobs/${JOB_ID}` })
    await screen.findByText('CREATED')
    await advanceUntilText('COMPLETED')
    await advanceTime(1_500)
    expect(localStorage.getItem(TIMELINE_STORAGE_KEY)).toContain(JOB_ID)
    first.close()

    serveJobs(() =>
      HttpResponse.json(imageJob({ status: 'COMPLETED', created: CREATED, finished: FINISHED })),
    )
    const view = renderApp({ path: `/jobs/${JOB_ID}` })
    await screen.findByText('COMPLETED')
    await screen.findByRole('heading', { name: 'Timeline' })
    await useUtc(view)

    expect(timelineRows()).toEqual([
      '10:00:01 UTC CREATED (first seen)',
      '10:00:02 UTC QUEUED +1 s',
      '10:00:03 UTC PROCESSING +1 s',
      '10:00:07 UTC COMPLETED +4 s',
    ])
  })

  it('records what batch rows saw too, in the same place', async () => {
    serveJobs(({ id, number }) =>
      HttpResponse.json(
        imageJob({
          id,
          status: id === JOB_ID && number <= 2 ? 'QUEUED' : 'COMPLETED',
          finished: id === JOB_ID && number <= 2 ? null : FINISHED,
        }),
      ),
    )
    const view = renderApp({ path: `/batch?ids=${JOB_ID},${OTHER_JOB_ID}` })
    const link = await screen.findByRole('link', { name: JOB_ID })
    for (let waited = 0; waited < 20_000; waited += 500) {
      if (within(screen.getByRole('table')).queryAllByText('COMPLETED').length === 2) break
      await advanceTime(500)
    }
    expect(within(screen.getByRole('table')).getAllByText('COMPLETED')).toHaveLength(2)

    await view.user.click(link)
    await screen.findByRole('heading', { name: 'Timeline' })
    await useUtc(view)

    expect(timelineRows().map((row) => row.replace(/^\S+ UTC /, ''))).toEqual([
      'QUEUED (first seen)',
      'COMPLETED +1 s',
    ])
  })

  it('says a status earlier than the one before went back, as the API reported it', async () => {
    serveJobs(({ number }) =>
      HttpResponse.json(
        number === 1
          ? imageJob({ status: 'COMPLETED', created: CREATED, finished: FINISHED })
          : imageJob({ status: 'CREATED', created: CREATED, finished: null }),
      ),
    )
    const view = renderApp({ path: `/jobs/${JOB_ID}` })
    await screen.findByText('COMPLETED')
    await view.user.click(screen.getByRole('button', { name: /^Refresh/ }))
    await screen.findByRole('heading', { name: 'Timeline' })
    await useUtc(view)

    await waitFor(() => expect(timelineRows()).toHaveLength(2))
    expect(timelineRows()[1]).toMatch(
      /^\S+ UTC went back to CREATED — the API reported an earlier status \+\d+ m?s$/,
    )
  })

  it('says so when the clock was set back between two statuses, without a negative gap', async () => {
    serveJobs(({ number }) =>
      HttpResponse.json(imageJob({ status: number === 1 ? 'QUEUED' : 'PROCESSING' })),
    )
    const view = renderApp({ path: `/jobs/${JOB_ID}` })
    await screen.findByText('QUEUED')
    vi.setSystemTime(new Date('2025-05-17T09:00:00.000Z'))
    await advanceUntilText('PROCESSING')
    await screen.findByRole('heading', { name: 'Timeline' })
    await useUtc(view)

    const rows = timelineRows()
    expect(rows).toHaveLength(2)
    expect(rows[1]).toMatch(/^09:00:0\d UTC PROCESSING \(after a clock change\)$/)
  })

  it.each([
    ['corrupt JSON', '{bad'],
    ['jobs that are not a list', '{"version":1,"jobs":"x"}'],
    [
      'garbage entries',
      JSON.stringify({
        version: 1,
        jobs: [{ id: JOB_ID, seen: [{ status: 7, at: 'x' }, null], dropped: 0 }, 'x'],
      }),
    ],
  ])('starts afresh, without an error, when storage holds %s', async (_, stored) => {
    localStorage.setItem(TIMELINE_STORAGE_KEY, stored)
    serveJobs(() => HttpResponse.json(imageJob({ status: 'PROCESSING' })))
    const view = renderApp({ path: `/jobs/${JOB_ID}` })
    await screen.findByRole('heading', { name: 'Timeline' })
    await useUtc(view)

    expect(timelineRows()).toEqual(['10:00:01 UTC PROCESSING (first seen)'])
    expect(console.error).not.toHaveBeenCalled()
  })
})
