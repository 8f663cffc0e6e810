// The Job ID box: trims, accepts either case, and finds the id inside a pasted URL or log line.
// An invalid entry is explained inline and sends no request.
import { useQueryClient } from '@tanstack/react-query'
import { Search } from 'lucide-react'
import { type FormEvent, useId, useState } from 'react'
import { useLocation } from 'wouter'
import { useAppScope, useRuntimeConfig } from '../../components/app-scope.tsx'
import { type JobIdInput, readJobIdInput } from '../../lib/job-id.ts'
import { askEarly, loadLookupCode } from './ask-early.ts'
import { lookupHref } from './lookup-target.ts'

interface JobIdFormProps {
  variant: 'hero' | 'compact'
  /** The element id of the input, so a global shortcut can focus it. */
  inputId?: string
  /**
   * Text to start with, already submitted: the box holds it and says what is wrong with it (the
   * address bar's search with no id in it). Read once, when the form mounts.
   */
  submitted?: string
}

export function JobIdForm({ variant, inputId, submitted }: JobIdFormProps) {
  const [, navigate] = useLocation()
  const queryClient = useQueryClient()
  const scope = useAppScope()
  const { apiBase, pollBounds } = useRuntimeConfig()
  const [text, setText] = useState(submitted ?? '')
  const [verdict, setVerdict] = useState<JobIdInput | null>(() =>
    submitted === undefined ? null : readJobIdInput(submitted),
  )
  const generatedId = useId()
  const fieldId = inputId ?? generatedId
  const messageId = `${fieldId}-message`
  const hero = variant === 'hero'

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const input = readJobIdInput(text)
    setVerdict(input)
    const href = lookupHref(input)
    if (href !== undefined) {
      setText('')
      setVerdict(null)
      // Ask the API now rather than after the job page has mounted: the answer comes a render sooner
      // (with the lookup's code in — the box's focus fetched it — before React draws the page).
      if (input.kind === 'valid')
        void askEarly(queryClient, scope, { apiBase, pollBounds }, input.id)
      // One id opens its page; several pasted at once are a batch, looked up together.
      navigate(href)
    }
  }

  const showMessage = verdict !== null && verdict.kind !== 'valid'
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      role="search"
      aria-label={hero ? 'Look up a job' : 'Quick job lookup'}
      className={hero ? 'flex flex-col gap-2' : 'relative flex min-w-0 flex-1 items-center gap-2'}
    >
      <label htmlFor={fieldId} className={hero ? 'text-sm font-semibold' : 'sr-only'}>
        Job ID
      </label>
      <div className={`flex min-w-0 gap-2 ${hero ? '' : 'flex-1'}`}>
        <input
          id={fieldId}
          data-job-id-input=""
          name="job-id"
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder={hero ? 'e.g. 3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71' : 'Job ID'}
          value={text}
          // Someone in the box is about to look a job up: fetch the lookup's code meanwhile.
          onFocus={() => void loadLookupCode()}
          onChange={(event) => {
            setText(event.target.value)
            if (verdict !== null) setVerdict(null)
          }}
          aria-invalid={showMessage && verdict.kind === 'invalid' ? true : undefined}
          aria-describedby={showMessage ? messageId : undefined}
          className={`input min-w-0 flex-1 font-mono ${hero ? 'px-3 py-2 text-base' : 'px-2 py-1 text-sm'}`}
        />
        <button type="submit" className={hero ? 'btn-primary' : 'btn-primary px-2.5 py-1 text-sm'}>
          <Search aria-hidden="true" className="size-4" />
          Look up
        </button>
      </div>
      {showMessage && (
        <div
          id={messageId}
          className={`text-sm ${hero ? '' : 'absolute top-full left-0 z-20 mt-1 w-[min(28rem,90vw)] rounded-md border border-zinc-300 bg-white p-2 shadow-lg dark:border-zinc-600 dark:bg-zinc-900'}`}
          role="alert"
        >
          <VerdictMessage verdict={verdict} />
        </div>
      )}
    </form>
  )
}

function VerdictMessage({ verdict }: { verdict: JobIdInput }) {
  switch (verdict.kind) {
    case 'empty':
      return (
        <p className="text-red-700 dark:text-red-300">
          Enter a job id (a UUID), or paste a URL or log line that contains one.
        </p>
      )
    case 'invalid':
      return <p className="text-red-700 dark:text-red-300">{verdict.reason}</p>
    case 'valid':
    case 'several':
      return null
  }
}
