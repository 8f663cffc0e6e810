// The speech results as a support person uses them: the browser's own player per audio file, its
// length once known, the original to open or copy, a plain sentence when a link has expired, and
// unsafe URLs kept as text. jsdom has no media: the tests fire the player's events themselves.
import { fireEvent, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { HttpResponse } from 'msw'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import SpeechResults from '../../src/kinds/speech/SpeechResults.tsx'
import { renderApp } from './render-app.tsx'
import { type ApiSpeechJob, parsedSpeech, speechJob } from './support/kind-fixtures.ts'
import { JOB_ID, serveJobs } from './support/server.ts'

const FIRST = 'https://cdn.example.com/speech/1.wav'
const SECOND = 'https://cdn.example.com/speech/2.wav'

function showResults(urls: ReadonlyArray<string | null>) {
  const user = userEvent.setup()
  const job = parsedSpeech(speechJob({ results: urls.map((url) => ({ url })) }))
  return { ...render(<SpeechResults job={job} />), user }
}

/** The player of "Audio n of m", by its accessible name. */
function player(name: string): HTMLAudioElement {
  const element = document.querySelector<HTMLAudioElement>(`audio[aria-label="${name}"]`)
  if (element === null) throw new Error(`no player named ${name}`)
  return element
}

function row(position: number): HTMLElement {
  const found = screen.getAllByRole('listitem')[position]
  if (found === undefined) throw new Error(`no row ${position}`)
  return found
}

/** What the browser does once it has read the file's header. */
function loadMetadata(audio: HTMLAudioElement, seconds: number) {
  Object.defineProperty(audio, 'duration', { value: seconds, configurable: true })
  fireEvent.loadedMetadata(audio)
}

const secure = Object.getOwnPropertyDescriptor(window, 'isSecureContext')
beforeEach(() => {
  Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true })
})
afterEach(() => {
  if (secure) Object.defineProperty(window, 'isSecureContext', secure)
  else Reflect.deleteProperty(window, 'isSecureContext')
})

describe('speech results', () => {
  it('gives each safe result a native player with its URL, controls and preload="metadata"', () => {
    const { container } = showResults([FIRST, SECOND])
    const players = container.querySelectorAll('audio')
    expect(players).toHaveLength(2)
    expect(player('Audio 1 of 2')).toHaveAttribute('src', FIRST)
    expect(player('Audio 2 of 2')).toHaveAttribute('src', SECOND)
    for (const audio of players) {
      expect(audio).toHaveAttribute('controls')
      expect(audio).toHaveAttribute('preload', 'metadata')
    }
    expect(row(0)).toHaveTextContent('Audio 1 of 2')
  })

  it('shows the length once the metadata has loaded: tenths of a second for short clips', () => {
    showResults([FIRST, SECOND])
    expect(row(0)).toHaveTextContent('Duration not known yet')

    loadMetadata(player('Audio 1 of 2'), 2.4)
    expect(row(0)).toHaveTextContent('Duration 2.4 s')
    expect(row(1)).toHaveTextContent('Duration not known yet')

    loadMetadata(player('Audio 2 of 2'), 125)
    expect(row(1)).toHaveTextContent('Duration 2 min 05 s')
  })

  it('says a stream has no length to give', () => {
    showResults([FIRST])
    loadMetadata(player('Audio 1 of 1'), Number.POSITIVE_INFINITY)
    expect(row(0)).toHaveTextContent('Duration unknown (a stream)')
  })

  it('offers the original in a new tab without the referrer, and copies its URL', async () => {
    const { user } = showResults([FIRST, SECOND])
    const link = within(row(1)).getByRole('link', { name: /open original/i })
    expect(link).toHaveAccessibleName('Open original of audio 2 (opens in a new tab)')
    expect(link).toHaveAttribute('href', SECOND)
    expect(link).toHaveAttribute('target', '_blank')
    expect(link).toHaveAttribute('rel', 'noopener noreferrer')

    await user.click(within(row(1)).getByRole('button', { name: 'Copy URL of audio 2' }))
    expect(await navigator.clipboard.readText()).toBe(SECOND)
  })

  it('says the audio is unavailable when it fails to load, with a link to try the original', () => {
    showResults([FIRST, SECOND])
    fireEvent.error(player('Audio 1 of 2'))

    expect(row(0)).toHaveTextContent('audio unavailable — the link may have expired')
    expect(row(0).querySelector('audio')).toBeNull()
    const retry = within(row(0)).getByRole('link', { name: /try the original link/i })
    expect(retry).toHaveAttribute('href', FIRST)
    expect(retry).toHaveAttribute('rel', 'noopener noreferrer')
    expect(within(row(0)).getByRole('button', { name: 'Copy URL of audio 1' })).toBeInTheDocument()
    // The other file is not affected.
    expect(row(1)).not.toHaveTextContent('audio unavailable')
    expect(player('Audio 2 of 2')).toHaveAttribute('src', SECOND)
  })

  it('keeps unsafe URLs as text with the reason: never a src or an href', async () => {
    const unsafe = [
      'javascript:alert(1)',
      'data:audio/wav;base64,UklGRiQAAABXQVZF',
      '/audio/relative.wav',
      'http://',
    ]
    const { container, user } = showResults([FIRST, ...unsafe, null])
    expect(container.querySelectorAll('audio')).toHaveLength(1)
    expect(
      within(row(1)).getByText('javascript:alert(1)', { selector: 'code' }),
    ).toBeInTheDocument()
    expect(row(1)).toHaveTextContent('Audio 2 of 6: not played')
    expect(row(1)).toHaveTextContent('A javascript: URL is never opened')
    expect(row(2)).toHaveTextContent('A data: URL is never opened')
    expect(row(3)).toHaveTextContent('Not an absolute URL')
    expect(row(4)).toHaveTextContent('Not an absolute URL')
    expect(row(5)).toHaveTextContent('The API sent no URL for this result.')
    expect(row(5)).toHaveTextContent('(no URL)')
    for (const element of container.querySelectorAll('[src], [href]')) {
      const value = element.getAttribute('src') ?? element.getAttribute('href') ?? ''
      expect(value).toBe(FIRST)
    }

    // The text may be copied for a ticket; it is never opened.
    await user.click(within(row(1)).getByRole('button', { name: 'Copy URL of audio 2' }))
    expect(await navigator.clipboard.readText()).toBe('javascript:alert(1)')
    expect(within(row(5)).queryByRole('button', { name: /copy url/i })).not.toBeInTheDocument()
  })

  it('starts over (not failed) when a result gets a new URL on a later poll', () => {
    const first = parsedSpeech(speechJob({ results: [{ url: FIRST }] }))
    const view = render(<SpeechResults job={first} />)
    fireEvent.error(player('Audio 1 of 1'))
    expect(row(0)).toHaveTextContent('audio unavailable')

    view.rerender(<SpeechResults job={parsedSpeech(speechJob({ results: [{ url: SECOND }] }))} />)
    expect(row(0)).not.toHaveTextContent('audio unavailable')
    expect(player('Audio 1 of 1')).toHaveAttribute('src', SECOND)
  })
})

describe('a speech job through the whole app', () => {
  function showSpeechJob(body: ApiSpeechJob, path = `/jobs/${JOB_ID}?kind=speech`) {
    const endpoint = serveJobs(() => HttpResponse.json(body), 'speech')
    return { ...renderApp({ path }), endpoint }
  }

  it('shows Speech beside the status and one player per audio file', async () => {
    const view = showSpeechJob(speechJob())
    const badge = await screen.findByText('COMPLETED')
    expect(badge.closest('[aria-live]')).toHaveTextContent('Kind: Speech')
    const results = screen.getByRole('region', { name: /results/i })
    expect(within(results).getByRole('heading', { name: 'Results (2)' })).toBeInTheDocument()
    // The view is a lazy chunk: it appears once loaded.
    expect(await within(results).findByText('Audio 1 of 2')).toBeInTheDocument()
    expect(player('Audio 1 of 2')).toHaveAttribute('src', FIRST)
    expect(player('Audio 2 of 2')).toHaveAttribute('src', SECOND)
    expect(view.endpoint.ids).toEqual([JOB_ID])

    loadMetadata(player('Audio 2 of 2'), 3)
    expect(within(results).getAllByRole('listitem')[1]).toHaveTextContent('Duration 3.0 s')
    fireEvent.error(player('Audio 1 of 2'))
    expect(within(results).getAllByRole('listitem')[0]).toHaveTextContent(
      'audio unavailable — the link may have expired',
    )
  })

  it('says there is no audio yet for a pending job', async () => {
    showSpeechJob(speechJob({ status: 'PROCESSING', finished: null, results: [] }))
    await screen.findByText('PROCESSING')
    expect(screen.getByText('Generating audio.', { exact: false })).toBeInTheDocument()
    expect(
      screen.getByText('No audio yet: it appears here when the job completes.'),
    ).toBeInTheDocument()
    expect(document.querySelector('audio')).toBeNull()
  })
})
