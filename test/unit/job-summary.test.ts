// The plain text a support person pastes into a ticket: the same in every time zone, for every kind,
// and never with a line the API's text could forge.
import { describe, expect, it } from 'vitest'
import { parseChatJob } from '../../src/kinds/chat/chat-job.ts'
import { parseSpeechJob } from '../../src/kinds/speech/speech-job.ts'
import { jobDurationMs } from '../../src/kinds/job-summary.ts'
import { BUILT_IN_KINDS } from '../../src/kinds/registry.ts'
import {
  jobSummaryLine,
  jobSummaryMarkdown as markdownOf,
  jobSummaryText,
} from '../../src/kinds/kind-summary.ts'
import type { JobBase } from '../../src/api/job-base.ts'
import { type ApiJobBody, parsedJob } from '../component/support/batch-fixtures.ts'

const formatJobSummary = (job: JobBase) => jobSummaryText(BUILT_IN_KINDS.of(job), job)
const formatJobSummaryLine = (job: JobBase) => jobSummaryLine(BUILT_IN_KINDS.of(job), job)
const jobSummaryMarkdown = (job: JobBase) => markdownOf(BUILT_IN_KINDS.of(job), job)

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
  it('lists every fact in UTC, then each image URL with its revised prompt indented', () => {
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
        'Kind: Image',
        'Status: COMPLETED',
        'Model: Flux.1 [dev]',
        'Created: 2025-05-17 07:00:00 UTC',
        'Finished: 2025-05-17 07:01:05 UTC',
        'Duration: 1 min 05 s',
        'Images: 2',
        '  1. https://img.example/1.png',
        '     Revised prompt:',
        '         A red fox in fresh snow',
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
      ['  1. javascript:alert(1)', '     Revised prompt:', '         x'],
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
      `${ID} · Image · COMPLETED · Flux.1 [dev] · created 2025-05-17 07:00:00 UTC · finished 2025-05-17 07:01:05 UTC · 1 min 05 s · 2 images`,
    ],
    [
      'one image, singular',
      { results: [{ url: 'https://img.example/1.png' }] },
      `${ID} · Image · COMPLETED · Flux.1 [dev] · created 2025-05-17 07:00:00 UTC · finished 2025-05-17 07:01:05 UTC · 1 min 05 s · 1 image`,
    ],
    [
      'everything missing',
      { status: 'QUEUED', model: null, created: null, finished: null },
      `${ID} · Image · QUEUED · model not reported · created unknown · finished not yet · duration unknown · 0 images`,
    ],
    [
      'an unreadable time',
      { finished: 'soon' },
      `${ID} · Image · COMPLETED · Flux.1 [dev] · created 2025-05-17 07:00:00 UTC · finished soon (unreadable) · duration unknown · 0 images`,
    ],
  ])('%s', (_, overrides, expected) => {
    expect(formatJobSummaryLine(job(overrides))).toBe(expected)
  })
})

describe('untrusted text in a summary', () => {
  const hostile =
    'A calm lake\nStatus: ERROR\r\nModel: forged\u2028Finished: never\u202e\u0007 end\u2066x\u2069'

  it('indents every line of a prompt below its label, so none reads as a line of the summary', () => {
    const lines = formatJobSummary(
      job({ results: [{ url: 'https://img.example/1.png', revised_prompt: hostile }] }),
    ).split('\n')
    const top = lines.filter((line) => !line.startsWith(' '))
    expect(top).toEqual([
      `Job ${ID}`,
      'Kind: Image',
      'Status: COMPLETED',
      'Model: Flux.1 [dev]',
      'Created: 2025-05-17 07:00:00 UTC',
      'Finished: 2025-05-17 07:01:05 UTC',
      'Duration: 1 min 05 s',
      'Images: 1',
    ])
    expect(lines.slice(-5)).toEqual([
      '     Revised prompt:',
      '         A calm lake',
      '         Status: ERROR',
      '         Model: forged',
      '         Finished: never endx',
    ])
  })

  it('removes control and bidi-override characters and line breaks from one-line values', () => {
    const summary = formatJobSummary(
      job({
        model: 'evil\nStatus: COMPLETED\u202egnp.exe',
        results: [{ url: 'https://a.example/\n1' }],
      }),
    )
    expect(summary).toContain('Model: evil Status: COMPLETEDgnp.exe')
    expect(summary).toContain('  1. https://a.example/ 1')
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(summary).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u0000-\u0008]/)
  })

  it('cuts a long text and says how much was left out', () => {
    const summary = formatJobSummary(
      job({ results: [{ url: 'https://img.example/1.png', revised_prompt: 'x'.repeat(5_000) }] }),
    )
    expect(summary).toContain('… (cut: 3,000 more characters)')
    expect(summary.length).toBeLessThan(3_000)
  })
})

describe('summaries of chat and speech jobs', () => {
  const chatBody = {
    status: 'COMPLETED',
    created: 1747465200,
    finished: 1747465212,
    model: 'llama-3.1-8b',
    service_tier: 'default',
    usage: { prompt_tokens: 1200, completion_tokens: 34, total_tokens: 1234 },
    choices: [
      {
        index: 0,
        finish_reason: 'tool_calls',
        message: {
          role: 'assistant',
          content: 'Checking the weather.\nOne moment.',
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
      },
    ],
  }

  it('gives model, times, token usage, finish reason and each message (chat)', () => {
    const chat = parseChatJob(chatBody, JSON.stringify(chatBody), ID)
    expect(formatJobSummary(chat).split('\n')).toEqual([
      `Job ${ID}`,
      'Kind: Chat',
      'Status: COMPLETED',
      'Model: llama-3.1-8b',
      'Created: 2025-05-17 07:00:00 UTC',
      'Finished: 2025-05-17 07:00:12 UTC',
      'Duration: 12 s',
      'Service tier: default',
      'Prompt tokens: 1,200',
      'Completion tokens: 34',
      'Total tokens: 1,234',
      'Choices: 1',
      '  Choice 0 · assistant · finish reason: tool_calls',
      '     Message:',
      '         Checking the weather.',
      '         One moment.',
      '     Tool call get_weather:',
      '         {',
      '           "city": "Paris"',
      '         }',
    ])
    expect(formatJobSummaryLine(chat)).toBe(
      `${ID} · Chat · COMPLETED · llama-3.1-8b · created 2025-05-17 07:00:00 UTC · finished 2025-05-17 07:00:12 UTC · 12 s · 1 choice · 1,234 tokens`,
    )
  })

  it('lists the audio URLs (speech)', () => {
    const body = {
      id: ID,
      status: 'COMPLETED',
      created: 1747465200000,
      model: 'Chatterbox',
      results: [{ url: 'https://audio.example/1.wav' }, { url: 'data:audio/wav;base64,AAAA' }],
    }
    const speech = parseSpeechJob(body, JSON.stringify(body))
    const lines = formatJobSummary(speech).split('\n')
    expect(lines).toContain('Kind: Speech')
    expect(lines).toContain('Audio files: 2')
    expect(lines).toContain('  1. https://audio.example/1.wav')
    expect(lines).toContain('  2. data:audio/wav;base64,AAAA')
    expect(formatJobSummaryLine(speech)).toContain(' · 2 audio files')
  })
})

describe('the summary in Markdown', () => {
  it('lists the facts with every API value in a code span, and each prompt in a fenced block', () => {
    const markdown = jobSummaryMarkdown(
      job({
        results: [
          { url: 'https://img.example/1.png', revised_prompt: 'A red fox\n# not a heading' },
        ],
      }),
    )
    expect(markdown.split('\n')).toEqual([
      `**Job \`${ID}\`**`,
      '',
      '- **Kind:** `Image`',
      '- **Status:** `COMPLETED`',
      '- **Model:** `Flux.1 [dev]`',
      '- **Created:** `2025-05-17 07:00:00 UTC`',
      '- **Finished:** `2025-05-17 07:01:05 UTC`',
      '- **Duration:** `1 min 05 s`',
      '- **Images:** `1`',
      '',
      '**1\\. https://img\\.example/1\\.png**',
      '',
      '- **Revised prompt:**',
      '',
      '```text',
      'A red fox',
      '# not a heading',
      '```',
    ])
  })

  it('keeps backticks in values and texts from closing their code', () => {
    const markdown = jobSummaryMarkdown(
      job({
        model: 'evil`` model',
        results: [{ url: 'https://img.example/1.png', revised_prompt: '```\n**bold**\n````' }],
      }),
    )
    expect(markdown).toContain('- **Model:** ```evil`` model```')
    // the block's fence is longer than any run of backticks inside it
    expect(markdown).toContain('`````text\n```\n**bold**\n````\n`````')
  })

  it('escapes Markdown in titles built from API values', () => {
    const markdown = jobSummaryMarkdown(
      job({ results: [{ url: 'javascript:alert(1)//[x](y)', revised_prompt: null }] }),
    )
    expect(markdown).toContain('**1\\. javascript:alert\\(1\\)//\\[x\\]\\(y\\)**')
    expect(markdown).toContain('- **Revised prompt:** (none)')
  })
})
