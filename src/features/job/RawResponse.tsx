import { useMemo } from 'react'
import { CopyButton } from '../../components/CopyButton.tsx'

/** Laying out megabytes of text freezes the page; Copy JSON still gives the whole answer. */
const SHOWN_CHARS = 200_000

/** The response exactly as parsed, collapsed until asked for. */
export function RawResponse({ raw }: { raw: unknown }) {
  // The page renders several times per poll; stringifying a 10 MB answer each time blocked the main
  // thread for 50–180 ms. React Query keeps `raw` the same object while the answer does not change.
  const text = useMemo(() => JSON.stringify(raw, null, 2), [raw])
  return (
    <details className="card group">
      <summary className="cursor-pointer px-4 py-2 text-sm font-medium">
        Raw response (JSON)
      </summary>
      <div className="border-t border-zinc-200 p-4 dark:border-zinc-700">
        <CopyButton text={text} label="Copy raw JSON">
          Copy JSON
        </CopyButton>
        <pre className="mt-2 max-h-[32rem] overflow-auto text-xs leading-relaxed whitespace-pre-wrap break-all">
          {text.length > SHOWN_CHARS ? text.slice(0, SHOWN_CHARS) : text}
        </pre>
        {text.length > SHOWN_CHARS && (
          <p className="text-muted mt-2 text-xs">
            Showing the first {SHOWN_CHARS.toLocaleString('en')} of{' '}
            {text.length.toLocaleString('en')} characters; Copy JSON copies all of it.
          </p>
        )}
      </div>
    </details>
  )
}
