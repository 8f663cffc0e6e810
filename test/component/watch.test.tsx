// Issue 9, "Watch list and notifications": Notify me on the job page and the batch, the header's
// "Watching (n)", and what happens when a watched job ends — one system notification (stubbed), a
// toast, the tab title and the icon dot — plus the "Bad input" list: no or refused Notification API,
// 200 watched jobs, a job that 404s or fails forever, storage full or corrupt, clocks that jump.
import { act, screen, waitFor, within } from '@testing-library/react'
import { HttpResponse, delay } from 'msw'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  WATCH_LIMIT,
  WATCH_STORAGE_KEY,
  type WatchEntry,
} from '../../src/features/watch/watch-list.ts'
import { FAILING_LIMIT } from '../../src/features/watch/watch-monitor.ts'
import { advanceTime, renderApp } from './render-app.tsx'
import {
  type NotificationStub,
  removeNotificationApi,
  stubNotifications,
} from './support/notifications.ts'
import { JOB_ID, OTHER_JOB_ID, imageJob, serveJobs } from './support/server.ts'

const FINISHED = '2025-05-17T07:01:05.000Z'
/** A deterministic, valid v4 id for index n. */
const nthId = (n: number) => `${n.toString(16).padStart(8, '0')}-1a2b-4c3d-8e4f-000000000000`

let restoreNotifications: (() => void) | undefined

beforeEach(() => {
  vi.useFakeTimers({
    shouldAdvanceTime: true,
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  })
})

afterEach(() => {
  restoreNotifications?.()
  restoreNotifications = undefined
  document.head.querySelector('link[rel~="icon"]')?.remove()
})

function notificationsStub(options?: Parameters<typeof stubNotifications>[0]): NotificationStub {
  const stub = stubNotifications(options)
  restoreNotifications = () => stub.restore()
  return stub
}

/** The image job endpoint answers with whatever `status()` says now. */
function serveStatus(status: () => string) {
  return serveJobs(() => {
    const now = status()
    return HttpResponse.json(
      imageJob({ status: now, finished: now === 'COMPLETED' || now === 'ERROR' ? FINISHED : null }),
    )
  })
}

function seedWatches(entries: ReadonlyArray<Partial<WatchEntry> & { id: string }>): void {
  localStorage.setItem(
    WATCH_STORAGE_KEY,
    JSON.stringify({
      version: 1,
      entries: entries.map((entry) => ({
        kind: 'images',
        notifyOn: 'end',
        addedAt: Date.now(),
        status: 'PROCESSING',
        endedAt: null,
        endReason: null,
        ...entry,
      })),
    }),
  )
}

/** Advances fake time in half seconds until `check` holds. */
async function advanceUntil(check: () => boolean, what: string, maxMs = 60_000): Promise<void> {
  for (let waited = 0; waited <= maxMs; waited += 500) {
    if (check()) return
    await advanceTime(500)
  }
  throw new Error(`${what} did not happen within ${maxMs} ms`)
}

const toasts = (id: string) =>
  screen.queryAllByRole('status').filter((element) => element.textContent?.includes(`Job ${id}`))

const faviconHref = () => document.head.querySelector('link[rel~="icon"]')?.getAttribute('href')

async function openJobAndWatch(status: () => string) {
  const endpoint = serveStatus(status)
  const view = renderApp({ path: `/jobs/${JOB_ID}` })
  await screen.findByText(status())
  const toggle = await screen.findByRole('button', { name: 'Notify me' })
  await view.user.click(toggle)
  await waitFor(() => expect(toggle).toHaveAttribute('aria-pressed', 'true'))
  await screen.findByRole('button', { name: /^Watching \(1\)/ })
  return { view, endpoint, toggle }
}

describe('Notify me', () => {
  it('asks for notification permission only on the click, never on load', async () => {
    const notifications = notificationsStub()
    serveStatus(() => 'PROCESSING')
    const view = renderApp({ path: `/jobs/${JOB_ID}` })
    await screen.findByText('PROCESSING')
    const toggle = await screen.findByRole('button', { name: 'Notify me' })
    await advanceTime(3_000)
    expect(toggle).toHaveAttribute('aria-pressed', 'false')
    expect(notifications.asks).toBe(0)

    await view.user.click(toggle)

    await waitFor(() => expect(toggle).toHaveAttribute('aria-pressed', 'true'))
    expect(notifications.asks).toBe(1)
    expect(screen.queryByText(/notifications/i)).not.toBeInTheDocument()
  })

  it('is offered only while the job is not final', async () => {
    serveStatus(() => 'COMPLETED')
    renderApp({ path: `/jobs/${JOB_ID}` })
    await screen.findByText('COMPLETED')
    await screen.findByRole('heading', { name: 'Timeline' })
    expect(screen.queryByRole('button', { name: 'Notify me' })).not.toBeInTheDocument()
  })

  it('lists the job under "Watching (1)" in the header, with its live status, until removed', async () => {
    notificationsStub()
    let status = 'PROCESSING'
    const { view, toggle } = await openJobAndWatch(() => status)

    await view.user.click(screen.getByRole('button', { name: /^Watching \(1\)/ }))
    const panel = screen.getByRole('region', { name: 'Watching' })
    expect(panel.closest('header')).not.toBeNull()
    expect(within(panel).getByRole('link', { name: JOB_ID })).toHaveAttribute(
      'href',
      `/jobs/${JOB_ID}?kind=images`,
    )
    expect(within(panel).getByText('PROCESSING')).toBeInTheDocument()

    status = 'POSTPONED'
    await advanceUntil(() => within(panel).queryByText('POSTPONED') !== null, 'POSTPONED')

    await view.user.click(within(panel).getByRole('button', { name: `Stop watching ${JOB_ID}` }))
    expect(toggle).toHaveAttribute('aria-pressed', 'false')
    expect(screen.queryByRole('button', { name: /^Watching/ })).not.toBeInTheDocument()
  })

  it('closes the Watching list with Escape and gives focus back to its button', async () => {
    notificationsStub()
    const { view } = await openJobAndWatch(() => 'PROCESSING')
    const button = screen.getByRole('button', { name: /^Watching \(1\)/ })
    await view.user.click(button)
    expect(button).toHaveAttribute('aria-expanded', 'true')

    await view.user.keyboard('{Escape}')

    expect(screen.queryByRole('region', { name: 'Watching' })).not.toBeInTheDocument()
    expect(button).toHaveAttribute('aria-expanded', 'false')
    expect(button).toHaveFocus()
  })
})

describe('when a watched job ends', () => {
  it('on another page: one notification with the status and id, a toast, the tab title and a green dot', async () => {
    const notifications = notificationsStub()
    let status = 'PROCESSING'
    const { view } = await openJobAndWatch(() => status)
    await view.user.click(screen.getByRole('link', { name: 'Jobscope' }))
    expect(view.currentPath()).toBe('/')

    status = 'COMPLETED'
    await advanceUntil(() => notifications.shown.length > 0, 'a notification')

    expect(notifications.shown).toHaveLength(1)
    const [notification] = notifications.shown
    expect(notification?.title).toBe('COMPLETED · job 3f2b8c1e')
    expect(notification?.body).toBe(`Job ${JOB_ID} (Image) ended: COMPLETED.`)
    expect(toasts(JOB_ID)).toHaveLength(1)
    expect(toasts(JOB_ID)[0]).toHaveTextContent(`Job ${JOB_ID} (Image) ended: COMPLETED.`)
    expect(document.title).toBe('● COMPLETED 3f2b8c1e · Jobscope')
    expect(faviconHref()).toBe('/favicon-green.svg')
    expect(screen.getByRole('button', { name: /^Watching \(0\)/ })).toHaveTextContent('1 ended')

    // Once, however long the person stays.
    await advanceTime(60_000)
    expect(notifications.shown).toHaveLength(1)
    expect(toasts(JOB_ID)).toHaveLength(1)
  })

  it('keeps checking while the tab is hidden, when the page itself has stopped, and tells when it ends', async () => {
    const notifications = notificationsStub()
    let status = 'PROCESSING'
    const endpoint = serveStatus(() => status)
    const view = renderApp({ path: `/jobs/${JOB_ID}` })
    await screen.findByText('PROCESSING')
    const toggle = await screen.findByRole('button', { name: 'Notify me' })
    Object.defineProperty(document, 'visibilityState', { configurable: true, value: 'hidden' })
    try {
      act(() => {
        document.dispatchEvent(new Event('visibilitychange'))
      })
      endpoint.reset()
      await advanceTime(20_000)
      // The page alone pauses while hidden (decision 005)…
      expect(endpoint.count).toBe(0)

      await view.user.click(toggle)
      status = 'COMPLETED'

      // …a watched job does not.
      await advanceUntil(() => notifications.shown.length > 0, 'a notification')
      expect(notifications.shown[0]?.title).toBe('COMPLETED · job 3f2b8c1e')
    } finally {
      Reflect.deleteProperty(document, 'visibilityState')
      act(() => {
        document.dispatchEvent(new Event('visibilitychange'))
      })
    }
  })

  it('clicking the notification focuses the tab on that job, and the news counts as seen', async () => {
    const notifications = notificationsStub()
    let status = 'PROCESSING'
    const { view } = await openJobAndWatch(() => status)
    await view.user.click(screen.getByRole('link', { name: 'Batch lookup' }))
    status = 'ERROR'
    await advanceUntil(() => notifications.shown.length > 0, 'a notification')
    expect(faviconHref()).toBe('/favicon-red.svg')
    const focus = vi.spyOn(window, 'focus').mockImplementation(() => {})

    act(() => notifications.shown[0]?.click())

    expect(focus).toHaveBeenCalled()
    expect(view.currentPath()).toBe(`/jobs/${JOB_ID}?kind=images`)
    await waitFor(() => expect(toasts(JOB_ID)).toHaveLength(0))
    expect(faviconHref()).toBe('/favicon.svg')
    focus.mockRestore()
  })

  it('the toast is dismissible, and the title and icon go back to normal', async () => {
    notificationsStub()
    let status = 'PROCESSING'
    const { view } = await openJobAndWatch(() => status)
    await view.user.click(screen.getByRole('link', { name: 'Jobscope' }))
    status = 'COMPLETED'
    await advanceUntil(() => toasts(JOB_ID).length > 0, 'a toast')

    const [toast] = toasts(JOB_ID)
    if (toast === undefined) throw new Error('no toast')
    await view.user.click(within(toast).getByRole('button', { name: 'Dismiss' }))

    expect(toasts(JOB_ID)).toHaveLength(0)
    expect(document.title).toBe('Jobscope')
    expect(faviconHref()).toBe('/favicon.svg')
  })

  it('tells of every status change too, when the person chose that', async () => {
    const notifications = notificationsStub()
    let status = 'PROCESSING'
    const { view } = await openJobAndWatch(() => status)
    await view.user.click(screen.getByRole('checkbox', { name: 'on every status change' }))
    await view.user.click(screen.getByRole('link', { name: 'Jobscope' }))

    status = 'POSTPONED'
    await advanceUntil(() => notifications.shown.length > 0, 'the change')
    expect(notifications.shown[0]?.title).toBe('POSTPONED · job 3f2b8c1e')
    expect(toasts(JOB_ID)[0]).toHaveTextContent('is now POSTPONED')

    status = 'COMPLETED'
    await advanceUntil(() => notifications.shown.length > 1, 'the end')
    expect(notifications.shown[1]?.title).toBe('COMPLETED · job 3f2b8c1e')
    expect(notifications.shown).toHaveLength(2)
  })

  it('sends several endings at once as one notification', async () => {
    const notifications = notificationsStub({ permission: 'granted' })
    const ids = [nthId(1), nthId(2), nthId(3)]
    seedWatches(ids.map((id) => ({ id })))
    let done = false
    serveJobs(({ id }) =>
      HttpResponse.json(imageJob({ id, status: done ? 'COMPLETED' : 'PROCESSING' })),
    )
    renderApp({ path: '/' })
    await screen.findByRole('button', { name: /^Watching \(3\)/ })
    done = true

    await advanceUntil(
      () => screen.queryByRole('button', { name: /^Watching \(0\)/ }) !== null,
      'all three ended',
    )
    await advanceTime(1_000)

    expect(notifications.shown).toHaveLength(1)
    expect(notifications.shown[0]?.title).toBe('3 watched jobs changed')
    for (const id of ids) expect(notifications.shown[0]?.body).toContain(`COMPLETED: ${id}`)
  })
})

describe('notifications refused or impossible', () => {
  it.each([
    ['refused', () => notificationsStub({ answer: 'denied' }), /blocked for this site/],
    [
      'impossible on an insecure origin',
      () => notificationsStub({ insecure: true }),
      /need a secure \(https\) address/,
    ],
    [
      'missing from the browser',
      () => {
        restoreNotifications = removeNotificationApi()
        return undefined
      },
      /This browser cannot show notifications/,
    ],
  ])(
    '%s: says so next to the toggle, and the in-app signals still come',
    async (_, setUp, note) => {
      const notifications = setUp()
      let status = 'PROCESSING'
      const { view, toggle } = await openJobAndWatch(() => status)

      const description = toggle.getAttribute('aria-describedby') ?? ''
      expect(document.getElementById(description)).toHaveTextContent(note)
      expect(document.getElementById(description)).toHaveTextContent(
        'Jobscope will tell you in this tab instead',
      )

      await view.user.click(screen.getByRole('link', { name: 'Jobscope' }))
      status = 'COMPLETED'
      await advanceUntil(() => toasts(JOB_ID).length > 0, 'a toast')
      expect(document.title).toBe('● COMPLETED 3f2b8c1e · Jobscope')
      expect(notifications?.shown ?? []).toHaveLength(0)
    },
  )

  it('offers to allow notifications from the Watching list when they were never asked for', async () => {
    seedWatches([{ id: JOB_ID }])
    const notifications = notificationsStub()
    serveStatus(() => 'PROCESSING')
    const view = renderApp({ path: '/' })
    await view.user.click(await screen.findByRole('button', { name: /^Watching \(1\)/ }))
    expect(notifications.asks).toBe(0)

    await view.user.click(screen.getByRole('button', { name: 'Allow browser notifications' }))

    expect(notifications.asks).toBe(1)
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Allow browser notifications' })).toBeNull(),
    )
  })
})

describe('watched jobs that never end well', () => {
  it('a job no endpoint knows: tells once that it was not found, and stops asking', async () => {
    const notifications = notificationsStub({ permission: 'granted' })
    seedWatches([{ id: JOB_ID, kind: null, status: null }])
    const endpoint = serveJobs(() => HttpResponse.json({ message: 'nope' }, { status: 404 }))
    renderApp({ path: '/' })

    await advanceUntil(() => notifications.shown.length > 0, 'a notification')
    expect(notifications.shown[0]?.title).toBe('not found · job 3f2b8c1e')
    expect(notifications.shown[0]?.body).toContain(`Job ${JOB_ID} was not found`)
    expect(toasts(JOB_ID)).toHaveLength(1)
    expect(faviconHref()).toBe('/favicon-red.svg')

    endpoint.reset()
    await advanceTime(120_000)
    expect(endpoint.count).toBe(0)
    expect(notifications.shown).toHaveLength(1)
  })

  it(`a job whose lookups fail forever: tells once after ${FAILING_LIMIT} failed checks, and stops asking`, async () => {
    const notifications = notificationsStub({ permission: 'granted' })
    seedWatches([{ id: JOB_ID }])
    const endpoint = serveJobs(() => HttpResponse.text('Bad gateway', { status: 502 }))
    renderApp({ path: '/' })

    await advanceUntil(() => notifications.shown.length > 0, 'a notification', 600_000)
    expect(notifications.shown[0]?.title).toBe('lookups keep failing · job 3f2b8c1e')
    expect(notifications.shown[0]?.body).toContain(`last ${FAILING_LIMIT} lookups failed`)
    // Each check is a request and its three retries.
    expect(endpoint.count).toBe(FAILING_LIMIT * 4)

    endpoint.reset()
    await advanceTime(120_000)
    expect(endpoint.count).toBe(0)
    expect(notifications.shown).toHaveLength(1)
  }, 60_000)
})

describe('200 watched jobs', () => {
  it('polls them all through the one limiter (6 in flight at most), lists them, and refuses a 201st', async () => {
    const ids = Array.from({ length: WATCH_LIMIT }, (_, index) => nthId(index))
    seedWatches(ids.map((id) => ({ id })))
    let inFlight = 0
    let mostInFlight = 0
    const asked = new Set<string>()
    serveJobs(async ({ id }) => {
      if (id === JOB_ID) return HttpResponse.json(imageJob({ status: 'PROCESSING' }))
      asked.add(id)
      inFlight += 1
      mostInFlight = Math.max(mostInFlight, inFlight)
      await delay(20)
      inFlight -= 1
      return HttpResponse.json(imageJob({ id, status: 'PROCESSING' }))
    })
    const view = renderApp({ path: `/jobs/${JOB_ID}` })
    await screen.findByText('PROCESSING')

    await advanceUntil(() => asked.size === WATCH_LIMIT, 'every watched job asked', 120_000)
    expect(mostInFlight).toBeLessThanOrEqual(6)
    expect(mostInFlight).toBeGreaterThan(1)

    await view.user.click(screen.getByRole('button', { name: /^Watching \(200\)/ }))
    const list = screen.getByRole('list', { name: 'Jobs being watched' })
    expect(within(list).getAllByRole('listitem')).toHaveLength(WATCH_LIMIT)

    await view.user.click(screen.getByRole('button', { name: 'Notify me' }))
    expect(await screen.findByText(/1 job not watched: Jobscope follows at most 200/)).toBeVisible()
    expect(screen.getByRole('button', { name: 'Notify me' })).toHaveAttribute(
      'aria-pressed',
      'false',
    )
  }, 60_000)

  it('the job page and the watch of the same job share one request per poll', async () => {
    notificationsStub()
    let inFlight = 0
    let mostInFlight = 0
    const endpoint = serveJobs(async () => {
      inFlight += 1
      mostInFlight = Math.max(mostInFlight, inFlight)
      await delay(50)
      inFlight -= 1
      return HttpResponse.json(imageJob({ status: 'PROCESSING' }))
    })
    const view = renderApp({ path: `/jobs/${JOB_ID}` })
    await screen.findByText('PROCESSING')
    await view.user.click(await screen.findByRole('button', { name: 'Notify me' }))
    await screen.findByRole('button', { name: /^Watching \(1\)/ })

    endpoint.reset()
    await advanceTime(60_000, 250)
    // The policy allows about 18 polls in a minute of an unchanged status; two pollers would double it.
    expect(endpoint.count).toBeLessThanOrEqual(22)
    expect(mostInFlight).toBe(1)
  })
})

describe('watches kept in this browser', () => {
  it('survive a reload, and a job that ended meanwhile is told of at once', async () => {
    const notifications = notificationsStub()
    let status = 'PROCESSING'
    const { view } = await openJobAndWatch(() => status)
    await advanceTime(1_000)
    expect(localStorage.getItem(WATCH_STORAGE_KEY)).toContain(JOB_ID)
    view.close()

    // A new page: the stores read storage again; the job ended while the tab was closed.
    status = 'COMPLETED'
    renderApp({ path: '/' })

    await advanceUntil(() => notifications.shown.length > 0, 'a notification')
    expect(notifications.shown).toHaveLength(1)
    expect(notifications.shown[0]?.title).toBe('COMPLETED · job 3f2b8c1e')
  })

  it.each([
    ['corrupt JSON', '{bad'],
    ['a list of garbage', '{"version":1,"entries":[1,"x",{"id":"not-an-id"}]}'],
    ['entries that are not a list', '{"version":1,"entries":{}}'],
  ])('starts with an empty list when storage holds %s', async (_, stored) => {
    localStorage.setItem(WATCH_STORAGE_KEY, stored)
    notificationsStub()
    serveStatus(() => 'PROCESSING')
    const view = renderApp({ path: `/jobs/${JOB_ID}` })
    await screen.findByText('PROCESSING')
    expect(screen.queryByRole('button', { name: /^Watching/ })).not.toBeInTheDocument()

    await view.user.click(await screen.findByRole('button', { name: 'Notify me' }))

    await screen.findByRole('button', { name: /^Watching \(1\)/ })
    expect(console.error).not.toHaveBeenCalled()
  })

  it('keeps a bad entry from spoiling the good ones', async () => {
    localStorage.setItem(
      WATCH_STORAGE_KEY,
      JSON.stringify({
        version: 1,
        entries: [
          {
            id: JOB_ID,
            kind: 'images',
            notifyOn: 'end',
            addedAt: 1,
            status: null,
            endedAt: null,
            endReason: null,
          },
          { id: OTHER_JOB_ID, kind: 'telepathy', notifyOn: 'end' },
        ],
      }),
    )
    serveStatus(() => 'PROCESSING')
    renderApp({ path: '/' })
    expect(await screen.findByRole('button', { name: /^Watching \(1\)/ })).toBeInTheDocument()
  })

  it('storage full: watching still works for this tab, and the list says it is not saved', async () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    try {
      notificationsStub()
      const { view } = await openJobAndWatch(() => 'PROCESSING')
      await advanceTime(1_000)

      await view.user.click(screen.getByRole('button', { name: /^Watching \(1\)/ }))

      expect(screen.getByRole('region', { name: 'Watching' })).toHaveTextContent(
        'storage is full or blocked: the list is kept until this tab closes',
      )
    } finally {
      setItem.mockRestore()
    }
  })
})

describe('clocks that jump', () => {
  it('no crash, no burst of requests, and the end is still told once', async () => {
    const notifications = notificationsStub()
    let status = 'PROCESSING'
    let inFlight = 0
    let mostInFlight = 0
    const endpoint = serveJobs(async () => {
      inFlight += 1
      mostInFlight = Math.max(mostInFlight, inFlight)
      await delay(10)
      inFlight -= 1
      return HttpResponse.json(
        imageJob({ status, finished: status === 'COMPLETED' ? FINISHED : null }),
      )
    })
    const view = renderApp({ path: `/jobs/${JOB_ID}` })
    await screen.findByText('PROCESSING')
    await view.user.click(await screen.findByRole('button', { name: 'Notify me' }))
    await view.user.click(screen.getByRole('link', { name: 'Jobscope' }))
    endpoint.reset()

    vi.setSystemTime(Date.now() - 6 * 60 * 60_000)
    await advanceTime(20_000, 250)
    vi.setSystemTime(Date.now() + 3 * 24 * 60 * 60_000)
    await advanceTime(20_000, 250)
    // At most one request a second (the fastest the policy polls), whatever the clock says.
    expect(endpoint.count).toBeLessThanOrEqual(42)
    expect(mostInFlight).toBe(1)

    status = 'COMPLETED'
    await advanceUntil(() => notifications.shown.length > 0, 'a notification')
    await advanceTime(30_000)
    expect(notifications.shown).toHaveLength(1)
  })
})

describe('on the batch page', () => {
  it('a bell per unfinished row, and one toggle for every unfinished row', async () => {
    notificationsStub()
    serveJobs(({ id }) =>
      HttpResponse.json(
        imageJob({
          id,
          status: id === JOB_ID ? 'PROCESSING' : 'COMPLETED',
          finished: id === JOB_ID ? null : FINISHED,
        }),
      ),
    )
    const view = renderApp({ path: `/batch?ids=${JOB_ID},${OTHER_JOB_ID}` })
    const rowBell = await screen.findByRole('button', { name: `Notify me about ${JOB_ID}` })
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: `Notify me about ${OTHER_JOB_ID}` }),
      ).not.toBeInTheDocument(),
    )
    expect(rowBell).toHaveAttribute('aria-pressed', 'false')
    const all = screen.getByRole('button', { name: 'Notify me about all unfinished (1)' })

    await view.user.click(all)

    await waitFor(() => expect(all).toHaveAttribute('aria-pressed', 'true'))
    expect(rowBell).toHaveAttribute('aria-pressed', 'true')
    expect(await screen.findByRole('button', { name: /^Watching \(1\)/ })).toBeInTheDocument()

    await view.user.click(rowBell)
    expect(rowBell).toHaveAttribute('aria-pressed', 'false')
    expect(all).toHaveAttribute('aria-pressed', 'false')
  })
})
