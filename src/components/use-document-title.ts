// The tab title: a page's state ("PROCESSING", "18/25 final") after the news that should catch the
// eye of someone in another tab ("● COMPLETED 3f2b8c1e"), then "Jobscope". One per app.
import { useEffect } from 'react'
import { appPart } from '../lib/app-scope.ts'
import { usePart } from './app-scope.tsx'

const APP_TITLE = 'Jobscope'

export interface DocumentTitle {
  /** The page's state (null: none to show). */
  setPageState: (state: string | null) => void
  /** The page goes: its state is cleared once this commit is done, unless a next page sets one. */
  clearPageState: () => void
  /** News in front of the page's state (the watch list's), or null to clear it. */
  setAttention: (text: string | null) => void
}

export const documentTitlePart = appPart('tab title', (): DocumentTitle => {
  let pageState: string | null = null
  let attention: string | null = null
  // Setting document.title costs the browser far more than comparing: a batch sets it per answer.
  const render = () => {
    const title = [attention, pageState, APP_TITLE].filter((part) => part !== null).join(' · ')
    if (document.title !== title) document.title = title
  }
  let resetPending = false
  return {
    setPageState(state) {
      pageState = state
      render()
    },
    clearPageState() {
      pageState = null
      // After the commit, so a page's next state replaces this one in one write.
      if (resetPending) return
      resetPending = true
      queueMicrotask(() => {
        resetPending = false
        render()
      })
    },
    setAttention(text) {
      attention = text
      render()
    },
  }
})

/**
 * Shows a page's state in the tab title ("PROCESSING · Jobscope", "18/25 final · Jobscope"), so the
 * person can work in another tab and still see it; back to "Jobscope" when the page goes.
 */
export function useDocumentTitle(state: string | null): void {
  const title = usePart(documentTitlePart)
  useEffect(() => {
    title.setPageState(state)
    return () => title.clearPageState()
  }, [title, state])
}
