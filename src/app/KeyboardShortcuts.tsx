// App-wide keys: "/" jumps to the Job ID box from anywhere, "?" lists the shortcuts.
import { Keyboard } from 'lucide-react'
import { Suspense, lazy, useEffect, useState } from 'react'

// The list itself loads on first use: most visits never open it.
const ShortcutsDialog = lazy(() => import('./ShortcutsDialog.tsx'))

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

export function KeyboardShortcuts() {
  const [open, setOpen] = useState(false)

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return
      if (event.key === '/') {
        const box = document.querySelector<HTMLElement>('[data-job-id-input]')
        if (box) {
          event.preventDefault()
          box.focus()
        }
      } else if (event.key === '?') {
        event.preventDefault()
        setOpen(true)
      }
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [])

  return (
    <>
      <button
        type="button"
        className="btn-secondary px-1.5"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => setOpen(true)}
      >
        <Keyboard aria-hidden="true" className="size-4" />
      </button>
      {open && (
        <Suspense fallback={null}>
          <ShortcutsDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  )
}
