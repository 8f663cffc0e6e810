import { useEffect } from 'react'

const APP_TITLE = 'Jobscope'

/**
 * Shows a page's state in the tab title ("PROCESSING · Jobscope", "18/25 final · Jobscope"), so the
 * person can work in another tab and still see it; back to "Jobscope" when the page goes.
 */
export function useDocumentTitle(state: string | null): void {
  useEffect(() => {
    document.title = state === null ? APP_TITLE : `${state} · ${APP_TITLE}`
    return () => {
      document.title = APP_TITLE
    }
  }, [state])
}
