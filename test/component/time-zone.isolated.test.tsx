// The header's Local/UTC switch: every time the app shows follows it, and the browser remembers it.
import { screen, within } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { formatLocal } from '../../src/lib/time.ts'
import { renderApp } from './render-app.tsx'
import { JOB_ID, imageJob, serveJobs } from './support/server.ts'

// A zone that is not UTC, set before the app's date formats are made, so "local" and "UTC" differ
// even on a machine whose own zone is UTC.
vi.hoisted(() => {
  vi.stubEnv('TZ', 'America/New_York')
})
afterAll(() => {
  vi.unstubAllEnvs()
})

const STORAGE_KEY = 'jobscope.timeZone'
const CREATED = '2025-05-17T07:00:00.000Z'
const FINISHED = '2025-05-17T07:01:05.000Z'

async function renderJobPage() {
  serveJobs(() =>
    HttpResponse.json(imageJob({ status: 'COMPLETED', created: CREATED, finished: FINISHED })),
  )
  const view = renderApp({ path: `/jobs/${JOB_ID}` })
  await screen.findByText('COMPLETED')
  return view
}

/** The <time> of a fact on the job page, e.g. "Created". */
function factTime(term: string): HTMLElement {
  const dd = screen.getByText(term, { selector: 'dt' }).nextElementSibling
  const time = dd?.querySelector('time')
  if (!(time instanceof HTMLElement)) throw new Error(`no <time> for ${term}`)
  return time
}

const switchGroup = () => screen.getByRole('group', { name: 'Show times in' })
const zoneButton = (name: 'Local' | 'UTC') => within(switchGroup()).getByRole('button', { name })

describe('time zone switch', () => {
  it('offers Local and UTC in the header, Local by default', () => {
    renderApp({ path: '/' })
    expect(switchGroup().closest('header')).not.toBeNull()
    expect(zoneButton('Local')).toHaveAttribute('aria-pressed', 'true')
    expect(zoneButton('UTC')).toHaveAttribute('aria-pressed', 'false')
  })

  it('shows job times in local time, with UTC on hover', async () => {
    await renderJobPage()
    const created = factTime('Created')
    expect(created).toHaveTextContent(formatLocal(new Date(CREATED)))
    expect(created).not.toHaveTextContent('UTC')
    expect(created).toHaveAttribute('title', '2025-05-17 07:00:00 UTC')
  })

  it('switches job times to "… UTC" and back', async () => {
    const view = await renderJobPage()

    await view.user.click(zoneButton('UTC'))

    expect(zoneButton('UTC')).toHaveAttribute('aria-pressed', 'true')
    expect(zoneButton('Local')).toHaveAttribute('aria-pressed', 'false')
    expect(factTime('Created')).toHaveTextContent('2025-05-17 07:00:00 UTC')
    expect(factTime('Finished')).toHaveTextContent('2025-05-17 07:01:05 UTC')
    expect(factTime('Created')).toHaveAttribute('title', `Local: ${formatLocal(new Date(CREATED))}`)

    await view.user.click(zoneButton('Local'))

    expect(factTime('Created')).toHaveTextContent(formatLocal(new Date(CREATED)))
    expect(factTime('Created')).not.toHaveTextContent('UTC')
  })

  it('remembers UTC in localStorage, and a new page starts in UTC', async () => {
    const view = await renderJobPage()

    await view.user.click(zoneButton('UTC'))
    expect(localStorage.getItem(STORAGE_KEY)).toBe('"utc"')

    view.close()
    await renderJobPage()

    expect(zoneButton('UTC')).toHaveAttribute('aria-pressed', 'true')
    expect(factTime('Created')).toHaveTextContent('2025-05-17 07:00:00 UTC')
  })

  it.each<[string, string, 'Local' | 'UTC']>([
    ['"utc"', '"utc"', 'UTC'],
    ['"local"', '"local"', 'Local'],
    ['"UTC" (not our spelling)', '"UTC"', 'Local'],
    ['corrupt JSON', '{utc', 'Local'],
  ])('starts from a stored %s in %s', (_, stored, expected) => {
    localStorage.setItem(STORAGE_KEY, stored)
    renderApp({ path: '/' })
    expect(zoneButton(expected)).toHaveAttribute('aria-pressed', 'true')
    expect(console.error).not.toHaveBeenCalled()
  })

  it('switches the batch table’s times too', async () => {
    serveJobs(({ id }) =>
      HttpResponse.json(
        imageJob({ id, status: 'COMPLETED', created: CREATED, finished: FINISHED }),
      ),
    )
    const view = renderApp({ path: `/batch?ids=${JOB_ID}` })
    const row = (await screen.findByRole('link', { name: JOB_ID })).closest('tr')
    if (row === null) throw new Error('no row for the job')
    await within(row).findByText('COMPLETED')
    const created = () => row.querySelector(`time[datetime="${CREATED}"]`)
    expect(created()).not.toHaveTextContent('UTC')

    await view.user.click(zoneButton('UTC'))

    expect(created()).toHaveTextContent('2025-05-17 07:00:00 UTC')
  })
})

describe('document title', () => {
  it('shows the job status', async () => {
    await renderJobPage()
    expect(document.title).toBe('COMPLETED · Jobscope')
  })
})
