// The plain text a support person pastes into a ticket: the same in every time zone.
import { describe, expect, it } from 'vitest'
import {
  formatJobSummary,
  formatJobSummaryLine,
  jobDurationMs,
} from '../../src/jobs/job-summary.ts'
import { type ApiJobBody, parsedJob } from '../component/support/batch-fixtures.ts'

const ID = '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71'

function job(overrides: Partial<ApiJobBody> = {}) {
  return parsedJob({
    id: ID,
    status: 'COMPLETED',
    model: 'Flux.1 [dev]',
    created: '2025-05-17T07:00:00Z',
    finished: '2025-05-17T07:01:05Z',
    results: [],
    ...overrides,
  })
}

describe('jobDurationMs', () => {
  it.each<[string, Partial<ApiJobBody>, number | null]>([
    ['finished minus created', {}, 65_000],
    [
      'across a zone offset',
      { created: '2025-05-17T09:00:00+02:00', finished: '2025-05-17T07:00:30Z' },
      30_000,
    ],
    ['epoch seconds', { created: 1747465200, finished: 1747465265 }, 65_000],
    ['negative when finished before created', { finished: '2025-05-17T06:59:59Z' }, -1_000],
    ['null while not finished', { finished: null }, null],
    ['null without a created time', { created: null }, null],
    ['null when a time is unreadable', { created: 'yesterday' }, null],
  ])('%s', (_, overrides, expected) => {
    expect(jobDurationMs(job(overrides))).toBe(expected)
  })
})

describe('formatJobSummary', () => {
  it('lists every fact in UTC, then each image URL with its revised prompt', () => {
    const summary = formatJobSummary(
      job({
        created: '2025-05-17T09:00:00+02:00',
        results: [
          { url: 'https://img.example/1.png', revised_prompt: 'A red fox in fresh snow' },
          { url: 'https://img.example/2.png', revised_prompt: null },
        ],
      }),
    )
    expect(summary).toBe(
      [
        `Job ${ID}`,
        'Status: COMPLETED',
        'Model: Flux.1 [dev]',
        'Created: 2025-05-17 07:00:00 UTC',
        'Finished: 2025-05-17 07:01:05 UTC',
        'Duration: 1 min 05 s',
        'Images: 2',
        '  1. https://img.example/1.png',
        '     Revised prompt: A red fox in fresh snow',
        '  2. https://img.example/2.png',
        '     Revised prompt: (none)',
      ].join('\n'),
    )
  })

  it.each<[string, Partial<ApiJobBody>, string[]]>([
    ['no model', { model: null }, ['Model: not reported']],
    ['no created time', { created: null }, ['Created: not reported', 'Duration: unknown']],
    ['not finished yet', { status: 'PROCESSING', finished: null }, ['Finished: not finished']],
    [
      'an unreadable time, shown as sent',
      { created: 'yesterday' },
      ['Created: yesterday (unreadable)', 'Duration: unknown'],
    ],
    ['no images', { results: [] }, ['Images: 0']],
    ['a result without a URL', { results: [{ url: null }] }, ['  1. (no URL)']],
    [
      'an unsafe URL, as text',
      { results: [{ url: 'javascript:alert(1)', revised_prompt: 'x' }] },
      ['  1. javascript:alert(1)', '     Revised prompt: x'],
    ],
    [
      'an unknown status, as sent',
      { status: 'CANCELLED_BY_OPERATOR' },
      ['Status: CANCELLED_BY_OPERATOR'],
    ],
  ])('with %s', (_, overrides, expectedLines) => {
    const lines = formatJobSummary(job(overrides)).split('\n')
    for (const line of expectedLines) expect(lines).toContain(line)
  })
})

describe('formatJobSummaryLine', () => {
  it.each<[string, Partial<ApiJobBody>, string]>([
    [
      'a finished job with two images',
      { results: [{ url: 'https://img.example/1.png' }, { url: 'https://img.example/2.png' }] },
      `${ID} · COMPLETED · Flux.1 [dev] · created 2025-05-17 07:00:00 UTC · finished 2025-05-17 07:01:05 UTC · 1 min 05 s · 2 images`,
    ],
    [
      'one image, singular',
      { results: [{ url: 'https://img.example/1.png' }] },
      `${ID} · COMPLETED · Flux.1 [dev] · created 2025-05-17 07:00:00 UTC · finished 2025-05-17 07:01:05 UTC · 1 min 05 s · 1 image`,
    ],
    [
      'everything missing',
      { status: 'QUEUED', model: null, created: null, finished: null },
      `${ID} · QUEUED · model not reported · created unknown · finished not yet · duration unknown · 0 images`,
    ],
    [
      'an unreadable time',
      { finished: 'soon' },
      `${ID} · COMPLETED · Flux.1 [dev] · created 2025-05-17 07:00:00 UTC · finished soon (unreadable) · duration unknown · 0 images`,
    ],
  ])('%s', (_, overrides, expected) => {
    expect(formatJobSummaryLine(job(overrides))).toBe(expected)
  })
})
