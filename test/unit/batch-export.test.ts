// What leaves the batch page: the CSV and JSON files and the ticket summary.
import { describe, expect, it } from 'vitest'
import {
  type ExportedJob,
  exportColumns,
  batchCsv,
  batchJson,
  batchSummary,
  toExportedJob,
} from '../../src/features/batch/batch-export.ts'
import { type BatchRow, toBatchRow } from '../../src/features/batch/batch-rows.ts'
import { BUILT_IN_KINDS } from '../../src/kinds/registry.ts'
import {
  apiError,
  failedRow,
  jobRow,
  notFoundRow,
  queryState,
  waitingRow,
  watched,
} from '../component/support/batch-fixtures.ts'

const A = '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71'
const B = 'a9c41d27-5e8b-4f30-8d6c-1b7e2f9a0c53'
const C = '6d0e9f4a-2b7c-4a18-a3e5-9f1c7b2d8e06'
const D = 'c0ffee00-1234-4abc-bdef-0123456789ab'

const completed = jobRow({
  id: A,
  status: 'COMPLETED',
  model: 'Flux.1 [dev]',
  created: '2025-05-17T07:00:00Z',
  finished: '2025-05-17T07:01:05.500Z',
  results: [
    { url: 'https://img.example/a-1.png', revised_prompt: 'a red fox, in fresh snow' },
    { url: 'https://img.example/a-2.png', revised_prompt: 'SECRET PROMPT "quoted"' },
  ],
})
const processing = jobRow({
  id: B,
  status: 'PROCESSING',
  model: 'sdxl, turbo',
  created: 1747465200, // epoch seconds: 2025-05-17T07:00:00Z
  finished: null,
  results: [],
})
const odd = jobRow({
  id: C,
  status: 'COMPLETED',
  model: null,
  created: 'yesterday morning',
  results: [{ url: null, revised_prompt: null }, { url: 'javascript:alert(1)' }],
})
const formulaUrl = jobRow({
  id: C,
  status: 'COMPLETED',
  results: [{ url: '=HYPERLINK("https://evil.example")' }],
})
const notFound = notFoundRow(D)
const chatRow = toBatchRow(
  A,
  queryState({
    data: watched(
      BUILT_IN_KINDS.parse(
        'chat',
        {
          id: A,
          status: 'COMPLETED',
          model: 'llama-3.1-8b-instruct',
          created: '2025-05-17T07:00:00Z',
          finished: '2025-05-17T07:00:02Z',
          usage: { prompt_tokens: 1000, completion_tokens: 234, total_tokens: 1234 },
          choices: [{ index: 0, message: { role: 'assistant', content: 'Hello' } }],
        },
        '',
        A,
      ),
    ),
  }),
  BUILT_IN_KINDS,
)
const speechRow = toBatchRow(
  B,
  queryState({
    data: watched(
      BUILT_IN_KINDS.parse(
        'speech',
        {
          id: B,
          status: 'COMPLETED',
          created: '2025-05-17T07:00:00Z',
          finished: '2025-05-17T07:00:03Z',
          results: [{ url: 'https://audio.example/a.mp3' }],
        },
        '',
        B,
      ),
    ),
  }),
  BUILT_IN_KINDS,
)

const HEADER =
  'id,status,model,created,finished,duration_s,image_count,image_urls,kind,total_tokens,audio_urls'

describe('exportColumns', () => {
  it('is exactly the documented header for the built-in kinds', () => {
    expect(exportColumns(BUILT_IN_KINDS).join(',')).toBe(HEADER)
  })
})

describe('toExportedJob', () => {
  it.each<[string, BatchRow, ExportedJob]>([
    [
      'a finished job: UTC times, duration in seconds, every URL',
      completed,
      {
        id: A,
        status: 'COMPLETED',
        model: 'Flux.1 [dev]',
        created: '2025-05-17T07:00:00.000Z',
        finished: '2025-05-17T07:01:05.500Z',
        duration_s: 65.5,
        image_count: 2,
        image_urls: ['https://img.example/a-1.png', 'https://img.example/a-2.png'],
        kind: 'images',
        total_tokens: null,
        audio_urls: [],
      },
    ],
    [
      'a running job: epoch-seconds time read as UTC, no finish, no duration',
      processing,
      {
        id: B,
        status: 'PROCESSING',
        model: 'sdxl, turbo',
        created: '2025-05-17T07:00:00.000Z',
        finished: null,
        duration_s: null,
        image_count: 0,
        image_urls: [],
        kind: 'images',
        total_tokens: null,
        audio_urls: [],
      },
    ],
    [
      'unreadable time kept raw, URLs exported as sent (a missing and an unsafe one too)',
      odd,
      {
        id: C,
        status: 'COMPLETED',
        model: null,
        created: 'yesterday morning',
        finished: null,
        duration_s: null,
        image_count: 2,
        image_urls: ['', 'javascript:alert(1)'],
        kind: 'images',
        total_tokens: null,
        audio_urls: [],
      },
    ],
    [
      'a 404: status "not found", nothing else',
      notFound,
      {
        id: D,
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
    ],
    [
      'a lookup that failed: status "error"',
      failedRow(D, apiError('upstream', 500)),
      {
        id: D,
        status: 'error',
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
    ],
    [
      'no answer yet: status "waiting"',
      waitingRow(D),
      {
        id: D,
        status: 'waiting',
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
    ],
  ])('%s', (_, row, expected) => {
    expect(toExportedJob(row, BUILT_IN_KINDS)).toStrictEqual(expected)
  })
})

/** The CSV's records, split on the CRLF that ends each one (valid while no field holds a CRLF). */
const records = (csv: string) => csv.split('\r\n')

describe('batchCsv', () => {
  it.each<[string, BatchRow, string]>([
    [
      'a finished job, URLs space-separated in one cell',
      completed,
      `${A},COMPLETED,Flux.1 [dev],2025-05-17T07:00:00.000Z,2025-05-17T07:01:05.500Z,65.5,2,https://img.example/a-1.png https://img.example/a-2.png,images,,`,
    ],
    [
      'a model with a comma is quoted; empty cells for what is not known yet',
      processing,
      `${B},PROCESSING,"sdxl, turbo",2025-05-17T07:00:00.000Z,,,0,,images,,`,
    ],
    [
      'an unreadable time as sent; a missing URL keeps its place as an empty word',
      odd,
      `${C},COMPLETED,,yesterday morning,,,2, javascript:alert(1),images,,`,
    ],
    [
      'a URL cell that starts with = is defused and quoted',
      formulaUrl,
      `${C},COMPLETED,,,,,1,"'=HYPERLINK(""https://evil.example"")",images,,`,
    ],
    ['a 404 row', notFound, `${D},not found,,,,,,,,,`],
    ['a failed row', failedRow(D, apiError('unauthorized', 401)), `${D},error,,,,,,,,,`],
    ['a waiting row', waitingRow(D), `${D},waiting,,,,,,,,,`],
  ])('%s', (_, row, expectedLine) => {
    expect(records(batchCsv([row], BUILT_IN_KINDS))).toEqual([HEADER, expectedLine, ''])
  })

  it('writes the header, one CRLF-terminated record per row, in the order given', () => {
    const csv = batchCsv([notFound, completed, processing], BUILT_IN_KINDS)
    expect(csv.startsWith(`${HEADER}\r\n`)).toBe(true)
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(
      records(csv)
        .slice(1, -1)
        .map((line) => line.slice(0, 36)),
    ).toEqual([D, A, B])
  })

  it('leaves the revised prompts out', () => {
    const csv = batchCsv([completed], BUILT_IN_KINDS)
    expect(csv).not.toContain('red fox')
    expect(csv).not.toContain('SECRET PROMPT')
  })

  it('writes only the header for no rows', () => {
    expect(batchCsv([], BUILT_IN_KINDS)).toBe(`${HEADER}\r\n`)
  })
})

describe('batchJson', () => {
  it('is a pretty-printed array of the exported jobs, ending with a newline', () => {
    const rows = [completed, notFound, waitingRow(B)]
    const json = batchJson(rows, BUILT_IN_KINDS)
    expect(json.endsWith(']\n')).toBe(true)
    expect(json).toContain('\n  {\n    "id": ')
    expect(JSON.parse(json)).toEqual(
      JSON.parse(JSON.stringify(rows.map((row) => toExportedJob(row, BUILT_IN_KINDS)))),
    )
  })

  it('holds plain values only: the CSV’s fields, typed, with no parsed job or wrapper in them', () => {
    const rows = [
      completed,
      processing,
      odd,
      chatRow,
      speechRow,
      notFound,
      waitingRow(B),
      failedRow(C, apiError('network')),
    ]
    const parsed: unknown = JSON.parse(batchJson(rows, BUILT_IN_KINDS))
    expect(Array.isArray(parsed)).toBe(true)
    const jobs = parsed as Record<string, unknown>[]
    expect(jobs).toHaveLength(rows.length)
    const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
    for (const job of jobs) {
      // exactly the CSV's columns, in its order
      expect(Object.keys(job)).toEqual(HEADER.split(','))
      for (const [field, value] of Object.entries(job)) {
        const plain =
          value === null ||
          typeof value === 'string' ||
          typeof value === 'number' ||
          (Array.isArray(value) && value.every((item) => typeof item === 'string'))
        expect(plain, `${field} of ${String(job.id)}: ${JSON.stringify(value)}`).toBe(true)
      }
      for (const field of ['created', 'finished']) {
        if (job[field] !== null) expect(job[field]).toMatch(ISO)
      }
      for (const field of ['duration_s', 'image_count', 'total_tokens']) {
        expect(['number', 'object']).toContain(typeof job[field]) // a number, or null
      }
      expect(Array.isArray(job.image_urls) && Array.isArray(job.audio_urls)).toBe(true)
    }
    const [done, running, unreadable, chat, speech, missing] = jobs
    expect(done).toMatchObject({
      created: '2025-05-17T07:00:00.000Z',
      finished: '2025-05-17T07:01:05.500Z',
      duration_s: 65.5,
      image_count: 2,
      image_urls: ['https://img.example/a-1.png', 'https://img.example/a-2.png'],
    })
    expect(running).toMatchObject({ created: '2025-05-17T07:00:00.000Z', finished: null })
    // an unreadable time is no time to a program: null (the CSV keeps it as sent)
    expect(unreadable).toMatchObject({ created: null, image_count: 2 })
    expect(batchCsv([odd], BUILT_IN_KINDS)).toContain('yesterday morning')
    expect(chat).toMatchObject({ kind: 'chat', total_tokens: 1234, image_count: 0 })
    expect(speech).toMatchObject({
      kind: 'speech',
      audio_urls: ['https://audio.example/a.mp3'],
      duration_s: 3,
    })
    expect(missing).toMatchObject({ status: 'not found', kind: null, image_count: null })
    // no trace of the app's own shapes
    const text = batchJson(rows, BUILT_IN_KINDS)
    expect(text).not.toMatch(/"(kind)": "(valid|invalid|absent)"|"date":|"safe":|"href":/)
    expect(text).not.toContain('red fox') // the revised prompts are not exported, as in the CSV
  })

  it('is an empty array for no rows', () => {
    expect(batchJson([], BUILT_IN_KINDS)).toBe('[]\n')
  })
})

describe('batchSummary', () => {
  it.each<[string, BatchRow[], string]>([
    [
      'a job line has id, kind, status, model, UTC times, duration and image count',
      [completed],
      `${A} · Image · COMPLETED · Flux.1 [dev] · created 2025-05-17 07:00:00 UTC · finished 2025-05-17 07:01:05 UTC · 1 min 06 s · 2 images`,
    ],
    [
      'rows without a job say their group',
      [notFound, waitingRow(B), failedRow(C, apiError('network'))],
      [`${D} · not found`, `${B} · waiting`, `${C} · error`].join('\n'),
    ],
    [
      'one line per row, in the order given',
      [processing, notFound],
      [
        `${B} · Image · PROCESSING · sdxl, turbo · created 2025-05-17 07:00:00 UTC · finished not yet · duration unknown · 0 images`,
        `${D} · not found`,
      ].join('\n'),
    ],
    ['no rows, no text', [], ''],
  ])('%s', (_, rows, expected) => {
    expect(batchSummary(rows)).toBe(expected)
  })
})
