import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import { renderApp } from './render-app.tsx'
import { type ApiImageJob, JOB_ID, imageJob, serveJobs } from './support/server.ts'

function showJob(job: ApiImageJob) {
  const endpoint = serveJobs(() => HttpResponse.json(job))
  const view = renderApp({ path: `/jobs/${JOB_ID}` })
  return { ...view, endpoint }
}

/** The region that announces the status; the badge and hint must be inside it. */
function statusRegion(badge: HTMLElement): HTMLElement {
  const region = badge.closest<HTMLElement>('[aria-live]')
  if (region === null) throw new Error('the status badge is not inside an aria-live region')
  return region
}

/** The <dd> of a fact in the facts list, e.g. "Created". */
function fact(term: string): HTMLElement {
  const dt = screen.getByText(term, { selector: 'dt' })
  const dd = dt.nextElementSibling
  if (!(dd instanceof HTMLElement)) throw new Error(`no value for ${term}`)
  return dd
}

const COMPLETED_AT = '2025-05-17T07:01:05.000Z'

function completedJob(results: ApiImageJob['results']): ApiImageJob {
  return imageJob({ status: 'COMPLETED', finished: COMPLETED_AT, results })
}

describe('job status', () => {
  it.each([
    ['CREATED', /not queued/i],
    ['QUEUED', /waiting/i],
    ['POSTPONED', /delayed/i],
    ['ASSIGNED_CONNECTIONS', /worker/i],
    ['PROCESSING', /generating/i],
    ['COMPLETED', /done/i],
    ['ERROR', /failed/i],
    ['CANCELLED_BY_OPERATOR', /does not know/i],
  ])('shows %s as sent, with a hint, in a live region', async (status, hint) => {
    showJob(imageJob({ status, finished: status === 'COMPLETED' ? COMPLETED_AT : null }))

    const badge = await screen.findByText(status, { exact: true })
    const region = statusRegion(badge)
    expect(region).toHaveAttribute('aria-live', 'polite')
    expect(region).toHaveTextContent(hint)
  })

  it('says it is looking the job up before the first answer', async () => {
    showJob(imageJob())
    expect(screen.getByText(/looking up the job/i)).toBeInTheDocument()
    await screen.findByText('PROCESSING')
    expect(screen.queryByText(/looking up the job/i)).not.toBeInTheDocument()
  })

  it('puts the status in the document title and restores it on leaving', async () => {
    const view = showJob(imageJob({ status: 'PROCESSING' }))
    await screen.findByText('PROCESSING')
    expect(document.title).toBe('PROCESSING · Jobscope')

    view.unmount()
    // Reset once the unmount's commit is over (a next page's title would replace it in one write).
    await waitFor(() => expect(document.title).toBe('Jobscope'))
  })

  it('shows created and finished as <time> elements with ISO values, the duration and model', async () => {
    showJob(completedJob([]))
    await screen.findByText('COMPLETED')

    expect(fact('Created').querySelector('time')).toHaveAttribute(
      'datetime',
      '2025-05-17T07:00:00.000Z',
    )
    expect(fact('Finished').querySelector('time')).toHaveAttribute('datetime', COMPLETED_AT)
    expect(fact('Duration')).toHaveTextContent('1 min 05 s')
    expect(fact('Model')).toHaveTextContent('Flux.1 [dev]')
  })

  it('reads epoch-second times and says when a running job has not finished', async () => {
    showJob(imageJob({ status: 'PROCESSING', created: 1747465224, finished: null }))
    await screen.findByText('PROCESSING')

    expect(fact('Created').querySelector('time')).toHaveAttribute(
      'datetime',
      '2025-05-17T07:00:24.000Z',
    )
    expect(fact('Finished')).toHaveTextContent(/not finished yet/i)
    expect(fact('Duration')).toHaveTextContent(/so far/i)
  })

  it('keeps the raw JSON collapsed in a disclosure with a copy button', async () => {
    showJob(completedJob([]))
    await screen.findByText('COMPLETED')

    const summary = screen.getByText(/raw response \(json\)/i)
    const details = summary.closest('details')
    expect(details).not.toBeNull()
    expect(details).not.toHaveAttribute('open')
    expect(details).toHaveTextContent(`"id": "${JOB_ID}"`)
    expect(
      within(details as HTMLElement).getByRole('button', { name: /copy raw json/i }),
    ).toBeInTheDocument()
  })

  describe('copying', () => {
    const secure = Object.getOwnPropertyDescriptor(window, 'isSecureContext')
    afterEach(() => {
      if (secure) Object.defineProperty(window, 'isSecureContext', secure)
      else Reflect.deleteProperty(window, 'isSecureContext')
    })

    it('copies the raw JSON to the clipboard', async () => {
      // jsdom is never a secure context; the app then uses the Clipboard API (user-event's stub).
      Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true })
      const view = showJob(completedJob([]))
      await screen.findByText('COMPLETED')

      await view.user.click(screen.getByRole('button', { name: /copy raw json/i }))
      const copied: unknown = JSON.parse(await navigator.clipboard.readText())
      expect(copied).toEqual(completedJob([]))
      expect(await screen.findByText('Copied')).toBeInTheDocument()
    })
  })
})

describe('results gallery', () => {
  it('shows every image lazily, with the revised prompt as alt text and as visible text', async () => {
    showJob(
      completedJob([
        { url: 'https://cdn.example.com/a.png', revised_prompt: 'A red fox in fresh snow' },
        { url: 'https://cdn.example.com/b.png', revised_prompt: 'A lighthouse at dusk' },
      ]),
    )
    await screen.findByText('COMPLETED')

    const results = screen.getByRole('region', { name: /results/i })
    const images = within(results).getAllByRole('img')
    expect(images).toHaveLength(2)
    expect(images[0]).toHaveAttribute('alt', 'A red fox in fresh snow')
    expect(images[0]).toHaveAttribute('src', 'https://cdn.example.com/a.png')
    expect(images[1]).toHaveAttribute('alt', 'A lighthouse at dusk')
    // The first image is the answer: fetched at once, at high priority; the others lazily.
    expect(images[0]).toHaveAttribute('loading', 'eager')
    expect(images[0]).toHaveAttribute('fetchpriority', 'high')
    for (const image of images.slice(1)) expect(image).toHaveAttribute('loading', 'lazy')
    expect(within(results).getByText('A red fox in fresh snow')).toBeVisible()
    expect(within(results).getByText('A lighthouse at dusk')).toBeVisible()
  })

  it.each([
    ['missing', undefined],
    ['null', null],
    ['blank', '   '],
  ])('gives an image whose prompt is %s an alt that says which image it is', async (_c, prompt) => {
    showJob(
      completedJob([
        { url: 'https://cdn.example.com/a.png', revised_prompt: 'A red fox' },
        { url: 'https://cdn.example.com/b.png', revised_prompt: prompt },
      ]),
    )
    await screen.findByText('COMPLETED')

    const images = screen.getAllByRole('img')
    expect(images[1]).toHaveAttribute('alt', expect.stringMatching(/image 2 of 2/i))
    expect(screen.getByText(/no revised prompt/i)).toBeInTheDocument()
  })

  it.each([
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['data:', 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4='],
    ['relative', '/images/result-1.png'],
    ['protocol-relative', '//evil.example.com/x.png'],
  ])(
    'never renders a %s URL as an image or link, but shows it as text with a warning',
    async (_c, url) => {
      showJob(
        completedJob([
          { url, revised_prompt: 'Unsafe one' },
          { url: 'https://cdn.example.com/ok.png', revised_prompt: 'Safe one' },
        ]),
      )
      await screen.findByText('COMPLETED')

      const images = screen.getAllByRole('img')
      expect(images.map((image) => image.getAttribute('src'))).toEqual([
        'https://cdn.example.com/ok.png',
      ])
      for (const element of document.querySelectorAll('[href], [src]')) {
        expect(element.getAttribute('href')).not.toBe(url)
        expect(element.getAttribute('src')).not.toBe(url)
      }
      expect(screen.getByText(url, { selector: 'code' })).toBeInTheDocument()
      expect(screen.getByText(/image not shown/i)).toBeInTheDocument()
    },
  )

  it('says an image that fails to load may have expired', async () => {
    showJob(completedJob([{ url: 'https://cdn.example.com/gone.png', revised_prompt: 'Gone fox' }]))
    await screen.findByText('COMPLETED')

    fireEvent.error(screen.getByRole('img', { name: 'Gone fox' }))

    expect(screen.getByText('image unavailable — the link may have expired')).toBeInTheDocument()
    expect(screen.queryByRole('img', { name: 'Gone fox' })).not.toBeInTheDocument()
    expect(screen.getByRole('link', { name: /try the original link/i })).toHaveAttribute(
      'href',
      'https://cdn.example.com/gone.png',
    )
  })

  it('renders HTML in a revised prompt as text, injecting no element', async () => {
    const prompt = '<img src=x onerror="window.__pwned=1"><b>bold</b><script>alert(1)</script>'
    showJob(completedJob([{ url: 'https://cdn.example.com/a.png', revised_prompt: prompt }]))
    await screen.findByText('COMPLETED')

    const results = screen.getByRole('region', { name: /results/i })
    expect(within(results).getByText(prompt)).toBeInTheDocument()
    expect(within(results).getAllByRole('img')).toHaveLength(1)
    expect(results.querySelector('b, script, img[src="x"]')).toBeNull()
  })

  it('says a completed job without results returned no images', async () => {
    showJob(completedJob(null))
    await screen.findByText('COMPLETED')
    expect(screen.getByText(/completed but the api returned no images/i)).toBeInTheDocument()
  })
})
