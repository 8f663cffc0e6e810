// A copy button for the batch toolbar that confirms in words what it copied ("Copied 3 ids"), in
// the button itself for a moment and to screen readers. The label and the confirmation share one
// grid cell, so the button keeps its width and the toolbar does not jump; the one not shown is
// invisible and aria-hidden, so it is in neither the picture nor the button's name.
import { Check, Copy } from 'lucide-react'
import { useEffect, useState } from 'react'
import { copyText } from '../../lib/clipboard.ts'

interface BatchCopyButtonProps {
  /** Made on click: a thousand rows' summary is built only when asked for. */
  text: () => string
  /** Visible words, e.g. "Copy problem ids". */
  label: string
  /** A longer accessible name that starts with the label; the label otherwise. */
  accessibleName?: string | undefined
  /** Shown as a count after the label, e.g. the number of problem ids. */
  count?: number
  /** The words after a successful copy, e.g. "Copied 3 ids". */
  confirmation: string
  describedBy?: string
  disabled?: boolean
}

type CopyState = { kind: 'idle' } | { kind: 'copied'; message: string } | { kind: 'failed' }

const CONFIRMATION_MS = 2500

export function BatchCopyButton({
  text,
  label,
  accessibleName,
  count,
  confirmation,
  describedBy,
  disabled = false,
}: BatchCopyButtonProps) {
  const [state, setState] = useState<CopyState>({ kind: 'idle' })
  useEffect(() => {
    if (state.kind === 'idle') return
    const timer = setTimeout(() => setState({ kind: 'idle' }), CONFIRMATION_MS)
    return () => clearTimeout(timer)
  }, [state])

  const idle = state.kind === 'idle'
  const message =
    state.kind === 'copied' ? state.message : state.kind === 'failed' ? 'Copy failed' : ''
  return (
    <>
      <button
        type="button"
        className="btn-secondary"
        aria-label={idle ? accessibleName : undefined}
        aria-describedby={describedBy}
        disabled={disabled}
        onClick={() => {
          const words = confirmation
          void copyText(text()).then((ok) =>
            setState(ok ? { kind: 'copied', message: words } : { kind: 'failed' }),
          )
        }}
      >
        {state.kind === 'copied' ? (
          <Check aria-hidden="true" className="size-4 text-emerald-600" />
        ) : (
          <Copy aria-hidden="true" className="size-4" />
        )}
        <span className="grid">
          <span
            className={`col-start-1 row-start-1 ${idle ? '' : 'invisible'}`}
            aria-hidden={!idle}
          >
            {label}
            {count !== undefined && ' '}
            {count !== undefined && (
              <span className="ml-0.5 rounded bg-zinc-200 px-1.5 text-xs tabular-nums dark:bg-zinc-700">
                {count}
              </span>
            )}
          </span>
          <span
            className={`col-start-1 row-start-1 ${idle ? 'invisible' : ''} ${state.kind === 'failed' ? 'text-red-700 dark:text-red-300' : ''}`}
            aria-hidden={idle}
          >
            {message}
          </span>
        </span>
      </button>
      <span role="status" className="sr-only">
        {state.kind === 'failed' ? 'Copy failed: this browser did not allow it.' : message}
      </span>
    </>
  )
}
