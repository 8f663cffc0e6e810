// Issue 17: where a job has no image — chat, speech, not finished — Recent and the batch show its
// kind's icon, not an empty square; the icon comes with the kind's definition, so a new kind brings
// its own.
import { render, screen, waitFor, within } from '@testing-library/react'
import { Clapperboard } from 'lucide-react'
import { HttpResponse, http } from 'msw'
import { describe, expect, it } from 'vitest'
import { RECENT_STORAGE_KEY, type RecentLookup } from '../../src/features/recent/recent-lookups.ts'
import { KindIcon } from '../../src/kinds/kind-list-view.tsx'
import { BUILT_IN_KINDS } from '../../src/kinds/registry.ts'
import type { JobKindEntry } from '../../src/kinds/kind.ts'
import { renderApp } from './render-app.tsx'
import { resultUrl, server } from './support/server.ts'

const IMAGE = '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71'
const CHAT = 'a9c41d27-5e8b-4f30-8d6c-1b7e2f9a0c53'
const SPEECH = '6d0e9f4a-2b7c-4a18-a3e5-9f1c7b2d8e06'
const RUNNING = 'c0ffee00-1234-4abc-bdef-0123456789ab'

function entry(id: string, kind: RecentLookup['kind'], thumbnailUrl: string | null): RecentLookup {
  const lookedUpAt = Date.now() - 60_000
  return {
    id,
    kind,
    status: 'COMPLETED',
    model: null,
    lookedUpAt,
    thumbnailUrl,
    pinned: false,
    changedAt: lookedUpAt,
  }
}

/** The class lucide gives each icon ("lucide-message-square-text"), or null for none. */
function iconIn(element: HTMLElement): string | null {
  const svg = element.querySelector('svg')
  return svg === null
    ? null
    : ([...svg.classList].find((name) => /^lucide-(?!icon$)/.test(name)) ?? '')
}

describe('kind icons', () => {
  it('stand for chat, speech and an image job without a picture in Recent; a picture stays a picture', async () => {
    localStorage.setItem(
      RECENT_STORAGE_KEY,
      JSON.stringify({
        version: 1,
        entries: [
          entry(IMAGE, 'images', 'https://img.example/fox.png'),
          entry(CHAT, 'chat', null),
          entry(SPEECH, 'speech', null),
          entry(RUNNING, 'images', null),
        ],
      }),
    )
    renderApp({ path: '/' })
    const recent = await screen.findByRole('region', { name: 'Recent' })
    const item = (id: string) => {
      const li = within(recent).getByRole('link', { name: id }).closest('li')
      if (li === null) throw new Error(`${id} is not listed`)
      return li
    }
    await within(item(CHAT)).findByText('Chat') // the registry is here
    await waitFor(() =>
      expect(item(IMAGE).querySelector('img')).toHaveAttribute(
        'src',
        'https://img.example/fox.png',
      ),
    )
    await waitFor(() =>
      expect([CHAT, SPEECH, RUNNING].map((id) => iconIn(item(id)))).toEqual([
        'lucide-message-square-text',
        'lucide-audio-lines',
        'lucide-image',
      ]),
    )
    for (const id of [CHAT, SPEECH, RUNNING]) expect(item(id).querySelector('img')).toBeNull()
  })

  it('stand in the batch’s preview cell for a job with no results yet', async () => {
    server.use(
      http.post(resultUrl('images'), () =>
        HttpResponse.json({ id: RUNNING, status: 'PROCESSING', created: null, results: [] }),
      ),
      http.post(resultUrl('chat'), () =>
        HttpResponse.json({ message: 'Job not found' }, { status: 404 }),
      ),
      http.post(resultUrl('speech'), () =>
        HttpResponse.json({ message: 'Job not found' }, { status: 404 }),
      ),
    )
    renderApp({ path: `/batch?ids=${RUNNING}` })
    const row = await screen.findByRole('row', { name: new RegExp(RUNNING) })
    await within(row).findByText('PROCESSING')
    const cells = within(row).getAllByRole('cell')
    const preview = cells.at(-1) as HTMLElement
    await waitFor(() => expect(iconIn(preview)).toBe('lucide-image'))
  })

  it('is the one a kind’s definition brings: a fourth kind shows its own', async () => {
    const images = BUILT_IN_KINDS.entry('images') as JobKindEntry
    const video: JobKindEntry = {
      ...images,
      name: 'video',
      listView: () => Promise.resolve({ PreviewCell: () => null, Icon: Clapperboard }),
    }
    const { container } = render(<KindIcon entry={video} />)
    await waitFor(() => expect(iconIn(container)).toBe('lucide-clapperboard'))
    expect(container.querySelector('[data-kind-icon]')).toHaveAttribute('data-kind-icon', 'video')
  })
})
