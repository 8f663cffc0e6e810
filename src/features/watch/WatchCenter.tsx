// Everything a watch does once there is one (loaded on demand, so it costs nothing until then): the
// header's "Watching (n)" list, the polling of watched jobs, and the news when one ends — toast, tab
// title, a dot on the tab icon and, when allowed, a system notification.
import { useCallback, useEffect, useState } from 'react'
import { createPortal } from 'react-dom'
import { usePart } from '../../components/app-scope.tsx'
import { documentTitlePart } from '../../components/use-document-title.ts'
import { faviconTone, setFaviconDot } from './favicon.ts'
import { useWatchNews } from './use-watch-news.ts'
import { useWatchList } from './watch-list.ts'
import { isProblemEvent, titleAttention } from './watch-texts.ts'
import { WatchingMenu } from './WatchingMenu.tsx'
import { type Toast, WatchToasts } from './WatchToasts.tsx'

export default function WatchCenter() {
  const entries = useWatchList()
  const [open, setOpen] = useState(false)
  const [toasts, setToasts] = useState<readonly Toast[]>([])
  const { onJobOpened } = useWatchNews(setToasts, setOpen)
  const title = usePart(documentTitlePart)

  const dismiss = useCallback((key: number) => {
    setToasts((current) => current.filter((toast) => toast.key !== key))
  }, [])

  // The tab title and icon carry the news until it is dismissed.
  useEffect(() => {
    const events = toasts.map((toast) => toast.event)
    const latest = events.at(-1)
    title.setAttention(titleAttention(events))
    setFaviconDot(latest ? faviconTone(latest.status, isProblemEvent(latest)) : null)
  }, [title, toasts])
  useEffect(
    () => () => {
      title.setAttention(null)
      setFaviconDot(null)
    },
    [title],
  )

  return (
    <>
      {entries.length > 0 && (
        <WatchingMenu
          entries={entries}
          open={open}
          onOpenChange={setOpen}
          onJobOpened={onJobOpened}
        />
      )}
      {createPortal(
        <WatchToasts toasts={toasts} onDismiss={dismiss} onJobOpened={onJobOpened} />,
        document.body,
      )}
    </>
  )
}
