// The list of keyboard shortcuts, in a modal dialog (opened with "?" or the header's keyboard button).
import { X } from 'lucide-react'
import { useEffect, useRef } from 'react'

const SHORTCUTS: ReadonlyArray<[keys: string, action: string]> = [
  ['/', 'Focus the Job ID box'],
  ['?', 'Show this list'],
  ['← →', 'Previous / next image in the image viewer'],
  ['Esc', 'Close the image viewer or this list'],
  ['Tab', 'Move between links and buttons (the focused one is outlined)'],
]

export default function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby="shortcuts-heading"
      onClose={onClose}
      onClick={(event) => {
        if (event.target === event.currentTarget) dialogRef.current?.close()
      }}
      className="m-auto w-[min(28rem,92vw)] rounded-xl bg-white p-0 text-zinc-900 shadow-2xl backdrop:bg-black/60 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <div className="flex items-center justify-between border-b border-zinc-200 px-4 py-2 dark:border-zinc-700">
        <h2 id="shortcuts-heading" className="font-semibold">
          Keyboard shortcuts
        </h2>
        <button
          type="button"
          className="btn-secondary px-1.5"
          aria-label="Close"
          onClick={() => dialogRef.current?.close()}
        >
          <X aria-hidden="true" className="size-4" />
        </button>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 p-4 text-sm">
        {SHORTCUTS.map(([keys, action]) => (
          <div key={keys} className="contents">
            <dt>
              <kbd className="rounded border border-zinc-300 bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:border-zinc-600 dark:bg-zinc-800">
                {keys}
              </kbd>
            </dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
    </dialog>
  )
}
