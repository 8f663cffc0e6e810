import { useEffect } from 'react'

const APP_TITLE = 'Jobscope'

let pageState: string | null = null
/** Put before the page's state by the watch list when a watched job ended ("COMPLETED 3f2b8c1e"). */
let attention: string | null = null

function renderTitle(): void {
  document.title = [attention, pageState, APP_TITLE].filter((part) => part !== null).join(' · ')
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
      renderTitle()
    }
  }, [state])
}

/** News that should catch the eye of someone in another tab, in front of the page's title; null clears it. */
export function setTitleAttention(text: string | null): void {
  attention = text
  renderTitle()
}
