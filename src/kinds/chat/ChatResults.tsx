// A chat job's answer as a transcript: one card per choice with its index, role and finish reason as
// sent, the message as plain text (clamped, copyable) and each tool call with its arguments. All of
// it is untrusted and unbounded: never markup, and never more laid out than the text limits allow.
import { memo, useMemo, useState } from 'react'
import type { ChatChoice, ChatJob, ChatMessage, ChatToolCall } from './chat-job.ts'
import { ClampedText } from '../../components/ClampedText.tsx'
import { CopyButton } from '../../components/CopyButton.tsx'
import { TEXT_DISPLAY_LIMIT, cutText, omittedNote } from '../../lib/text-cut.ts'
import { type ToolArguments as ToolArgumentsValue, toolArguments } from './tool-arguments.ts'

/** Role, finish reason, names: one-word values in the API, but nothing stops a 10 MB one. */
const LABEL_CHARS = 120
/** Arguments this short are shown open; longer ones wait to be asked for. */
const OPEN_ARGUMENTS_CHARS = 2_000

export default function ChatResults({ job }: { job: ChatJob }) {
  return <ChatTranscript choices={job.choices} />
}

// Memoised on the choices array: polls of a pending job re-render the page every second, and
// pretty-printing arguments is not free.
const ChatTranscript = memo(function ChatTranscript({
  choices,
}: {
  choices: readonly ChatChoice[]
}) {
  return (
    <ol className="flex flex-col gap-4">
      {choices.map((choice, position) => (
        // Choices carry an index, but nothing makes it unique; their order is stable for a job.
        <li key={position} className="card flex min-w-0 flex-col gap-3 p-4">
          <ChoiceCard choice={choice} position={position} />
        </li>
      ))}
    </ol>
  )
})

function ChoiceCard({ choice, position }: { choice: ChatChoice; position: number }) {
  const { message } = choice
  const number = position + 1
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <dl className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
          <ChoiceLabel term="Index" value={choice.index === null ? null : String(choice.index)} />
          <ChoiceLabel term="Role" value={message?.role ?? null} />
          <ChoiceLabel term="Finish reason" value={choice.finishReason} />
          {message !== null && message.name !== null && (
            <ChoiceLabel term="Name" value={message.name} />
          )}
        </dl>
        {message?.content != null && message.content.trim() !== '' && (
          <CopyButton text={message.content} label={`Copy message ${number}`}>
            Copy
          </CopyButton>
        )}
      </div>
      {message === null ? (
        <p className="text-muted text-sm italic">This choice has no message.</p>
      ) : (
        <MessageBody message={message} number={number} />
      )}
    </>
  )
}

/** A small label: what it is, then the value exactly as sent ("—" when missing). */
function ChoiceLabel({ term, value }: { term: string; value: string | null }) {
  return (
    <div className="flex min-w-0 items-center gap-1">
      <dt className="text-muted">{term}</dt>
      <dd className="min-w-0 rounded bg-zinc-100 px-1.5 py-0.5 font-mono break-all text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">
        {value === null ? '—' : shortLabel(value)}
      </dd>
    </div>
  )
}

function shortLabel(value: string): string {
  const { text, omitted } = cutText(value, LABEL_CHARS)
  return omitted > 0 ? `${text}…` : value
}

function MessageBody({ message, number }: { message: ChatMessage; number: number }) {
  const { content, toolCalls } = message
  return (
    <>
      {content === null || content.trim() === '' ? (
        <p className="text-muted text-sm italic">
          {content === null ? 'This message has no text.' : 'The message text is empty.'}
        </p>
      ) : (
        <ClampedText
          text={content}
          noun="message"
          lines={6}
          className="max-w-[70ch] text-sm leading-relaxed"
        />
      )}
      {toolCalls.length > 0 && (
        <ul className="flex flex-col gap-2" aria-label={`Tool calls of message ${number}`}>
          {toolCalls.map((call, index) => (
            <li key={index} className="min-w-0">
              <ToolCall call={call} label={`tool call ${index + 1} of message ${number}`} />
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

function ToolCall({ call, label }: { call: ChatToolCall; label: string }) {
  const args = useMemo(() => toolArguments(call.arguments), [call.arguments])
  const [open, setOpen] = useState(() => args !== null && args.text.length <= OPEN_ARGUMENTS_CHARS)
  return (
    <div className="rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-700">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <span className="text-muted text-xs font-medium tracking-wide uppercase">Tool call</span>
        {call.name === null ? (
          <span className="text-muted italic">no function name</span>
        ) : (
          <code className="font-mono font-semibold break-all">{shortLabel(call.name)}</code>
        )}
        {call.id !== null && (
          <span className="text-muted font-mono text-xs break-all">{shortLabel(call.id)}</span>
        )}
      </div>
      {args === null ? (
        <p className="text-muted mt-1 text-xs italic">No arguments.</p>
      ) : (
        <details
          className="mt-2"
          open={open}
          onToggle={(event) => setOpen(event.currentTarget.open)}
        >
          <summary className="cursor-pointer py-1 text-xs font-medium">
            {call.shape === 'function' ? 'Arguments' : 'The call'}{' '}
            <span className="text-muted font-normal">
              {call.shape === 'other'
                ? '(not the usual function shape: shown as sent)'
                : args.json
                  ? '(JSON)'
                  : '(not JSON: shown as sent)'}
            </span>
          </summary>
          {open && <ArgumentsText args={args} raw={call.arguments ?? ''} label={label} />}
        </details>
      )}
    </div>
  )
}

/** The arguments, laid out up to the display limit; Copy gives them as sent, whole. */
function ArgumentsText({
  args,
  raw,
  label,
}: {
  args: ToolArgumentsValue
  raw: string
  label: string
}) {
  if (args.text === '') return <p className="text-muted mt-2 text-xs italic">Empty (no text).</p>
  const shown = cutText(args.text, TEXT_DISPLAY_LIMIT)
  return (
    <div className="mt-2 flex flex-col items-start gap-2">
      <pre
        className="w-full rounded bg-zinc-50 p-2 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap dark:bg-zinc-950"
        // JSON reads left to right whatever its strings; raw text takes its own direction.
        dir={args.json ? 'ltr' : 'auto'}
      >
        {shown.text}
      </pre>
      {shown.omitted > 0 && <p className="text-muted text-xs">{omittedNote(shown.omitted)}</p>}
      <CopyButton text={raw} label={`Copy arguments of ${label}`}>
        Copy arguments
      </CopyButton>
    </div>
  )
}
