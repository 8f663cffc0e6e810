// A batch mixes image, chat and speech jobs: each row finds its kind endpoint by endpoint through the
// page's one limiter, and the table, counts and exports show what fits each kind.
import { screen, waitFor, within } from '@testing-library/react'
import { HttpResponse, delay, http } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import { JOB_KINDS, type BuiltInKind } from '../../src/lib/job-kinds.ts'
import { renderApp } from './render-app.tsx'
import { type DownloadCapture, captureDownloads } from './support/downloads.ts'
import { resultUrl, server } from './support/server.ts'

const nthId = (n: number) => `${n.toString(16).padStart(8, '0')}-1a2b-4c3d-8e4f-000000000000`

const IMAGE = nthId(1)
const CHAT = nthId(2)
const SPEECH = nthId(3)
const NOWHERE = nthId(4)

function body(kind: BuiltInKind, id: string): Record<string, unknown> {
  const common = {
    status: 'COMPLETED',
    created: 1747465200,
    finished: 1747465265,
    model: `${kind}-model`,
  }
  switch (kind) {
    case 'images':
      return { id, ...common, results: [{ url: `https://img.example/${id}.png` }] }
    case 'chat':
      return {
        ...common,
        usage: { prompt_tokens: 1000, completion_tokens: 234, total_tokens: 1234 },
        choices: [
          {
            index: 0,
            finish_reason: 'stop',
            message: { role: 'assistant', content: 'Your refund is on its way.\nAnything else?' },
          },
        ],
      }
    case 'speech':
      return {
        id,
        ...common,
        results: [
          { url: `https://audio.example/${id}-1.wav` },
          { url: `https://audio.example/${id}-2.wav` },
        ],
      }
  }
}

/**
 * Each endpoint knows the ids `owner` gives it and answers 404 otherwise, after a short delay;
 * records every request and the most requests in flight across all three endpoints.
 */
function serveMixed(owner: (id: string) => BuiltInKind | null, latencyMs = 20) {
  const asked: Array<{ kind: BuiltInKind; id: string }> = []
  let inFlight = 0
  let highest = 0
  server.use(
    ...JOB_KINDS.map((kind) =>
      http.post(resultUrl(kind), async ({ request }) => {
        inFlight += 1
        highest = Math.max(highest, inFlight)
        const { id } = (await request.json()) as { id: string }
        asked.push({ kind, id })
        await delay(latencyMs)
        inFlight -= 1
        return owner(id) === kind
          ? HttpResponse.json(body(kind, id))
          : HttpResponse.json({ message: 'Job not found' }, { status: 404 })
      }),
    ),
  )
  return {
    asked,
    get highest() {
      return highest
    },
    kindsAskedFor: (id: string) => asked.filter((call) => call.id === id).map((call) => call.kind),
  }
}

const OWNERS: Record<string, BuiltInKind | null> = {
  [IMAGE]: 'images',
  [CHAT]: 'chat',
  [SPEECH]: 'speech',
  [NOWHERE]: null,
}

async function waitUntilFinal(count: number, timeout = 10_000) {
  await waitFor(
    () =>
      expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(
        new RegExp(`^${count} jobs? · ${count} final$`),
      ),
    { timeout },
  )
}

function rowOf(id: string): HTMLElement {
  const row = within(screen.getByRole('table')).getByRole('link', { name: id }).closest('tr')
  if (!row) throw new Error(`no row for ${id}`)
  return row
}

/** The text of a row's cell under a column header. */
function cell(id: string, column: string): string {
  const headers = within(screen.getByRole('table')).getAllByRole('columnheader')
  const index = headers.findIndex((header) => header.textContent?.trim() === column)
  return within(rowOf(id)).getAllByRole('cell')[index]?.textContent ?? ''
}

describe('a batch of mixed kinds', () => {
  let capture: DownloadCapture | undefined
  afterEach(() => {
    capture?.stop()
    capture = undefined
  })

  it('finds each row’s kind in the order images, chat, speech, stopping at the first answer', async () => {
    const upstream = serveMixed((id) => OWNERS[id] ?? null)
    renderApp({ path: `/batch?ids=${[IMAGE, CHAT, SPEECH, NOWHERE].join(',')}` })
    await waitUntilFinal(4)

    expect(upstream.kindsAskedFor(IMAGE)).toEqual(['images'])
    expect(upstream.kindsAskedFor(CHAT)).toEqual(['images', 'chat'])
    expect(upstream.kindsAskedFor(SPEECH)).toEqual(['images', 'chat', 'speech'])
    expect(upstream.kindsAskedFor(NOWHERE)).toEqual(['images', 'chat', 'speech'])

    expect(cell(IMAGE, 'Kind')).toBe('Image')
    expect(cell(CHAT, 'Kind')).toBe('Chat')
    expect(cell(SPEECH, 'Kind')).toBe('Speech')
    expect(cell(NOWHERE, 'Kind')).toBe('—')
    expect(cell(IMAGE, 'Results')).toBe('1 image')
    expect(cell(CHAT, 'Results')).toBe('1 choice')
    expect(cell(SPEECH, 'Results')).toBe('2 audio files')
    expect(cell(NOWHERE, 'Status')).toBe('not found')

    // the preview fits the kind: a thumbnail, the answer's first line, an audio link
    // (each kind's preview loads with the table, after the rows: kind.ts, KindListView)
    // decorative (alt=""), so found as an element, not by role
    await waitFor(() =>
      expect(rowOf(IMAGE).querySelector('img')).toHaveAttribute(
        'src',
        `https://img.example/${IMAGE}.png`,
      ),
    )
    await waitFor(() => expect(cell(CHAT, 'Preview')).toBe('Your refund is on its way.'))
    expect(await within(rowOf(SPEECH)).findByRole('link', { name: /audio/i })).toHaveAttribute(
      'href',
      `https://audio.example/${SPEECH}-1.wav`,
    )
    // each link asks only its endpoint when opened
    expect(within(rowOf(CHAT)).getByRole('link', { name: CHAT })).toHaveAttribute(
      'href',
      `/jobs/${CHAT}?kind=chat`,
    )
    expect(screen.getByRole('button', { name: '3 COMPLETED' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '1 not found' })).toBeInTheDocument()
  })

  it('sorts by kind', async () => {
    serveMixed((id) => OWNERS[id] ?? null)
    const view = renderApp({ path: `/batch?ids=${[SPEECH, NOWHERE, IMAGE, CHAT].join(',')}` })
    await waitUntilFinal(4)
    await view.user.click(
      within(screen.getByRole('columnheader', { name: /kind/i })).getByRole('button'),
    )
    const ids = within(screen.getByRole('table'))
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getByRole('link', { name: /-1a2b-/ }).textContent)
    // Chat, Image, Speech by their words; the row with no kind last
    expect(ids).toEqual([CHAT, IMAGE, SPEECH, NOWHERE])
  })

  it('keeps at most 6 requests in flight across all three endpoints', async () => {
    const ids = Array.from({ length: 30 }, (_, n) => nthId(100 + n))
    const kinds: Array<BuiltInKind | null> = ['images', 'chat', 'speech', null]
    const upstream = serveMixed((id) => kinds[Number.parseInt(id.slice(0, 8), 16) % 4] ?? null, 30)
    renderApp({ path: `/batch?ids=${ids.join(',')}` })
    await waitUntilFinal(30, 20_000)
    expect(upstream.highest).toBeLessThanOrEqual(6)
    expect(upstream.highest).toBeGreaterThan(1)
  }, 25_000)

  it('exports the eight columns first and unchanged, then kind, total tokens and audio URLs', async () => {
    capture = captureDownloads()
    serveMixed((id) => OWNERS[id] ?? null)
    const view = renderApp({ path: `/batch?ids=${[IMAGE, CHAT, SPEECH, NOWHERE].join(',')}` })
    await waitUntilFinal(4)
    await view.user.click(screen.getByRole('button', { name: /export csv/i }))
    const lines = ((await capture.downloads[0]?.blob.text()) ?? '').split('\r\n')
    const created = '2025-05-17T07:00:00.000Z'
    const finished = '2025-05-17T07:01:05.000Z'
    expect(lines).toEqual([
      'id,status,model,created,finished,duration_s,image_count,image_urls,kind,total_tokens,audio_urls',
      `${IMAGE},COMPLETED,images-model,${created},${finished},65,1,https://img.example/${IMAGE}.png,images,,`,
      `${CHAT},COMPLETED,chat-model,${created},${finished},65,0,,chat,1234,`,
      `${SPEECH},COMPLETED,speech-model,${created},${finished},65,0,,speech,,https://audio.example/${SPEECH}-1.wav https://audio.example/${SPEECH}-2.wav`,
      `${NOWHERE},not found,,,,,,,,,`,
      '',
    ])
  })
})
