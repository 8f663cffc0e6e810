import { CopyButton } from '../../components/CopyButton.tsx'

/** The response exactly as parsed, collapsed until asked for. */
export function RawResponse({ raw }: { raw: unknown }) {
  const text = JSON.stringify(raw, null, 2)
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
          {text}
        </pre>
      </div>
    </details>
  )
}
