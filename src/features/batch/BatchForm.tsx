// The Job IDs box of the batch page: any text in, every UUID v4 found; while the person types it says
// how many ids it found and lists what looked like an id but is not one, as pasted (kept with the
// list — in its link and this tab — so the note survives a reload and reopening the list).
import { Search } from 'lucide-react'
import { type FormEvent, useEffect, useState } from 'react'
import { useLocation } from 'wouter'
import { type JobIdTextAnalysis, analyseJobIdText } from '../../lib/job-id.ts'
import { batchLink } from './batch-link.ts'
import { rejectedOf } from './rejected-list.ts'
import type { RejectedTokens } from './rejected-tokens.ts'

/**
 * How long the box waits after the last keystroke before counting ids again. A 1 MB log takes
 * ~100-150 ms to analyse on a slow machine: counting on every keystroke would make typing lag.
 */
export const LIVE_COUNT_DELAY_MS = 250

/** What the box says about its text: the ids it holds and the tokens it left out. */
interface IdFeedbackState {
  readonly ids: number
  readonly rejected: readonly string[]
  readonly rejectedTotal: number
}

function liveFeedback(analysis: JobIdTextAnalysis): IdFeedbackState {
  const { tokens, total } = rejectedOf(analysis)
  return { ids: analysis.ids.length, rejected: tokens, rejectedTotal: total }
}

interface BatchFormProps {
  listIds: readonly string[]
  /** What was left out of the list when it was pasted, if known. */
  listRejected: RejectedTokens | null
}

export function BatchForm({ listIds, listRejected }: BatchFormProps) {
  const [, navigate] = useLocation()
  const listKey = listIds.join(',')
  const [text, setText] = useState(() => listIds.join('\n'))
  // The list the box was last filled from (or submitted), and whether the person has typed since.
  const [shownList, setShownList] = useState(listKey)
  const [edited, setEdited] = useState(false)
  const [submittedEmpty, setSubmittedEmpty] = useState(false)
  const [live, setLive] = useState<IdFeedbackState | null>(null)

  // Another list arrived by navigation (a link, Back): the box shows its ids. Our own submit
  // already set shownList, so the pasted text stays as typed.
  if (listKey !== shownList) {
    setShownList(listKey)
    setText(listIds.join('\n'))
    setEdited(false)
    setLive(null)
  }

  // The count follows the text while the person types or pastes, a moment after they pause.
  useEffect(() => {
    if (!edited) return
    const timer = setTimeout(() => {
      setLive(text.trim() === '' ? null : liveFeedback(analyseJobIdText(text)))
    }, LIVE_COUNT_DELAY_MS)
    return () => clearTimeout(timer)
  }, [text, edited])

  // Until the person types, the box holds the list: say what was left out when it was pasted.
  const feedback: IdFeedbackState | null = edited
    ? live
    : listIds.length > 0
      ? {
          ids: listIds.length,
          rejected: listRejected?.tokens ?? [],
          rejectedTotal: listRejected?.total ?? 0,
        }
      : null

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const analysis = analyseJobIdText(text)
    setLive(text.trim() === '' ? null : liveFeedback(analysis))
    setEdited(true)
    setSubmittedEmpty(analysis.ids.length === 0)
    if (analysis.ids.length > 0) {
      setShownList(analysis.ids.join(','))
      navigate(batchLink(analysis.ids, '', rejectedOf(analysis)).href)
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="card flex flex-col gap-2 p-4"
      aria-labelledby="batch-heading"
    >
      <h1 id="batch-heading" className="text-xl font-semibold">
        Look up many jobs
      </h1>
      <label htmlFor="batch-ids" className="text-sm font-semibold">
        Job IDs
      </label>
      <textarea
        id="batch-ids"
        data-job-id-input=""
        value={text}
        onChange={(event) => {
          setText(event.target.value)
          setEdited(true)
          setSubmittedEmpty(false)
        }}
        rows={5}
        spellCheck={false}
        placeholder="Paste ids separated by commas, spaces or lines — or a log, URLs, JSON…"
        aria-describedby="batch-feedback"
        className="input px-3 py-2 font-mono text-sm"
      />
      <div className="flex flex-wrap items-start gap-3">
        <button type="submit" className="btn-primary">
          <Search aria-hidden="true" className="size-4" />
          Look up all
        </button>
        <IdFeedback id="batch-feedback" feedback={feedback} alert={submittedEmpty} />
      </div>
    </form>
  )
}

function IdFeedback({
  id,
  feedback,
  alert,
}: {
  id: string
  feedback: IdFeedbackState | null
  /** The person asked to look up a text without ids. */
  alert: boolean
}) {
  const found = feedback?.ids ?? 0
  const { rejected = [], rejectedTotal = 0 } = feedback ?? {}
  return (
    <div id={id} role={alert ? 'alert' : 'status'} className="min-h-9 text-sm sm:pt-2">
      {(feedback !== null || alert) && (
        <p className={alert ? 'text-red-700 dark:text-red-300' : ''}>
          {found === 0
            ? alert
              ? 'No valid job ids found.'
              : 'No job ids found yet.'
            : `Found ${found.toLocaleString('en-US')} job id${found === 1 ? '' : 's'}.`}
          {rejectedTotal > 0 &&
            ` ${rejectedTotal} token${rejectedTotal === 1 ? '' : 's'} looked like ids but ${rejectedTotal === 1 ? 'is' : 'are'} invalid (job ids are UUID v4):`}
        </p>
      )}
      {rejected.length > 0 && (
        <ul className="mt-1 max-h-32 overflow-auto font-mono text-xs">
          {rejected.map((token) => (
            <li key={token} className="break-all">
              {token}
            </li>
          ))}
          {rejectedTotal > rejected.length && <li>… and {rejectedTotal - rejected.length} more</li>}
        </ul>
      )}
    </div>
  )
}
