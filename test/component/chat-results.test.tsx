// The chat transcript as a support person reads it: each choice's index, role and finish reason as
// sent, the message as plain text with its line breaks, tool calls with their arguments, a copy
// button per message — rendered from parsed jobs, and through the whole app from a chat endpoint.
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { HttpResponse } from 'msw'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import ChatResults from '../../src/kinds/chat/ChatResults.tsx'
import { renderApp } from './render-app.tsx'
import {
  type ApiChatChoice,
  type ApiChatJob,
  chatChoice,
  chatJob,
  parsedChat,
  toolCall,
} from './support/kind-fixtures.ts'
import { JOB_ID, serveJobs } from './support/server.ts'

function showChoices(...choices: ApiChatChoice[]) {
  const user = userEvent.setup()
  const view = render(<ChatResults job={parsedChat(chatJob({ choices }))} />)
  return { ...view, user }
}

/** Each choice's card, in order. */
function cards(): HTMLElement[] {
  return screen.getAllByRole('listitem').filter((item) => item.parentElement?.tagName === 'OL')
}

function card(position: number): HTMLElement {
  const found = cards()[position]
  if (found === undefined) throw new Error(`no card ${position}`)
  return found
}

/** The value of a small label of a card, e.g. "Finish reason". */
function labelValue(scope: HTMLElement, term: string): string {
  const dt = within(scope).getByText(term, { selector: 'dt' })
  return dt.nextElementSibling?.textContent ?? ''
}

/** The paragraph that holds a message's text. */
function messageParagraph(scope: HTMLElement): HTMLElement {
  const paragraph = scope.querySelector<HTMLElement>('p[dir="auto"]')
  if (paragraph === null) throw new Error('no message text')
  return paragraph
}

// jsdom is never a secure context; the app then uses the Clipboard API (user-event's stub).
const secure = Object.getOwnPropertyDescriptor(window, 'isSecureContext')
beforeEach(() => {
  Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true })
})
afterEach(() => {
  if (secure) Object.defineProperty(window, 'isSecureContext', secure)
  else Reflect.deleteProperty(window, 'isSecureContext')
})

describe('chat transcript', () => {
  it('shows one card per choice, in order, with its index, role and finish reason as sent', () => {
    showChoices(
      chatChoice({
        index: 0,
        finish_reason: 'stop',
        message: { role: 'assistant', content: 'A' },
      }),
      chatChoice({
        index: 1,
        finish_reason: 'tool_calls',
        message: { role: 'tool', content: 'B' },
      }),
      chatChoice({
        index: 7,
        finish_reason: 'content_filter',
        message: { role: 'Robot 🤖', content: 'C' },
      }),
    )
    expect(cards()).toHaveLength(3)
    expect(cards().map((item) => labelValue(item, 'Index'))).toEqual(['0', '1', '7'])
    expect(cards().map((item) => labelValue(item, 'Role'))).toEqual([
      'assistant',
      'tool',
      'Robot 🤖',
    ])
    expect(cards().map((item) => labelValue(item, 'Finish reason'))).toEqual([
      'stop',
      'tool_calls',
      'content_filter',
    ])
    expect(cards().map((item) => messageParagraph(item).textContent)).toEqual(['A', 'B', 'C'])
  })

  it('shows "—" for a missing index, role and finish reason', () => {
    showChoices({ message: { content: 'Hi' } })
    expect(labelValue(card(0), 'Index')).toBe('—')
    expect(labelValue(card(0), 'Role')).toBe('—')
    expect(labelValue(card(0), 'Finish reason')).toBe('—')
  })

  it('shows the message name when there is one, and no name label otherwise', () => {
    showChoices(
      chatChoice({ message: { role: 'assistant', content: 'A', name: 'support_bot' } }),
      chatChoice(),
    )
    expect(labelValue(card(0), 'Name')).toBe('support_bot')
    expect(within(card(1)).queryByText('Name', { selector: 'dt' })).not.toBeInTheDocument()
  })

  it('keeps line breaks, in a readable measure, with its direction detected', () => {
    const content = 'First line\nSecond line\n\n  indented third'
    showChoices(chatChoice({ message: { role: 'assistant', content } }))
    const paragraph = messageParagraph(card(0))
    expect(paragraph.textContent).toBe(content)
    expect(paragraph).toHaveClass('whitespace-pre-wrap')
    expect(paragraph).toHaveAttribute('dir', 'auto')
    expect(paragraph.parentElement).toHaveClass('max-w-[70ch]')
  })

  it('shows markup as text, never as HTML', () => {
    const content =
      '<b>bold?</b><img src=x onerror="window.__chatPwned=1"><script>window.__chatPwned=2</script>'
    const { container } = showChoices(chatChoice({ message: { role: 'assistant', content } }))
    expect(screen.getByText(content, { exact: true })).toBeInTheDocument()
    expect(container.querySelector('b, img, script')).toBeNull()
    expect((window as { __chatPwned?: number }).__chatPwned).toBeUndefined()
  })

  it('clamps a long message with "Show full message", and shows it whole when asked', async () => {
    const content = Array.from({ length: 40 }, (_, line) => `Line ${line + 1}`).join('\n')
    const { user } = showChoices(chatChoice({ message: { role: 'assistant', content } }))
    const paragraph = messageParagraph(card(0))
    expect(paragraph).toHaveClass('line-clamp-6')

    await user.click(within(card(0)).getByRole('button', { name: 'Show full message' }))
    expect(paragraph).not.toHaveClass('line-clamp-6')
    expect(paragraph.textContent).toBe(content)
    await user.click(within(card(0)).getByRole('button', { name: 'Show less' }))
    expect(paragraph).toHaveClass('line-clamp-6')
  })

  it('does not offer "Show full message" for a short message', () => {
    showChoices(chatChoice())
    expect(screen.queryByRole('button', { name: 'Show full message' })).not.toBeInTheDocument()
  })

  it('copies each message whole, with its line breaks, from its own button', async () => {
    const first = 'The first answer\nwith two lines'
    const second = 'x'.repeat(30_000)
    const { user } = showChoices(
      chatChoice({ message: { role: 'assistant', content: first } }),
      chatChoice({ index: 1, message: { role: 'assistant', content: second } }),
    )
    await user.click(screen.getByRole('button', { name: 'Copy message 2' }))
    expect(await navigator.clipboard.readText()).toBe(second)
    await user.click(screen.getByRole('button', { name: 'Copy message 1' }))
    expect(await navigator.clipboard.readText()).toBe(first)
    expect(await within(card(0)).findByText('Copied')).toBeInTheDocument()
  })

  it('says plainly when a choice has no message, or a message has no text — and offers no copy', () => {
    showChoices(
      { index: 0, finish_reason: 'stop', message: null },
      { index: 1, finish_reason: 'tool_calls', message: { role: 'assistant', content: null } },
      { index: 2, finish_reason: 'stop', message: { role: 'assistant', content: '' } },
    )
    expect(card(0)).toHaveTextContent('This choice has no message.')
    expect(card(1)).toHaveTextContent('This message has no text.')
    expect(card(2)).toHaveTextContent('The message text is empty.')
    expect(screen.queryByRole('button', { name: /copy message/i })).not.toBeInTheDocument()
  })

  it('joins a message sent as an array of text parts', () => {
    showChoices(
      chatChoice({
        message: {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Part one. ' },
            { type: 'text', text: 'Part two.' },
          ],
        },
      }),
    )
    expect(messageParagraph(card(0)).textContent).toBe('Part one. Part two.')
  })

  it('cuts a 10,000-character role or finish reason to a short label', () => {
    const huge = 'r'.repeat(10_000)
    showChoices({ index: 0, finish_reason: huge, message: { role: huge, content: 'x' } })
    expect(labelValue(card(0), 'Role')).toBe(`${'r'.repeat(120)}…`)
    expect(labelValue(card(0), 'Finish reason')).toBe(`${'r'.repeat(120)}…`)
  })
})

describe('tool calls', () => {
  /** The <details> of a tool call's arguments, found by its function name. */
  function toolCallBlock(name: string): HTMLElement {
    const nameElement = screen.getByText(name, { selector: 'code' })
    const block = nameElement.closest<HTMLElement>('li')
    if (block === null) throw new Error(`no tool call ${name}`)
    return block
  }

  const argumentsText = (block: HTMLElement) => block.querySelector('pre')?.textContent

  it('shows the function name and pretty-printed JSON arguments, open, in monospace', () => {
    showChoices(
      chatChoice({
        finish_reason: 'tool_calls',
        message: {
          role: 'assistant',
          content: null,
          tool_calls: [toolCall('get_weather', '{"city":"Oslo","units":["C"]}')],
        },
      }),
    )
    const block = toolCallBlock('get_weather')
    expect(block).toHaveTextContent('Tool call')
    expect(block).toHaveTextContent('call_1')
    expect(within(block).getByText('(JSON)')).toBeInTheDocument()
    expect(block.querySelector('details')).toHaveAttribute('open')
    const pre = block.querySelector('pre')
    expect(pre).toHaveClass('font-mono')
    expect(pre).toHaveAttribute('dir', 'ltr')
    expect(argumentsText(block)).toBe('{\n  "city": "Oslo",\n  "units": [\n    "C"\n  ]\n}')
  })

  it('shows arguments that are not JSON as sent, and says so', () => {
    showChoices(
      chatChoice({
        message: { role: 'assistant', tool_calls: [toolCall('lookup', 'city=Oslo&<b>x</b>')] },
      }),
    )
    const block = toolCallBlock('lookup')
    expect(within(block).getByText('(not JSON: shown as sent)')).toBeInTheDocument()
    expect(argumentsText(block)).toBe('city=Oslo&<b>x</b>')
    expect(block.querySelector('b')).toBeNull()
  })

  it('lists several tool calls of one message, each with its own arguments', () => {
    showChoices(
      chatChoice({
        message: {
          role: 'assistant',
          tool_calls: [
            toolCall('first_fn', '{"a":1}', 'c1'),
            toolCall('second_fn', '{"b":2}', 'c2'),
          ],
        },
      }),
    )
    const list = screen.getByRole('list', { name: 'Tool calls of message 1' })
    expect(within(list).getAllByRole('listitem')).toHaveLength(2)
    expect(argumentsText(toolCallBlock('first_fn'))).toBe('{\n  "a": 1\n}')
    expect(argumentsText(toolCallBlock('second_fn'))).toBe('{\n  "b": 2\n}')
  })

  it('keeps long arguments collapsed until asked, then shows them', async () => {
    const args = JSON.stringify({ rows: Array.from({ length: 300 }, (_, row) => ({ row })) })
    const { user } = showChoices(
      chatChoice({ message: { role: 'assistant', tool_calls: [toolCall('bulk_insert', args)] } }),
    )
    const block = toolCallBlock('bulk_insert')
    expect(block.querySelector('details')).not.toHaveAttribute('open')
    expect(block.querySelector('pre')).toBeNull()

    await user.click(within(block).getByText('Arguments'))
    expect(block.querySelector('details')).toHaveAttribute('open')
    expect(argumentsText(block)).toBe(JSON.stringify(JSON.parse(args), null, 2))
  })

  it('copies the arguments exactly as sent', async () => {
    const args = '{"city":"Oslo"}'
    const { user } = showChoices(
      chatChoice({ message: { role: 'assistant', tool_calls: [toolCall('get_weather', args)] } }),
    )
    await user.click(
      screen.getByRole('button', { name: 'Copy arguments of tool call 1 of message 1' }),
    )
    expect(await navigator.clipboard.readText()).toBe(args)
  })

  it('survives tool calls of other shapes: no name, no arguments, not an object', () => {
    showChoices(
      chatChoice({
        message: {
          role: 'assistant',
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'no_args' } },
            { name: 'legacy', parameters: { q: 1 } },
            'just a string',
          ],
        },
      }),
    )
    const list = screen.getByRole('list', { name: 'Tool calls of message 1' })
    const [noArgs, legacy, text] = within(list).getAllByRole('listitem')
    expect(noArgs).toHaveTextContent('no_args')
    expect(noArgs).toHaveTextContent('No arguments.')
    expect(legacy).toHaveTextContent('no function name')
    expect(legacy).toHaveTextContent('The call (not the usual function shape: shown as sent)')
    expect(legacy?.querySelector('pre')?.textContent).toBe(
      JSON.stringify({ name: 'legacy', parameters: { q: 1 } }, null, 2),
    )
    expect(text).toHaveTextContent('no function name')
    expect(text).toHaveTextContent('The call (not the usual function shape: shown as sent)')
    expect(text?.querySelector('pre')?.textContent).toBe('just a string')
  })

  it('lays out at most 20,000 characters of 10 MB arguments, and copies all of them', async () => {
    const args = `{"blob":"${'y'.repeat(10 * 1024 * 1024)}"}`
    const { user } = showChoices(
      chatChoice({ message: { role: 'assistant', tool_calls: [toolCall('upload', args)] } }),
    )
    const block = toolCallBlock('upload')
    // Past the parse limit: raw text, collapsed.
    expect(within(block).getByText('(not JSON: shown as sent)')).toBeInTheDocument()
    expect(block.querySelector('pre')).toBeNull()

    await user.click(within(block).getByText('Arguments'))
    expect(argumentsText(block)).toBe(args.slice(0, 20_000))
    expect(block).toHaveTextContent(
      `… ${(args.length - 20_000).toLocaleString('en-US')} more characters not shown here`,
    )
    await user.click(within(block).getByRole('button', { name: /copy arguments/i }))
    expect((await navigator.clipboard.readText()).length).toBe(args.length)
  })
})

describe('a chat job through the whole app', () => {
  function showChatJob(body: ApiChatJob, path = `/jobs/${JOB_ID}?kind=chat`) {
    const endpoint = serveJobs(() => HttpResponse.json(body), 'chat')
    return { ...renderApp({ path }), endpoint }
  }

  /** The value of a fact in the facts grid, e.g. "Total tokens". */
  function fact(term: string): HTMLElement {
    const dd = screen.getByText(term, { selector: 'dt' }).nextElementSibling
    if (!(dd instanceof HTMLElement)) throw new Error(`no value for ${term}`)
    return dd
  }

  it('shows Chat beside the status, token usage with thousands separators, and the transcript', async () => {
    showChatJob(
      chatJob({
        usage: { prompt_tokens: 1234, completion_tokens: 56789, total_tokens: 1058023 },
        choices: [
          chatChoice({
            finish_reason: 'tool_calls',
            message: {
              role: 'assistant',
              content: 'Checking the weather.\nOne moment.',
              tool_calls: [toolCall('get_weather', '{"city":"Oslo"}')],
            },
          }),
        ],
      }),
    )
    const badge = await screen.findByText('COMPLETED')
    expect(badge.closest('[aria-live]')).toHaveTextContent('Kind: Chat')
    expect(fact('Prompt tokens')).toHaveTextContent(/^1,234$/)
    expect(fact('Completion tokens')).toHaveTextContent(/^56,789$/)
    expect(fact('Total tokens')).toHaveTextContent(/^1,058,023$/)
    expect(fact('Service tier')).toHaveTextContent('default')
    expect(fact('Model')).toHaveTextContent('Llama-3.1-8B-Instruct')
    expect(fact('Duration')).toHaveTextContent('3 s')

    const results = screen.getByRole('region', { name: /results/i })
    expect(within(results).getByRole('heading', { name: 'Results (1)' })).toBeInTheDocument()
    // The view is a lazy chunk: it appears once loaded.
    const paragraph = await within(results).findByText('Checking the weather.', { exact: false })
    expect(paragraph.textContent).toBe('Checking the weather.\nOne moment.')
    expect(labelValue(results, 'Finish reason')).toBe('tool_calls')
    expect(labelValue(results, 'Role')).toBe('assistant')
    expect(within(results).getByText('get_weather')).toBeInTheDocument()
    expect(results.querySelector('pre')?.textContent).toBe('{\n  "city": "Oslo"\n}')
    expect(within(results).getByRole('button', { name: 'Copy message 1' })).toBeInTheDocument()
    // Token usage sits in the facts grid only.
    expect(within(results).queryByText(/tokens/i)).not.toBeInTheDocument()
  })

  it('shows "—" for token counts and service tier the API left out', async () => {
    showChatJob(chatJob({ usage: { total_tokens: 12 }, service_tier: null }))
    await screen.findByText('COMPLETED')
    expect(fact('Prompt tokens')).toHaveTextContent(/^—$/)
    expect(fact('Completion tokens')).toHaveTextContent(/^—$/)
    expect(fact('Total tokens')).toHaveTextContent(/^12$/)
    expect(fact('Service tier')).toHaveTextContent(/^—$/)
  })

  it('finds a bare id on the chat endpoint, asks it once, and writes the kind into the URL', async () => {
    const view = showChatJob(chatJob({ id: null }), `/jobs/${JOB_ID}`)
    await screen.findByText('COMPLETED')
    expect(await screen.findByText('Hello! How can I help?')).toBeInTheDocument()
    expect(view.endpoint.ids).toEqual([JOB_ID])
    // Rewritten after the answer is painted (the route's re-render need not hold it up).
    await waitFor(() => expect(view.currentPath()).toBe(`/jobs/${JOB_ID}?kind=chat`))
    // The body had no id: the one asked for stands in, without a "different id" note.
    expect(screen.queryByText(/answered with a different id/)).not.toBeInTheDocument()
  })

  it('says there is no answer yet for a pending job without choices', async () => {
    showChatJob(chatJob({ status: 'PROCESSING', finished: null, choices: null, usage: null }))
    await screen.findByText('PROCESSING')
    expect(screen.getByText('Generating the answer.', { exact: false })).toBeInTheDocument()
    expect(
      screen.getByText('No answer yet: it appears here when the job completes.'),
    ).toBeInTheDocument()
  })
})
