// Triage first (issue 9): the batch page shows problems first when asked, says what a filter hides
// and what each action takes, copies the problem ids, counts ids while they are typed, names the
// time zone of its times and keeps the invalid tokens with the list.
import { screen, waitFor, within } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LIVE_COUNT_DELAY_MS } from '../../src/features/batch/BatchForm.tsx'
import { STUCK_AFTER_MS } from '../../src/features/batch/batch-rows.ts'
import { createTestQueryClient, renderApp } from './render-app.tsx'
import {
  type DownloadCapture,
  captureDownloads,
  pretendSecureContext,
} from './support/downloads.ts'
import { type ApiImageJob, imageJob, serveJobs } from './support/server.ts'

// A zone that is not UTC, set before any date format is made, so "local" and "UTC" differ even on a
// machine whose own zone is UTC. In May it is two hours ahead of UTC.
vi.hoisted(() => {
  vi.stubEnv('TZ', 'Europe/Berlin')
})
afterAll(() => {
  vi.unstubAllEnvs()
})

/** A deterministic, valid v4 id for index n; ids sort in index order. */
const nthId = (n: number) => `${n.toString(16).padStart(8, '0')}-1a2b-4c3d-8e4f-000000000000`
const idList = (count: number) => Array.from({ length: count }, (_, n) => nthId(n))

const CREATED = '2025-05-17T07:00:00.000Z'
const FINISHED = '2025-05-17T07:01:05.000Z'
const NOT_V4 = '3f2b8c1e-7a4d-1e6f-9b1a-2c5d8e0f4a71'

function job(id: string, status: string, overrides: Partial<ApiImageJob> = {}): ApiImageJob {
  const final = status === 'COMPLETED' || status === 'ERROR'
  return imageJob({
    id,
    status,
    created: CREATED,
    finished: final ? FINISHED : null,
    results: status === 'COMPLETED' ? [{ url: `https://img.example/${id}.png` }] : [],
    ...overrides,
  })
}

/** Answers each id with a body or a status code; every other id is a COMPLETED job. */
function serveBatch(answers: Record<string, ApiImageJob | number> = {}) {
  return serveJobs(({ id }) => {
    const answer = answers[id] ?? job(id, 'COMPLETED')
    if (typeof answer !== 'number') return HttpResponse.json(answer)
    return HttpResponse.json({ message: `HTTP ${answer} (test)` }, { status: answer })
  })
}

function renderBatch(ids: readonly string[]) {
  return renderApp({
    path: `/batch?ids=${ids.join(',')}`,
    queryClient: createTestQueryClient({ fastRetries: true }),
  })
}

/** The body rows of the table, as rendered. */
function bodyRows(): HTMLElement[] {
  return within(screen.getByRole('table'))
    .getAllByRole('row')
    .filter((row) => row.hasAttribute('aria-rowindex'))
}

const rowIds = () => bodyRows().map((row) => within(row).getByRole('link').textContent)

function rowWith(id: string): HTMLElement {
  const row = within(screen.getByRole('table')).getByRole('link', { name: id }).closest('tr')
  if (row === null) throw new Error(`no row for ${id}`)
  return row
}

/** Waits until every row has had an answer (or a failure): none is still "looking up". */
async function waitForAnswers(count: number) {
  await waitFor(
    () => {
      const rows = bodyRows()
      expect(rows).toHaveLength(count)
      for (const row of rows) expect(row).not.toHaveAttribute('data-row-group', 'waiting')
    },
    { timeout: 10_000 },
  )
}

const exportCsv = (name: string) => screen.getByRole('button', { name })
const statusButton = () =>
  within(screen.getByRole('columnheader', { name: 'Status' })).getByRole('button')

// A batch with one row of each kind of problem between healthy ones, in paste order.
const [DONE, STUCK, FAILED, ODD, POSTPONED, MISSING, BROKEN, FRESH] = idList(8) as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
]
const TRIAGE = [DONE, STUCK, FAILED, ODD, POSTPONED, MISSING, BROKEN, FRESH]

function serveTriage() {
  return serveBatch({
    // created in 2025 and still working: stuck
    [STUCK]: job(STUCK, 'PROCESSING'),
    [FAILED]: job(FAILED, 'ERROR'),
    [ODD]: job(ODD, 'ARCHIVED', { created: new Date().toISOString() }),
    [POSTPONED]: job(POSTPONED, 'POSTPONED', { created: new Date().toISOString() }),
    [MISSING]: 404,
    // the lookup fails for good (retries spent): our own "error" row
    [BROKEN]: 500,
    // created a moment ago: in progress, not a problem
    [FRESH]: job(FRESH, 'QUEUED', { created: new Date().toISOString() }),
  })
}

describe('batch triage: order', () => {
  it('sorts Status problems first — ERROR, not found, failed lookup, unknown, POSTPONED, in progress, COMPLETED — and back', async () => {
    serveTriage()
    const view = renderBatch(TRIAGE)
    await waitForAnswers(TRIAGE.length)
    expect(rowIds()).toEqual(TRIAGE)

    await view.user.click(statusButton())
    expect(rowIds()).toEqual([FAILED, MISSING, BROKEN, ODD, POSTPONED, FRESH, STUCK, DONE])

    await view.user.click(statusButton())
    expect(rowIds()).toEqual([DONE, STUCK, FRESH, POSTPONED, ODD, BROKEN, MISSING, FAILED])

    await view.user.click(statusButton())
    expect(rowIds()).toEqual(TRIAGE)
  }, 20_000)
})

describe('batch triage: filters', () => {
  let capture: DownloadCapture | undefined
  let insecure: (() => void) | undefined
  afterEach(() => {
    capture?.stop()
    capture = undefined
    insecure?.()
    insecure = undefined
  })

  it('marks the selected filter with a check and a filled style, not colour alone', async () => {
    const [done, missing] = idList(2) as [string, string]
    serveBatch({ [missing]: 404 })
    const view = renderBatch([done, missing])
    await waitForAnswers(2)
    const all = screen.getByRole('button', { name: 'All 2' })
    const notFound = screen.getByRole('button', { name: '1 not found' })
    const hasCheck = (button: HTMLElement) => button.querySelector('svg.lucide-check') !== null

    expect(hasCheck(all)).toBe(true)
    expect(hasCheck(notFound)).toBe(false)
    const unselectedLook = notFound.className

    await view.user.click(notFound)
    expect(notFound).toHaveAttribute('aria-pressed', 'true')
    expect(hasCheck(notFound)).toBe(true)
    expect(hasCheck(all)).toBe(false)
    expect(notFound.className).not.toBe(unselectedLook)
    expect(notFound.className).toMatch(/\bbg-zinc-800\b/)
    expect(all.className).toBe(unselectedLook)
  })

  it('says "Showing N of M" while filtered, names what each action takes, and clears in one click', async () => {
    capture = captureDownloads()
    insecure = pretendSecureContext()
    const ids = idList(5)
    const [, second, , fourth] = ids as [string, string, string, string, string]
    serveBatch({ [second]: 404, [fourth]: 404 })
    const view = renderBatch(ids)
    await waitForAnswers(5)
    expect(screen.queryByText(/^Showing \d+ of \d+$/)).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeVisible()
    expect(screen.getByRole('button', { name: 'Export JSON' })).toBeVisible()
    expect(screen.getByRole('button', { name: 'Copy summary of the rows shown' })).toBeVisible()

    await view.user.click(screen.getByRole('button', { name: '2 not found' }))
    expect(screen.getByText('Showing 2 of 5')).toBeVisible()
    expect(screen.queryByRole('button', { name: 'Export CSV' })).not.toBeInTheDocument()
    await view.user.click(exportCsv('Export 2 of 5 as CSV'))
    await view.user.click(screen.getByRole('button', { name: 'Export 2 of 5 as JSON' }))
    await view.user.click(screen.getByRole('button', { name: 'Copy summary of 2 of 5' }))

    const [csv, json] = capture.downloads
    expect((await csv?.blob.text())?.split('\r\n').slice(1, -1)).toEqual([
      `${second},not found,,,,,,,,,`,
      `${fourth},not found,,,,,,,,,`,
    ])
    expect(
      (JSON.parse((await json?.blob.text()) ?? '[]') as Array<{ id: string }>).map(({ id }) => id),
    ).toEqual([second, fourth])
    expect(await navigator.clipboard.readText()).toBe(
      `${second} · not found\n${fourth} · not found`,
    )

    await view.user.click(screen.getByRole('button', { name: 'Clear filter' }))
    expect(rowIds()).toEqual(ids)
    expect(screen.queryByText(/^Showing \d+ of \d+$/)).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Clear filter' })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'All 5' })).toHaveAttribute('aria-pressed', 'true')
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeVisible()
  })

  it('keeps the selected filter’s chip, at 0, when its last row moves on', async () => {
    const [moving, done] = idList(2) as [string, string]
    let finished = false
    serveJobs(({ id }) =>
      HttpResponse.json(job(id, id !== moving || finished ? 'COMPLETED' : 'PROCESSING')),
    )
    const view = renderApp({
      path: `/batch?ids=${moving},${done}`,
      config: { pollBounds: { minMs: 50, maxMs: 100 } },
    })
    await view.user.click(await screen.findByRole('button', { name: '1 PROCESSING' }))
    expect(screen.getByText('Showing 1 of 2')).toBeVisible()

    finished = true
    const emptied = await screen.findByRole('button', { name: '0 PROCESSING' }, { timeout: 5000 })
    expect(emptied).toHaveAttribute('aria-pressed', 'true')
    expect(screen.getByText('Showing 0 of 2')).toBeVisible()
    expect(screen.getByText('No rows match this filter.')).toBeVisible()
    await view.user.click(screen.getByRole('button', { name: 'Clear filter' }))
    expect(rowIds()).toEqual([moving, done])
  })
})

describe('batch triage: Copy problem ids', () => {
  let insecure: (() => void) | undefined
  beforeEach(() => {
    insecure = pretendSecureContext()
  })
  afterEach(() => {
    insecure?.()
  })

  const copyButton = () => screen.getByRole('button', { name: /^Copy problem ids/ })

  it('copies ERROR, not found, failed lookup, unknown status and stuck rows, one id per line, and says how many', async () => {
    serveTriage()
    const view = renderBatch(TRIAGE)
    await waitForAnswers(TRIAGE.length)
    await waitFor(() => expect(rowWith(BROKEN)).toHaveAttribute('data-row-group', 'error'))

    expect(copyButton()).toHaveAccessibleName('Copy problem ids 5')
    expect(copyButton()).toHaveAccessibleDescription(
      expect.stringContaining(`not final ${STUCK_AFTER_MS / 60_000} min after created`) as string,
    )
    expect(within(rowWith(STUCK)).getByText(/^stuck \d/)).toHaveAttribute(
      'title',
      expect.stringMatching(/^Not final .* after it was created \(stuck: over 15 min\)$/) as string,
    )
    expect(within(rowWith(FRESH)).queryByText(/stuck/)).not.toBeInTheDocument()

    await view.user.click(copyButton())
    expect(await navigator.clipboard.readText()).toBe(
      [STUCK, FAILED, ODD, MISSING, BROKEN].join('\n'),
    )
    expect(await screen.findByRole('button', { name: 'Copied 5 ids' })).toBeVisible()
    expect(screen.getAllByRole('status').map((region) => region.textContent)).toContain(
      'Copied 5 ids',
    )
  }, 20_000)

  it('follows the table’s order, and takes the whole batch whatever the filter', async () => {
    serveTriage()
    const view = renderBatch(TRIAGE)
    await waitForAnswers(TRIAGE.length)
    await waitFor(() => expect(rowWith(BROKEN)).toHaveAttribute('data-row-group', 'error'))

    await view.user.click(statusButton())
    await view.user.click(screen.getByRole('button', { name: '1 COMPLETED' }))
    expect(rowIds()).toEqual([DONE])
    await view.user.click(copyButton())
    expect(await navigator.clipboard.readText()).toBe(
      [FAILED, MISSING, BROKEN, ODD, STUCK].join('\n'),
    )
  }, 20_000)

  it('is disabled when no row is a problem', async () => {
    serveBatch()
    renderBatch(idList(3))
    await waitForAnswers(3)
    expect(copyButton()).toBeDisabled()
    expect(copyButton()).toHaveAccessibleName('Copy problem ids 0')
  })
})

describe('batch triage: the Job IDs box', () => {
  it('counts the ids while they are typed, a moment after the last key, before "Look up all"', async () => {
    const view = renderApp({ path: '/batch' })
    const box = await screen.findByRole('textbox', { name: 'Job IDs' })
    const feedback = () => document.getElementById('batch-feedback')

    await view.user.click(box)
    await view.user.paste(`${nthId(1)}, ${nthId(2)}`)
    // not on the keystroke itself: a 1 MB paste is counted once, after the pause
    expect(feedback()).toHaveTextContent('')
    await waitFor(() => expect(feedback()).toHaveTextContent('Found 2 job ids.'), {
      timeout: LIVE_COUNT_DELAY_MS * 10,
    })
    expect(feedback()).toHaveAttribute('role', 'status')

    await view.user.type(box, ` ${NOT_V4} ${nthId(3)}`)
    await waitFor(() =>
      expect(feedback()).toHaveTextContent(
        'Found 3 job ids. 1 token looked like ids but is invalid (job ids are UUID v4):',
      ),
    )
    expect(within(feedback() as HTMLElement).getByRole('listitem')).toHaveTextContent(NOT_V4)

    await view.user.clear(box)
    await view.user.type(box, 'no ids here')
    await waitFor(() => expect(feedback()).toHaveTextContent('No job ids found yet.'))
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(view.currentPath()).toBe('/batch')
  })

  it('counts a 1 MB log of 7,000 ids pasted at once', async () => {
    const ids = Array.from(
      { length: 7_000 },
      (_, n) => `${n.toString(16).padStart(8, '0')}-7a4d-4e6f-9b1a-2c5d8e0f4a71`,
    )
    const log = ids
      .map(
        (id, n) =>
          `2025-05-17T07:00:${String(n % 60).padStart(2, '0')}.000Z INFO worker-3 image job accepted job_id=${id} size=768x768 steps=30 trace=7f3e91c0a4b2`,
      )
      .join('\n')
    expect(log.length).toBeGreaterThan(900_000)
    const view = renderApp({ path: '/batch' })
    await view.user.click(await screen.findByRole('textbox', { name: 'Job IDs' }))
    await view.user.paste(log)
    expect(
      await screen.findByText('Found 7,000 job ids.', undefined, { timeout: 10_000 }),
    ).toBeVisible()
  }, 30_000)

  it('keeps the invalid tokens with the list over a reload', async () => {
    const ids = idList(2)
    serveBatch()
    const first = renderApp({ path: '/batch' })
    await first.user.click(await screen.findByRole('textbox', { name: 'Job IDs' }))
    await first.user.paste(`from the ticket: ${ids.join(' ')} and ${NOT_V4}`)
    await first.user.click(screen.getByRole('button', { name: 'Look up all' }))
    const path = first.currentPath() ?? ''
    expect(path).toMatch(
      new RegExp(`^/batch\\?ids=${ids.join(',')}(&kinds=[.0-9]+)?&invalid=${NOT_V4}$`),
    )
    first.close()
    // a reload: nothing of the page survives but its address and this tab's storage

    renderApp({ path })
    const feedback = await screen.findByText(/^Found 2 job ids\./)
    expect(feedback).toHaveTextContent('1 token looked like ids but is invalid')
    const region = feedback.closest<HTMLElement>('#batch-feedback')
    expect(within(region as HTMLElement).getByRole('listitem')).toHaveTextContent(NOT_V4)
  })

  it('keeps them for a list kept in the tab (?list=) as well', async () => {
    const ids = Array.from({ length: 150 }, (_, n) => nthId(n))
    serveBatch()
    const first = renderApp({ path: '/batch' })
    await first.user.click(await screen.findByRole('textbox', { name: 'Job IDs' }))
    await first.user.paste(`${ids.join('\n')}\n${NOT_V4}`)
    await first.user.click(screen.getByRole('button', { name: 'Look up all' }))
    const path = first.currentPath() ?? ''
    expect(path).toMatch(/^\/batch\?list=/)
    first.close()

    renderApp({ path })
    expect(await screen.findByText(/^Found 150 job ids\. 1 token/)).toBeVisible()
    expect(screen.getByRole('listitem')).toHaveTextContent(NOT_V4)
  }, 20_000)

  it('shows no tokens for a list pasted without any', async () => {
    serveBatch()
    sessionStorage.setItem(
      'jobscope.batch.rejected',
      JSON.stringify([{ list: 'someother.2', tokens: [NOT_V4], total: 1 }]),
    )
    renderApp({ path: `/batch?ids=${idList(2).join(',')}` })
    expect(await screen.findByText('Found 2 job ids.')).toBeVisible()
    expect(screen.queryByRole('listitem')).not.toBeInTheDocument()
  })
})

describe('batch triage: times and ids', () => {
  it('names the zone in the time headers: local by its short name, or UTC', async () => {
    serveBatch()
    const view = renderBatch(idList(2))
    await waitForAnswers(2)
    // Node's default locale writes Central European Summer Time as GMT+2 (a browser may say CEST)
    expect(screen.getByRole('columnheader', { name: 'Created (GMT+2)' })).toBeVisible()
    expect(screen.getByRole('columnheader', { name: 'Finished (GMT+2)' })).toBeVisible()
    expect(rowWith(nthId(0))).toHaveTextContent('2025-05-17 09:00:00')

    await view.user.click(
      within(screen.getByRole('group', { name: 'Show times in' })).getByRole('button', {
        name: 'UTC',
      }),
    )
    expect(screen.getByRole('columnheader', { name: 'Created (UTC)' })).toBeVisible()
    expect(screen.getByRole('columnheader', { name: 'Finished (UTC)' })).toBeVisible()
    expect(rowWith(nthId(0))).toHaveTextContent('2025-05-17 07:00:00 UTC')
  })

  it('names both zones when the times straddle a daylight-saving change', async () => {
    const [winter, summer] = idList(2) as [string, string]
    serveBatch({
      [winter]: job(winter, 'COMPLETED', {
        created: '2025-01-10T07:00:00.000Z',
        finished: '2025-01-10T07:01:00.000Z',
      }),
    })
    renderBatch([winter, summer])
    await waitForAnswers(2)
    expect(screen.getByRole('columnheader', { name: 'Created (GMT+1/GMT+2)' })).toBeVisible()
  })

  it('lets an id wrap only after a hyphen, and keeps its text whole', async () => {
    serveBatch()
    renderBatch([nthId(7)])
    await waitForAnswers(1)
    const link = within(screen.getByRole('table')).getByRole('link', { name: nthId(7) })
    expect(link.textContent).toBe(nthId(7))
    const groups = [...link.querySelectorAll(':scope > span')].map((span) => span.textContent)
    expect(groups).toEqual(['00000007-', '1a2b-', '4c3d-', '8e4f-', '000000000000'])
    for (const group of link.querySelectorAll(':scope > span')) {
      expect(group).toHaveClass('whitespace-nowrap')
    }
    // a break opportunity after each hyphen, and nowhere else
    expect(
      [...link.querySelectorAll('wbr')].map((wbr) => wbr.previousSibling?.textContent?.at(-1)),
    ).toEqual(['-', '-', '-', '-'])
  })
})
