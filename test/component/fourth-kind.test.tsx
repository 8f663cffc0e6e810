// Decision 011's promise, held: a kind is its folder and one registry line. A throwaway fourth kind,
// written here as its folder would be (schema and parser, views, word, summary, export columns) and
// registered with the built-in three, compiles against the kind contract and shows in the job page,
// the batch row and the CSV — with nothing else of the app changed.
import { screen, within } from '@testing-library/react'
import { Clapperboard } from 'lucide-react'
import { HttpResponse, http } from 'msw'
import * as z from 'zod/mini'
import { describe, expect, it } from 'vitest'
import { type JobBase, baseJob, jobBaseShape, parseBody } from '../../src/api/job-base.ts'
import { defineKind } from '../../src/kinds/kind.ts'
import { BUILT_IN_KINDS, createKindRegistry, kindsPart } from '../../src/kinds/registry.ts'
import { give } from '../../src/lib/app-scope.ts'
import { renderApp } from './render-app.tsx'
import { captureDownloads } from './support/downloads.ts'
import { server } from './support/server.ts'

// --- the folder of a "video" kind: src/kinds/video/ would hold these --------------------------------

const videoSchema = z.object({
  id: z.string(),
  ...jobBaseShape,
  clips: z.nullish(z.array(z.object({ url: z.string(), seconds: z.number() }))),
})

interface VideoJob extends JobBase {
  readonly kind: 'video'
  readonly clips: ReadonlyArray<{ readonly url: string; readonly seconds: number }>
}

function parseVideoJob(json: unknown, rawText: string): VideoJob {
  const body = parseBody(videoSchema, json, rawText)
  return { kind: 'video', ...baseJob(body, body.id), clips: body.clips ?? [] }
}

const videoKind = defineKind<VideoJob>({
  name: 'video',
  label: 'Video',
  parse: (json, text) => parseVideoJob(json, text),
  fields: ['id', 'status', 'created', 'finished', 'model', 'clips'],
  processingHint: 'Rendering the video.',
  resultCount: (job) => job.clips.length,
  resultNoun: ['clip', 'clips'],
  emptyResultsText: () => 'No clips yet.',
  ResultsView: ({ job }) => (
    <ul aria-label="Clips">
      {job.clips.map((clip) => (
        <li key={clip.url}>
          {clip.url} ({clip.seconds} s)
        </li>
      ))}
    </ul>
  ),
  // its list view (the batch's preview cell, its icon) is a module of its own, loaded by the lists
  listView: () =>
    Promise.resolve({
      PreviewCell: ({ job }: { job: VideoJob }) => (
        <span>{job.clips[0]?.seconds ?? 0} s of video</span>
      ),
      Icon: Clapperboard,
    }),
  facts: (job) => [
    { label: 'Running time', value: `${job.clips.reduce((sum, clip) => sum + clip.seconds, 0)} s` },
  ],
  summaryEntries: (job) => job.clips.map((clip, index) => ({ title: `${index + 1}. ${clip.url}` })),
  summaryLineExtras: () => [],
  exportColumns: [
    {
      name: 'video_seconds',
      value: (job) => job.clips.reduce((sum, clip) => sum + clip.seconds, 0),
      forOtherKinds: null,
    },
  ],
  thumbnailUrl: () => null,
})

// --- the one registry line --------------------------------------------------------------------------

const kinds = createKindRegistry([
  ...BUILT_IN_KINDS.names.flatMap((name) => BUILT_IN_KINDS.entry(name) ?? []),
  videoKind,
])

const VIDEO_ID = '7e1f0c2a-4b3d-4c5e-9f60-718293a4b5c6'
const IMAGE_ID = '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71'

function serveVideo() {
  const asked: string[] = []
  server.use(
    http.post('/api/async/video/result', async ({ request }) => {
      const { id } = (await request.json()) as { id: string }
      asked.push(id)
      if (id !== VIDEO_ID) return HttpResponse.json({ message: 'Job not found' }, { status: 404 })
      return HttpResponse.json({
        id: VIDEO_ID,
        status: 'COMPLETED',
        created: '2025-05-17T07:00:00.000Z',
        finished: '2025-05-17T07:00:30.000Z',
        model: 'clip-gen-2',
        clips: [
          { url: 'https://video.example/a.mp4', seconds: 12 },
          { url: 'https://video.example/b.mp4', seconds: 8 },
        ],
      })
    }),
  )
  return asked
}

const withVideo = { given: [give(kindsPart, kinds)] }

describe('a fourth kind, registered with one line', () => {
  it('is found from a bare id and shown on the job page: its word, its facts and its results', async () => {
    const asked = serveVideo()
    renderApp({ path: `/jobs/${VIDEO_ID}`, ...withVideo })

    const clips = await screen.findByRole('list', { name: 'Clips' })
    expect(within(clips).getAllByRole('listitem')).toHaveLength(2)
    expect(screen.getByText('Video')).toBeInTheDocument()
    expect(screen.getByText('COMPLETED')).toBeInTheDocument()
    expect(screen.getByText('Running time').nextElementSibling).toHaveTextContent('20 s')
    expect(screen.getByRole('heading', { name: 'Results (2)' })).toBeInTheDocument()
    expect(asked).toEqual([VIDEO_ID])
  })

  it('is a row of the batch table, and its own column in the CSV', async () => {
    serveVideo()
    const capture = captureDownloads()
    try {
      const view = renderApp({ path: `/batch?ids=${VIDEO_ID},${IMAGE_ID}`, ...withVideo })
      const table = await screen.findByRole('table')
      const row = await within(table).findByRole('row', { name: new RegExp(VIDEO_ID) })
      expect(within(row).getByText('Video')).toBeInTheDocument()
      expect(within(row).getByText('2 clips')).toBeInTheDocument()
      expect(await within(row).findByText('12 s of video')).toBeInTheDocument()
      // The image id is in no kind here: all four endpoints said 404.
      expect(await within(table).findByText('not found')).toBeInTheDocument()

      await view.user.click(screen.getByRole('button', { name: 'Export CSV' }))
      const [csv] = capture.downloads
      const lines = (await csv?.blob.text())?.split('\r\n') ?? []
      expect(lines[0]).toBe(
        'id,status,model,created,finished,duration_s,image_count,image_urls,kind,total_tokens,audio_urls,video_seconds',
      )
      expect(lines).toContain(
        `${VIDEO_ID},COMPLETED,clip-gen-2,2025-05-17T07:00:00.000Z,2025-05-17T07:00:30.000Z,30,0,,video,,,20`,
      )
    } finally {
      capture.stop()
    }
  })
})
