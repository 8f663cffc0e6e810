import { Check, Copy } from 'lucide-react'
import { useEffect, useState } from 'react'
import { copyText } from '../lib/clipboard.ts'

interface CopyButtonProps {
  /**
   * The text, or a function that makes it on click (for large texts such as a batch summary) — at
   * once, or once the code that makes it has arrived.
   */
  text: string | (() => string | Promise<string>)
  /** Accessible name, e.g. "Copy job id". */
  label: string
  /** Visible text next to the icon; icon-only when absent. */
  children?: string
  className?: string
}

type CopyState = 'idle' | 'copied' | 'failed'

export function CopyButton({ text, label, children, className = '' }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle')
  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), 2000)
    return () => clearTimeout(timer)
  }, [state])

  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={() => {
        const value = typeof text === 'function' ? text() : text
        // A ready text is copied in the click's own task, as strict browsers want.
        const copied = typeof value === 'string' ? copyText(value) : value.then(copyText)
        void copied.then(
          (ok) => setState(ok ? 'copied' : 'failed'),
          () => setState('failed'),
        )
      }}
      className={`btn-secondary ${className}`}
    >
      {state === 'copied' ? (
        <Check aria-hidden="true" className="size-4 text-emerald-600" />
      ) : (
        <Copy aria-hidden="true" className="size-4" />
      )}
      {/* The confirmation in words, where the label was (or beside the icon). */}
      {state === 'copied' ? (
        <span aria-hidden="true">Copied</span>
      ) : (
        children !== undefined && <span>{children}</span>
      )}
      <span role="status" className="sr-only">
        {state === 'copied'
          ? 'Copied to the clipboard'
          : state === 'failed'
            ? 'Copy failed: select the text and copy it by hand'
            : ''}
      </span>
      {state === 'failed' && (
        <span className="text-xs text-red-700 dark:text-red-300">Copy failed</span>
      )}
    </button>
  )
}
