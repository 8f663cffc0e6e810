// The "Bad input" list of issue 11 for chat and speech jobs, through the whole app: drifted bodies
// parse, garbage and wrong shapes are "Unexpected response from the API" with the raw body,
// javascript:/data: audio URLs never become a src or href, a 10 MB message or tool call does not
// lay out 10 MB, and unknown finish reasons and roles are shown as sent.
import { screen, within } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BuiltInKind } from '../../src/lib/job-kinds.ts'
import { renderApp } from './render-app.tsx'
import { chatChoice, chatJob, speechJob, toolCall } from './support/kind-fixtures.ts'
import { JOB_ID, serveJobs } from './support/server.ts'

const TEN_MB = 10 * 1024 * 1024

/** Opens the job page after the endpoint of `kind` is set to answer 200 with this exact text. */
function openWithBody(kind: BuiltInKind, body: string, path = `/jobs/${JOB_ID}?kind=${kind}`) {
  const endpoint = serveJobs(
    () => new HttpResponse(body, { status: 200, headers: { 'content-type': 'application/json' } }),
    kind,
  )
  return { ...renderApp({ path }), endpoint }
}

function openWithJson(kind: BuiltInKind, json: unknown, path?: string) {
  return openWithBody(kind, JSON.stringify(json), path)
}

/** The raw-response disclosure of the alert, and the text in it. */
function rawResponseText(alert: HTMLElement): string {
  const details = within(alert).getByText('Show the raw response').closest('details')
  return details?.querySelector('pre')?.textContent ?? ''
}

/** The results section, once the lazy view inside it has loaded. */
async function resultsOnceLoaded(): Promise<HTMLElement> {
  // Generous: moving and parsing a 10 MB body takes a while on a busy machine.
  await screen.findByText('COMPLETED', {}, { timeout: 10_000 })
  const region = screen.getByRole('region', { name: /results/i })
  await within(region).findAllByRole('listitem', {}, { timeout: 5_000 })
  return region
}

function labelValue(scope: HTMLElement, term: string): string {
  return within(scope).getByText(term, { selector: 'dt' }).nextElementSibling?.textContent ?? ''
}

const secure = Object.getOwnPropertyDescriptor(window, 'isSecureContext')
beforeEach(() => {
  Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true })
})
afterEach(() => {
  if (secure) Object.defineProperty(window, 'isSecureContext', secure)
  else Reflect.deleteProperty(window, 'isSecureContext')
})

describe('drifted bodies still show the job', () => {
  it('chat: no id, times in epoch milliseconds, unknown fields, a message without content', async () => {
    openWithJson('chat', {
      status: 'COMPLETED',
      created: 1747465200000,
      finished: 1747465203500,
      object: 'chat.completion',
      system_fingerprint: 'fp_44709d6fcb',
      usage: { total_tokens: 9, prompt_tokens_details: { cached_tokens: 0 } },
      choices: [
        {
          index: 0,
          logprobs: null,
          finish_reason: 'tool_calls',
          message: { role: 'assistant', tool_calls: [toolCall('ping', '{}')] },
        },
      ],
    })
    const results = await resultsOnceLoaded()
    expect(screen.getByText('Duration', { selector: 'dt' }).nextElementSibling).toHaveTextContent(
      '4 s',
    )
    expect(results).toHaveTextContent('This message has no text.')
    expect(within(results).getByText('ping')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('speech: finished absent, times as ISO strings, unknown fields', async () => {
    openWithJson('speech', {
      id: JOB_ID,
      status: 'COMPLETED',
      created: '2025-05-17T07:00:00Z',
      voice: 'alloy',
      results: [{ url: 'https://cdn.example.com/a.wav', format: 'wav' }],
    })
    await resultsOnceLoaded()
    expect(document.querySelector('audio')).toHaveAttribute('src', 'https://cdn.example.com/a.wav')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })
})

describe('garbage and wrong shapes', () => {
  const cases: ReadonlyArray<[BuiltInKind, string, string, RegExp]> = [
    ['chat', 'invalid JSON', '{"status": "COMPLETED", "choices": [{"mess', /not JSON/],
    ['chat', 'an empty body', '', /empty/],
    ['chat', 'an array', '[]', /expected shape/],
    ['chat', 'no status', JSON.stringify({ id: JOB_ID, choices: [] }), /status/],
    [
      'chat',
      'choices that are a string',
      JSON.stringify(chatJob({ choices: 'none' as never })),
      /choices/,
    ],
    [
      'chat',
      'a message that is a string',
      JSON.stringify(chatJob({ choices: [{ message: 'Hello' as never }] })),
      /choices\.0\.message/,
    ],
    [
      'chat',
      'a numeric finish_reason',
      JSON.stringify(chatJob({ choices: [{ finish_reason: 1 as never }] })),
      /finish_reason/,
    ],
    ['speech', 'invalid JSON', '{"id": "x", "results": [{"url": "htt', /not JSON/],
    ['speech', 'null', 'null', /expected shape/],
    ['speech', 'no id (required for speech)', JSON.stringify({ status: 'COMPLETED' }), /id/],
    [
      'speech',
      'a result that is a bare string',
      JSON.stringify(speechJob({ results: ['https://cdn.example.com/a.wav' as never] })),
      /results\.0/,
    ],
    [
      'speech',
      'a numeric url',
      JSON.stringify(speechJob({ results: [{ url: 5 as never }] })),
      /results\.0\.url/,
    ],
  ]

  it.each(cases)(
    '%s with %s: "Unexpected response from the API", the raw body shown as text',
    async (kind, _case, body, reason) => {
      openWithBody(kind, body)
      const alert = await screen.findByRole('alert')
      expect(alert).toHaveTextContent('Unexpected response from the API')
      expect(alert).toHaveTextContent(reason)
      expect(rawResponseText(alert)).toBe(body === '' ? '(empty body)' : body)
      expect(screen.getByText('Status unknown')).toBeInTheDocument()
      expect(document.querySelector('audio')).toBeNull()
    },
  )

  it.each<BuiltInKind>(['chat', 'speech'])(
    'a bare id whose %s answer is garbage (the others 404) is the unexpected answer, not "not found"',
    async (kind) => {
      const { endpoint } = openWithBody(kind, '[1, 2, 3]', `/jobs/${JOB_ID}`)
      const alert = await screen.findByRole('alert')
      expect(alert).toHaveTextContent('Unexpected response from the API')
      expect(alert).not.toHaveTextContent('Job not found')
      expect(rawResponseText(alert)).toBe('[1, 2, 3]')
      expect(endpoint.count).toBe(1)
    },
  )
})

describe('hostile audio URLs', () => {
  const UNSAFE = [
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:audio/wav;base64,UklGRiQAAABXQVZFZm10',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '/relative.wav',
    'http://',
  ]

  it('never become a src or an href anywhere on the page: text with a warning instead', async () => {
    openWithJson(
      'speech',
      speechJob({
        results: [{ url: 'https://cdn.example.com/safe.wav' }, ...UNSAFE.map((url) => ({ url }))],
      }),
    )
    const results = await resultsOnceLoaded()
    expect(results.querySelectorAll('audio')).toHaveLength(1)
    expect(within(results).getAllByText(/: not played$/)).toHaveLength(UNSAFE.length)
    const shown = [...results.querySelectorAll('code')].map((code) => code.textContent)
    expect(shown).toEqual(UNSAFE)
    for (const element of document.querySelectorAll('[src], [href]')) {
      const value = element.getAttribute('src') ?? element.getAttribute('href') ?? ''
      expect(UNSAFE).not.toContain(value)
      expect(value).not.toMatch(/^\s*(java|vb)?\s*script:|^\s*data:/i)
    }
  })

  it('a 10 MB data: URL is shown cut, not laid out whole', { timeout: 30_000 }, async () => {
    const huge = `data:audio/wav;base64,${'A'.repeat(TEN_MB)}`
    openWithJson('speech', speechJob({ results: [{ url: huge }] }))
    const results = await resultsOnceLoaded()
    const code = results.querySelector('code')
    expect(code?.textContent.length).toBeLessThanOrEqual(501)
    expect(huge.startsWith(code?.textContent.slice(0, -1) ?? '-')).toBe(true)
    expect(document.querySelector('[src^="data:"], [href^="data:"]')).toBeNull()
  })
})

describe('unknown finish reasons and roles', () => {
  it.each([
    ['length', 'assistant'],
    ['content_filter', 'tool'],
    ['<i>weird</i>', '<b>boss</b>'],
    ['انتهى', 'مساعد'],
    ['🛑', '🤖'],
    ['', ''],
  ])('finish reason %j and role %j are shown exactly as sent', async (finishReason, role) => {
    openWithJson(
      'chat',
      chatJob({
        choices: [chatChoice({ finish_reason: finishReason, message: { role, content: 'x' } })],
      }),
    )
    const results = await resultsOnceLoaded()
    expect(labelValue(results, 'Finish reason')).toBe(finishReason)
    expect(labelValue(results, 'Role')).toBe(role)
    expect(results.querySelector('i, b')).toBeNull()
  })
})

describe('10 MB chat answers', { timeout: 30_000 }, () => {
  it('a 10 MB message: a short preview, at most 20,000 characters when expanded, copied whole', async () => {
    const content = 'The quick brown fox jumps over the lazy dog.\n'.repeat(TEN_MB / 45)
    const started = performance.now()
    const view = openWithJson(
      'chat',
      chatJob({ choices: [chatChoice({ message: { role: 'assistant', content } })] }),
    )
    const results = await resultsOnceLoaded()
    const renderMs = Math.round(performance.now() - started)
    console.log(`a 10 MB chat message rendered in jsdom in ${renderMs} ms`)
    expect(renderMs).toBeLessThan(10_000)

    const paragraph = results.querySelector('p[dir="auto"]')
    expect(paragraph?.textContent.length).toBeLessThanOrEqual(1_000)
    expect(paragraph).toHaveClass('line-clamp-6')

    await view.user.click(within(results).getByRole('button', { name: 'Show full message' }))
    expect(paragraph?.textContent).toBe(content.slice(0, 20_000))
    expect(results).toHaveTextContent(
      `… ${(content.length - 20_000).toLocaleString('en-US')} more characters not shown here`,
    )

    await view.user.click(within(results).getByRole('button', { name: 'Copy message 1' }))
    expect((await navigator.clipboard.readText()).length).toBe(content.length)
  })

  it('10 MB of tool-call arguments: collapsed, then at most 20,000 characters laid out', async () => {
    const args = JSON.stringify({ rows: 'r'.repeat(TEN_MB) })
    const view = openWithJson(
      'chat',
      chatJob({
        choices: [
          chatChoice({
            finish_reason: 'tool_calls',
            message: { role: 'assistant', content: null, tool_calls: [toolCall('bulk', args)] },
          }),
        ],
      }),
    )
    const results = await resultsOnceLoaded()
    expect(results.querySelector('pre')).toBeNull()
    await view.user.click(within(results).getByText('Arguments'))
    expect(results.querySelector('pre')?.textContent.length).toBe(20_000)
    expect(results).toHaveTextContent('more characters not shown here')
  })

  it('a 10 MB role and finish reason are cut to short labels', async () => {
    const huge = 'x'.repeat(TEN_MB)
    openWithJson(
      'chat',
      chatJob({
        choices: [{ index: 0, finish_reason: huge, message: { role: huge, content: 'hi' } }],
      }),
    )
    const results = await resultsOnceLoaded()
    expect(labelValue(results, 'Role').length).toBe(121)
    expect(labelValue(results, 'Finish reason').length).toBe(121)
  })
})
