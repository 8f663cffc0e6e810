import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest'
import { assertNoUnexpectedConsoleError, watchConsoleError } from './support/console-guard.ts'
import { disposeQueryClients } from './support/query-clients.ts'
import { server } from './support/server.ts'

assertFetchAcceptsOurSignals()
polyfillDialog()

// A findBy waits for what the app does after a lookup, a lazy part or a timer: 1 s (the default) was
// overrun on the 2 cores while another suite ran (a first render in a file took up to 1 s before the
// wait began). Three is still far below any time a person would wait for; absence is asserted with
// queryBy, which does not wait.
configure({ asyncUtilTimeout: 3_000 })

// After-each hooks run in reverse order of registration, so the console check, registered first,
// runs last: after unmounting, which may itself log.
beforeEach(watchConsoleError)
afterEach(assertNoUnexpectedConsoleError)

// The app's chunks loaded on demand (pages, views, the watch list) are loaded once per file before its
// tests: a test asserts what the app does, and a first dynamic import (transformed and evaluated on
// first use) can take longer than a findBy waits on a busy machine. The first screens' views are
// loaded as src/main.tsx loads them before the first render: else the first render in a file
// suspends, and React holds the page back ~300 ms more, which on a busy machine overran a findBy.
// A chunk a file mocks to fail to load is left failing: allSettled, and the app's own fallback
// handles it as in the browser.
beforeAll(async () => {
  await Promise.allSettled([
    import('../../src/features/job/public.ts').then(({ jobPage }) => jobPage.load()),
    import('../../src/app/routes/HomeRoute.tsx').then(({ loadHomeViews }) =>
      // In demo mode: both views.
      loadHomeViews(Promise.resolve({ demo: true })),
    ),
    import('../../src/features/job/StatusTimeline.tsx'),
    import('../../src/features/job/JobErrorNotice.tsx'),
    import('../../src/features/job/RawResponse.tsx'),
    import('../../src/kinds/kind-summary.ts'),
    import('../../src/features/batch/BatchPage.tsx'),
    import('../../src/features/recent/RecentLookups.tsx'),
    import('../../src/features/demo/DemoJobList.tsx'),
    import('../../src/app/ShortcutsDialog.tsx'),
    import('../../src/features/watch/WatchCenter.tsx'),
    import('../../src/features/watch/WatchToggleButton.tsx'),
    import('../../src/kinds/chat/ChatResults.tsx'),
    import('../../src/kinds/speech/SpeechResults.tsx'),
    import('../../src/kinds/images/ImageLightbox.tsx'),
  ])
})

// Relative URLs such as "/api/async/images/result" work because MSW's fetch interceptor resolves
// them against jsdom's location (http://localhost:3000); Node's own fetch would reject them.
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  server.events.removeAllListeners()
})
afterAll(() => server.close())

afterEach(() => {
  cleanup()
  // Each test makes its own app (stores, QueryClient): disposing it writes what its stores hold and
  // stops its retries and polls, so nothing fires into the next test.
  disposeQueryClients()
  // jsdom keeps storage for the whole file; a test must not see what the previous one stored.
  localStorage.clear()
  sessionStorage.clear()
  vi.useRealTimers()
})

/**
 * src/api/http.ts passes AbortSignal.timeout()/AbortSignal.any() to fetch. If the environment ever
 * handed us jsdom's AbortSignal while fetch stays Node's (undici), every request would fail with
 * "Expected signal to be an instance of AbortSignal". Vitest 4.1 keeps Node's AbortSignal and
 * AbortController in its jsdom environment, so this is a tripwire with an explanation, not a fix.
 */
function assertFetchAcceptsOurSignals(): void {
  const signal = AbortSignal.any([new AbortController().signal, AbortSignal.timeout(60_000)])
  try {
    new Request('http://localhost/', { method: 'POST', signal })
  } catch (error) {
    throw new Error(
      'AbortSignal and fetch/Request come from different realms (jsdom vs Node); restore Node’s ' +
        'AbortSignal and AbortController in test/component/setup.ts.',
      { cause: error },
    )
  }
}

/**
 * jsdom has HTMLDialogElement but neither showModal() nor close(). This follows the browser closely
 * enough for the lightbox: `open` set and removed, focus moved into the dialog and back, Escape
 * closing the topmost modal dialog after a cancelable "cancel" event, and a "close" event.
 */
function polyfillDialog(): void {
  const proto = HTMLDialogElement.prototype
  if (typeof proto.showModal === 'function' && typeof proto.close === 'function') return

  const modalStack: HTMLDialogElement[] = []
  const focusBefore = new WeakMap<HTMLDialogElement, Element | null>()
  const focusable =
    'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

  proto.show = function show(this: HTMLDialogElement) {
    if (!this.open) this.setAttribute('open', '')
  }
  proto.showModal = function showModal(this: HTMLDialogElement) {
    if (this.open) throw new DOMException('The dialog is already open.', 'InvalidStateError')
    if (!this.isConnected) {
      throw new DOMException('The dialog is not in a document.', 'InvalidStateError')
    }
    focusBefore.set(this, this.ownerDocument.activeElement)
    this.setAttribute('open', '')
    modalStack.push(this)
    const first = this.querySelector<HTMLElement>(focusable)
    if (first) {
      first.focus()
    } else {
      this.tabIndex = -1
      this.focus()
    }
  }
  proto.close = function close(this: HTMLDialogElement, returnValue?: string) {
    if (!this.open) return
    if (returnValue !== undefined) this.returnValue = returnValue
    this.removeAttribute('open')
    const index = modalStack.indexOf(this)
    if (index !== -1) modalStack.splice(index, 1)
    const previous = focusBefore.get(this)
    focusBefore.delete(this)
    if (previous instanceof HTMLElement && previous.isConnected) previous.focus()
    this.dispatchEvent(new Event('close'))
  }

  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return
    const top = modalStack.at(-1)
    if (!top) return
    if (top.dispatchEvent(new Event('cancel', { cancelable: true }))) top.close()
  })
}
