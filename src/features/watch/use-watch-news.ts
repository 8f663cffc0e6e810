// Runs the watch monitor — in one tab for all of them — and turns its events into news: a toast in
// every tab, and in the polling tab the notification batcher, which turns a moment's events into one
// system notification (when allowed).
import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef } from 'react'
import { useLocation } from 'wouter'
import { usePart, useRuntimeConfig } from '../../components/app-scope.tsx'
import { requestLimiterPart } from '../../jobs/app-request-limiter.ts'
import { useKinds } from '../../kinds/registry.ts'
import { showSystemNotification } from './browser-notifications.ts'
import { faviconTone } from './favicon.ts'
import { createNotificationBatcher } from './notification-batcher.ts'
import { watchListPart } from './watch-list.ts'
import { type WatchEvent, startWatchMonitor } from './watch-monitor.ts'
import { openWatchNews, whilePolling } from './watch-poller.ts'
import { isProblemEvent, jobHref, notificationText } from './watch-texts.ts'
import type { Toast } from './WatchToasts.tsx'

/**
 * Runs the monitor in the one tab that polls for all (watch-poller.ts): every event becomes a toast
 * in every tab, and goes to the notification batcher of the polling tab.
 */
export function useWatchNews(
  setToasts: (update: (current: readonly Toast[]) => readonly Toast[]) => void,
  setOpen: (open: boolean) => void,
) {
  const client = useQueryClient()
  const { apiBase, pollBounds } = useRuntimeConfig()
  const store = usePart(watchListPart)
  const limiter = usePart(requestLimiterPart)
  const kinds = useKinds()
  const [, navigate] = useLocation()
  const navigateRef = useRef(navigate)
  useEffect(() => {
    navigateRef.current = navigate
  }, [navigate])

  /** The person went to a job: its news has been seen. */
  const onJobOpened = useCallback(
    (id: string) => setToasts((current) => current.filter((toast) => toast.event.id !== id)),
    [setToasts],
  )

  useEffect(() => {
    let next = 0
    const batcher = createNotificationBatcher<WatchEvent>((events) => {
      const [first] = events
      const single = events.length === 1 && first !== undefined
      showSystemNotification({
        ...notificationText(events, kinds),
        tag: single ? `jobscope-${first.id}` : 'jobscope-watch',
        icon: single
          ? `/favicon-${faviconTone(first.status, isProblemEvent(first))}.svg`
          : '/favicon.svg',
        onClick: () => {
          if (single) {
            navigateRef.current(jobHref(first.id, first.kind))
            onJobOpened(first.id)
          } else {
            setOpen(true)
          }
        },
      })
    })
    const toast = (event: WatchEvent) => {
      next += 1
      const key = next
      setToasts((current) => [...current, { key, event }])
    }
    // What the polling tab learns, every tab shows; only the polling tab raises the notification.
    const news = openWatchNews(toast)
    const stop = whilePolling(() =>
      startWatchMonitor({
        client,
        store,
        kinds,
        apiBase,
        pollBounds,
        limiter,
        onEvent: (event) => {
          toast(event)
          batcher.push(event)
          news.post(event)
        },
      }),
    )
    return () => {
      stop()
      news.close()
      batcher.dispose()
    }
  }, [client, store, kinds, apiBase, pollBounds, limiter, setToasts, setOpen, onJobOpened])

  return { onJobOpened }
}
