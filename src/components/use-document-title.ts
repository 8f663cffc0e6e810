import { useEffect } from 'react'

const APP_TITLE = 'Jobscope'

let pageState: string | null = null
/** Put before the page's state by the watch list when a watched job ended ("COMPLETED 3f2b8c1e"). */
let attention: string | null = null

// Setting document.title costs the browser far more than comparing: a batch sets it per answer.
function renderTitle(): void {
  const title = [attention, pageState, APP_TITLE].filter((part) => part !== null).join(' · ')
  if (document.title !== title) document.title = title
}

let resetPending = false
/** A page's state going: reset after the commit, so a page's next state replaces it in one write. */
function renderTitleSoon(): void {
  if (resetPending) return
  resetPending = true
  queueMicrotask(() => {
    resetPending = false
    renderTitle()
  })
}

/**
 * Shows a page's state in the tab title ("PROCESSING · Jobscope", "18/25 final · Jobscope"), so the
 * person can work in another tab and still see it; back to "Jobscope" when the page goes.
 */
export function useDocumentTitle(state: string | null): void {
  useEffect(() => {
    pageState = state
    renderTitle()
    return () => {
      pageState = null
      renderTitleSoon()
    }
  }, [state])
}

/** News that should catch the eye of someone in another tab, in front of the page's title; null clears it. */
export function setTitleAttention(text: string | null): void {
  attention = text
  renderTitle()
}
