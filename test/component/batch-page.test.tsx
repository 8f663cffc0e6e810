// The batch page: paste anything, get a table of every job in it, with at most six requests in flight.
import { screen, waitFor, within } from '@testing-library/react'
import { HttpResponse, delay, http } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestQueryClient, renderApp } from './render-app.tsx'
import {
  type DownloadCapture,
  captureDownloads,
  pretendSecureContext,
} from './support/downloads.ts'
import { type ApiImageJob, JOB_RESULT_URL, imageJob, serveJobs, server } from './support/server.ts'

/** A deterministic, valid v4 id for index n; ids sort in index order. */
const nthId = (n: number) => `${n.toString(16).padStart(8, '0')}-1a2b-4c3d-8e4f-000000000000`
const idList = (count: number) => Array.from({ length: count }, (_, n) => nthId(n))

/** Tests that wait for dozens or hundreds of answers get more than the default 5 s on a busy machine. */
const MANY_REQUESTS_TIMEOUT_MS = 20_000

const CREATED = '2025-05-17T07:00:00.000Z'
const FINISHED = '2025-05-17T07:01:05.000Z'

function completedJob(id: string): ApiImageJob {
  return imageJob({
    id,
    status: 'COMPLETED',
    created: CREATED,
    finished: FINISHED,
    results: [{ url: `https://img.example/${id}.png`, revised_prompt: 'a red fox in snow' }],
  })
}

/** Answers each id with a body or a status code; every other id is a COMPLETED job. */
function serveBatch(answers: Record<string, ApiImageJob | number> = {}) {
  return serveJobs(({ id }) => {
    const answer = answers[id] ?? completedJob(id)
    if (typeof answer !== 'number') return HttpResponse.json(answer)
    return HttpResponse.json({ message: `HTTP ${answer} (test)` }, { status: answer })
  })
}

function renderBatch(ids: readonly string[]) {
  return renderApp({ path: `/batch?ids=${ids.join(',')}` })
}

/** The results table, once it is there. */
const findTable = () => screen.findByRole('table')

/** The body rows of the table, as rendered. */
function bodyRows(table: HTMLElement): HTMLElement[] {
  return within(table)
    .getAllByRole('row')
    .filter((row) => row.hasAttribute('aria-rowindex'))
}

/** The job ids of the rendered rows, top to bottom. */
const rowIds = (table: HTMLElement) =>
  bodyRows(table).map((row) => within(row).getByRole('link').textContent)

/** Waits until every row has stopped changing: the heading says "N jobs · N final". */
async function waitUntilFinal(count: number, timeout = 10_000) {
  await waitFor(
    () =>
      expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(
        new RegExp(`^${count} jobs? · ${count} final$`),
      ),
    { timeout },
  )
}

describe('batch page: pasting ids', () => {
  const V1 = '3f2b8c1e-7a4d-11ef-9b1a-2c5d8e0f4a71'
  const TRUNCATED = '6d0e9f4a-2b7c-4a18-a3e5-9f1c'

  it(
    'finds 25 ids in a pasted log, lists the invalid tokens, and opens a shareable table',
    async () => {
      const ids = idList(25)
      const log = [
        '2025-05-17T07:00:00.000Z INFO  api batch start request_id=7f3e91 size=27',
        ...ids.map(
          (id, n) =>
            `2025-05-17T07:00:${String(n).padStart(2, '0')}.${n}12Z INFO  api job_id=${n % 3 === 0 ? id.toUpperCase() : id} status=QUEUED`,
        ),
        `2025-05-17T07:00:30.000Z WARN  api job_id=${V1} rejected`,
        `2025-05-17T07:00:31.000Z WARN  api job_id=${TRUNCATED} rejected`,
        `2025-05-17T07:00:32.000Z INFO  api job_id=${ids[0] ?? ''} status=COMPLETED`,
      ].join('\r\n')
      serveBatch()
      const view = renderApp({ path: '/batch' })

      await view.user.click(await screen.findByRole('textbox', { name: 'Job IDs' }))
      await view.user.paste(log)
      await view.user.click(screen.getByRole('button', { name: 'Look up all' }))

      const found = screen.getByText(/^Found 25 job ids\./)
      expect(found).toHaveTextContent('2 tokens looked like ids but are invalid')
      const feedback = found.closest<HTMLElement>('[role="status"]')
      expect(feedback).not.toBeNull()
      expect(
        within(feedback as HTMLElement)
          .getAllByRole('listitem')
          .map((item) => item.textContent),
      ).toEqual([V1, TRUNCATED])

      // The link holds the ids, the kinds found so far, one character each (all images here: "0"),
      // and the tokens left out, as pasted.
      const address = () => new URLSearchParams(view.currentPath()?.split('?')[1] ?? '')
      expect(address().get('ids')).toBe(ids.join(','))
      expect(address().get('kinds') ?? '').toMatch(/^0*$/)
      expect(address().get('invalid')).toBe(`${V1},${TRUNCATED}`)

      const table = await findTable()
      expect(bodyRows(table)).toHaveLength(25)
      await waitUntilFinal(25)
      await waitFor(() => expect(address().get('kinds')).toBe('0'.repeat(25)))
      expect(address().get('ids')).toBe(ids.join(','))
      // once a row's kind is known, its link asks only that endpoint
      for (const id of ids) {
        const href = within(table).getByRole('link', { name: id }).getAttribute('href')
        expect([`/jobs/${id}`, `/jobs/${id}?kind=images`]).toContain(href)
      }
      // The tab title shows the progress, for a person working in another tab.
      expect(document.title).toBe('25/25 final · Jobscope')
    },
    MANY_REQUESTS_TIMEOUT_MS,
  )

  it('says so when the text holds no job id, and stays where it is', async () => {
    const view = renderApp({ path: '/batch' })

    await view.user.click(await screen.findByRole('textbox', { name: 'Job IDs' }))
    await view.user.paste(`no ids here, only ${V1}`)
    await view.user.click(screen.getByRole('button', { name: 'Look up all' }))

    expect(screen.getByRole('alert')).toHaveTextContent('No valid job ids found.')
    expect(screen.getByRole('alert')).toHaveTextContent(V1)
    expect(view.currentPath()).toBe('/batch')
    expect(screen.queryByRole('table')).not.toBeInTheDocument()
  })

  it('fills the box with the ids of the URL', async () => {
    const ids = idList(3)
    serveBatch()
    renderBatch(ids)
    expect(await screen.findByRole('textbox', { name: 'Job IDs' })).toHaveValue(ids.join('\n'))
    await waitUntilFinal(3)
  })
})

describe('batch page: requests', () => {
  it(
    'never has more than 6 requests in flight for 40 ids, uses all 6, and finishes every row',
    async () => {
      const ids = idList(40)
      let inFlight = 0
      let highest = 0
      const requested: string[] = []
      server.use(
        http.post(JOB_RESULT_URL, async ({ request }) => {
          inFlight += 1
          highest = Math.max(highest, inFlight)
          const body = (await request.json()) as { id: string }
          requested.push(body.id)
          await delay(50)
          inFlight -= 1
          return HttpResponse.json(completedJob(body.id))
        }),
      )
      renderBatch(ids)

      await waitUntilFinal(40)

      expect(highest).toBe(6)
      expect([...requested].sort()).toEqual(ids)
      const table = screen.getByRole('table')
      for (const row of bodyRows(table)) expect(row).toHaveTextContent('COMPLETED')
    },
    MANY_REQUESTS_TIMEOUT_MS,
  )

  it('shows 404s as "not found" and a failing id as an error, while the other rows are fine', async () => {
    const [ok, missing, broken, alsoOk] = idList(4) as [string, string, string, string]
    serveBatch({ [missing]: 404, [broken]: 500 })
    renderApp({
      path: `/batch?ids=${[ok, missing, broken, alsoOk].join(',')}`,
      queryClient: createTestQueryClient({ fastRetries: true }),
    })

    const table = await findTable()
    // three endpoints, each retried before the row gives up: more than waitFor's 1 s on a busy machine
    await waitFor(() => expect(rowWith(table, broken)).toHaveTextContent('API error 500'), {
      timeout: 5_000,
    })
    expect(rowWith(table, missing)).toHaveTextContent('not found')
    expect(rowWith(table, ok)).toHaveTextContent('COMPLETED')
    expect(rowWith(table, alsoOk)).toHaveTextContent('COMPLETED')
    expect(screen.getByRole('button', { name: '2 COMPLETED' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '1 not found' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '1 error' })).toBeInTheDocument()
  })
})

function rowWith(table: HTMLElement, id: string): HTMLElement {
  const row = within(table).getByRole('link', { name: id }).closest('tr')
  if (row === null) throw new Error(`no row for ${id}`)
  return row
}

describe('batch page: filtering and sorting', () => {
  it('filters the table by a status count, and "All" shows every row again', async () => {
    const ids = idList(5)
    const [, second, , fourth] = ids as [string, string, string, string, string]
    serveBatch({ [second]: 404, [fourth]: 404 })
    const view = renderBatch(ids)
    await waitUntilFinal(5)
    const table = screen.getByRole('table')
    const all = screen.getByRole('button', { name: 'All 5' })
    const completed = screen.getByRole('button', { name: '3 COMPLETED' })
    const notFound = screen.getByRole('button', { name: '2 not found' })
    expect(all).toHaveAttribute('aria-pressed', 'true')
    expect(completed).toHaveAttribute('aria-pressed', 'false')

    await view.user.click(notFound)
    expect(notFound).toHaveAttribute('aria-pressed', 'true')
    expect(all).toHaveAttribute('aria-pressed', 'false')
    expect(rowIds(table)).toEqual([second, fourth])
    for (const row of bodyRows(table)) expect(row).toHaveTextContent('not found')

    await view.user.click(completed)
    expect(completed).toHaveAttribute('aria-pressed', 'true')
    expect(notFound).toHaveAttribute('aria-pressed', 'false')
    expect(rowIds(table)).toEqual(ids.filter((id) => id !== second && id !== fourth))

    await view.user.click(all)
    expect(all).toHaveAttribute('aria-pressed', 'true')
    expect(completed).toHaveAttribute('aria-pressed', 'false')
    expect(rowIds(table)).toEqual(ids)
  })

  it('keeps the paste order until a header is clicked: ascending, descending, then paste order again', async () => {
    // id order: not found, COMPLETED, ERROR; pasted as ERROR, COMPLETED, not found
    const [missing, done, failed] = idList(3) as [string, string, string]
    serveBatch({
      [missing]: 404,
      [failed]: imageJob({ id: failed, status: 'ERROR', finished: FINISHED }),
    })
    const view = renderBatch([failed, done, missing])
    await waitUntilFinal(3)
    const table = screen.getByRole('table')
    const headers = within(table)
      .getAllByRole('columnheader')
      .filter((header) => within(header).queryByRole('button') !== null)
    expect(headers).toHaveLength(8)
    for (const header of headers) expect(header).toHaveAttribute('aria-sort', 'none')
    expect(rowIds(table)).toEqual([failed, done, missing])
    expect(screen.getByText('Rows in paste order. Choose a column to sort by.')).toBeVisible()
    expect(screen.queryByRole('button', { name: 'Paste order' })).not.toBeInTheDocument()

    const idHeader = screen.getByRole('columnheader', { name: 'Job ID' })
    await view.user.click(within(idHeader).getByRole('button'))
    expect(idHeader).toHaveAttribute('aria-sort', 'ascending')
    expect(rowIds(table)).toEqual([missing, done, failed])
    expect(screen.getByText('Sorted by Job ID, A to Z.')).toBeVisible()

    await view.user.click(within(idHeader).getByRole('button'))
    expect(idHeader).toHaveAttribute('aria-sort', 'descending')
    expect(rowIds(table)).toEqual([failed, done, missing])

    await view.user.click(within(idHeader).getByRole('button'))
    expect(idHeader).toHaveAttribute('aria-sort', 'none')
    expect(rowIds(table)).toEqual([failed, done, missing])
    expect(screen.getByText('Rows in paste order. Choose a column to sort by.')).toBeVisible()
  })

  it('sorts by Status with problems first, reverses on a second click, and "Paste order" undoes it', async () => {
    const [done, missing, failed] = idList(3) as [string, string, string]
    serveBatch({
      [missing]: 404,
      [failed]: imageJob({ id: failed, status: 'ERROR', finished: FINISHED }),
    })
    const view = renderBatch([done, missing, failed])
    await waitUntilFinal(3)
    const table = screen.getByRole('table')
    const statusHeader = screen.getByRole('columnheader', { name: 'Status' })

    await view.user.click(within(statusHeader).getByRole('button'))
    expect(statusHeader).toHaveAttribute('aria-sort', 'ascending')
    expect(rowIds(table)).toEqual([failed, missing, done])
    expect(screen.getByText('Sorted by Status, problems first.')).toBeVisible()

    await view.user.click(within(statusHeader).getByRole('button'))
    expect(statusHeader).toHaveAttribute('aria-sort', 'descending')
    expect(rowIds(table)).toEqual([done, missing, failed])
    expect(screen.getByText('Sorted by Status, problems last.')).toBeVisible()

    await view.user.click(screen.getByRole('button', { name: 'Paste order' }))
    expect(statusHeader).toHaveAttribute('aria-sort', 'none')
    expect(rowIds(table)).toEqual([done, missing, failed])
    expect(screen.queryByRole('button', { name: 'Paste order' })).not.toBeInTheDocument()
  })
})

describe('batch page: export', () => {
  let capture: DownloadCapture | undefined
  let insecure: (() => void) | undefined
  afterEach(() => {
    capture?.stop()
    capture = undefined
    insecure?.()
    insecure = undefined
  })

  const HEADER =
    'id,status,model,created,finished,duration_s,image_count,image_urls,kind,total_tokens,audio_urls'

  it('exports the rows as CSV: the fixed header, one CRLF-terminated record per row', async () => {
    capture = captureDownloads()
    const [done, missing] = idList(2) as [string, string]
    serveBatch({ [missing]: 404 })
    const view = renderBatch([done, missing])
    await waitUntilFinal(2)

    await view.user.click(screen.getByRole('button', { name: 'Export CSV' }))

    expect(capture.downloads).toHaveLength(1)
    const [file] = capture.downloads
    expect(file?.name).toMatch(/^jobscope-batch-\d{4}-\d{2}-\d{2}-\d{6}\.csv$/)
    expect(file?.blob.type).toBe('text/csv;charset=utf-8')
    expect((await file?.blob.text())?.split('\r\n')).toEqual([
      HEADER,
      `${done},COMPLETED,Flux.1 [dev],${CREATED},${FINISHED},65,1,https://img.example/${done}.png,images,,`,
      `${missing},not found,,,,,,,,,`,
      '',
    ])
  })

  it('exports only the rows the filter shows', async () => {
    capture = captureDownloads()
    const [done, missing] = idList(2) as [string, string]
    serveBatch({ [missing]: 404 })
    const view = renderBatch([done, missing])
    await waitUntilFinal(2)

    await view.user.click(screen.getByRole('button', { name: '1 not found' }))
    await view.user.click(screen.getByRole('button', { name: 'Export 1 of 2 as CSV' }))

    expect((await capture.downloads[0]?.blob.text())?.split('\r\n')).toEqual([
      HEADER,
      `${missing},not found,,,,,,,,,`,
      '',
    ])
  })

  it('exports the rows as JSON', async () => {
    capture = captureDownloads()
    const [done, missing] = idList(2) as [string, string]
    serveBatch({ [missing]: 404 })
    const view = renderBatch([done, missing])
    await waitUntilFinal(2)

    await view.user.click(screen.getByRole('button', { name: 'Export JSON' }))

    expect(capture.downloads).toHaveLength(1)
    const [file] = capture.downloads
    expect(file?.name).toMatch(/^jobscope-batch-\d{4}-\d{2}-\d{2}-\d{6}\.json$/)
    expect(file?.blob.type).toBe('application/json')
    expect(JSON.parse((await file?.blob.text()) ?? '')).toEqual([
      {
        id: done,
        status: 'COMPLETED',
        model: 'Flux.1 [dev]',
        created: CREATED,
        finished: FINISHED,
        duration_s: 65,
        image_count: 1,
        image_urls: [`https://img.example/${done}.png`],
        kind: 'images',
        total_tokens: null,
        audio_urls: [],
      },
      {
        id: missing,
        status: 'not found',
        model: null,
        created: null,
        finished: null,
        duration_s: null,
        image_count: null,
        image_urls: [],
        kind: null,
        total_tokens: null,
        audio_urls: [],
      },
    ])
  })

  it('copies a one-line-per-job summary of the rows shown', async () => {
    insecure = pretendSecureContext()
    const [done, missing] = idList(2) as [string, string]
    serveBatch({ [missing]: 404 })
    const view = renderBatch([done, missing])
    await waitUntilFinal(2)

    await view.user.click(screen.getByRole('button', { name: 'Copy summary of the rows shown' }))

    expect(await navigator.clipboard.readText()).toBe(
      [
        `${done} · Image · COMPLETED · Flux.1 [dev] · created 2025-05-17 07:00:00 UTC · finished 2025-05-17 07:01:05 UTC · 1 min 05 s · 1 image`,
        `${missing} · not found`,
      ].join('\n'),
    )
    // in words, on the button and to screen readers
    expect(await screen.findByRole('button', { name: 'Copied summary of 2 jobs' })).toBeVisible()
    expect(screen.getAllByRole('status').map((region) => region.textContent)).toContain(
      'Copied summary of 2 jobs',
    )
  })
})

describe('batch page: long lists', () => {
  it(
    'keeps 300 ids in this tab, says so, and renders only a window of the rows',
    async () => {
      const ids = idList(300)
      serveBatch()
      const view = renderApp({ path: '/batch' })

      await view.user.click(await screen.findByRole('textbox', { name: 'Job IDs' }))
      await view.user.paste(ids.join('\n'))
      await view.user.click(screen.getByRole('button', { name: 'Look up all' }))

      expect(view.currentPath()).toMatch(/^\/batch\?list=[a-z0-9]{1,16}$/)
      expect(
        await screen.findByText(/300 ids are too many for a link: they are kept in this tab/),
      ).toBeInTheDocument()
      const table = await findTable()
      expect(table).toHaveAttribute('aria-rowcount', '301')
      const rendered = bodyRows(table)
      expect(rendered.length).toBeGreaterThan(0)
      expect(rendered.length).toBeLessThan(300)
      expect(rendered[0]).toHaveAttribute('aria-rowindex', '2')
      expect(within(table).getAllByRole('row').length).toBeLessThan(300)
    },
    MANY_REQUESTS_TIMEOUT_MS,
  )

  it(
    'reads the list back from this tab on reload',
    async () => {
      const ids = idList(300)
      serveBatch()
      const first = renderApp({ path: '/batch' })
      await first.user.click(await screen.findByRole('textbox', { name: 'Job IDs' }))
      await first.user.paste(ids.join(' '))
      await first.user.click(screen.getByRole('button', { name: 'Look up all' }))
      const path = first.currentPath() ?? ''
      first.close()

      renderApp({ path })

      expect(
        await screen.findByRole('heading', { level: 2, name: /^300 jobs/ }),
      ).toBeInTheDocument()
      expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', '301')
    },
    MANY_REQUESTS_TIMEOUT_MS,
  )

  it('says a list kept in another tab is no longer available', async () => {
    renderApp({ path: '/batch?list=gone42' })
    expect(await screen.findByRole('alert')).toHaveTextContent(/no longer available/i)
    expect(screen.queryByRole('table')).not.toBeInTheDocument()
  })
})
