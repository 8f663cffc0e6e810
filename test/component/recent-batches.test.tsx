// Issue 9, "Recent": a batch is remembered as one entry that leads back to it ("Batch of 30 · 28
// final"), the filter box over Recent, and "Clear all" that keeps pinned entries unless asked.
import { screen, waitFor, within } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import {
  RECENT_BATCHES_STORAGE_KEY,
  type RecentBatch,
} from '../../src/features/recent/recent-batches.ts'
import { batchKey } from '../../src/features/recent/recent-batch-entry.ts'
import { RECENT_STORAGE_KEY, type RecentLookup } from '../../src/features/recent/recent-lookups.ts'
import { renderApp } from './render-app.tsx'
import { JOB_ID, OTHER_JOB_ID, imageJob, serveJobs } from './support/server.ts'

/** A deterministic, valid v4 id for index n. */
const nthId = (n: number) => `${n.toString(16).padStart(8, '0')}-1a2b-4c3d-8e4f-000000000000`
const FINISHED = '2025-05-17T07:01:05.000Z'

// The stores write 250 ms after a change; let that land before setup.ts clears storage.
afterEach(async () => {
  await new Promise((resolve) => setTimeout(resolve, 300))
})

const recentRegion = () => screen.getByRole('region', { name: 'Recent' })
const recentLinks = () =>
  within(recentRegion())
    .queryAllByRole('link')
    .map((link) => link.textContent)

function lookup(id: string, overrides: Partial<RecentLookup> = {}): RecentLookup {
  const fields = {
    id,
    kind: 'images',
    status: 'COMPLETED',
    model: 'Flux.1 [dev]',
    lookedUpAt: Date.now() - 60_000,
    thumbnailUrl: null,
    pinned: false,
    ...overrides,
  }
  // As a list written before tabs merged them is read: changed when it was looked up.
  return { ...fields, changedAt: overrides.changedAt ?? fields.lookedUpAt }
}

function batch(ids: string[], overrides: Partial<RecentBatch> = {}): RecentBatch {
  const fields = {
    key: batchKey(ids),
    ids,
    total: ids.length,
    listToken: null,
    lookedUpAt: Date.now() - 120_000,
    pinned: false,
    final: ids.length,
    groups: [{ group: 'COMPLETED', count: ids.length }],
    kinds: ['images'],
    models: ['Flux.1 [dev]'],
    idKinds: '',
    ...overrides,
  }
  // As a list written before tabs merged them is read: changed when it was looked up.
  return { ...fields, changedAt: overrides.changedAt ?? fields.lookedUpAt }
}

function seed(lookups: RecentLookup[], batches: RecentBatch[]): void {
  localStorage.setItem(RECENT_STORAGE_KEY, JSON.stringify({ version: 1, entries: lookups }))
  localStorage.setItem(RECENT_BATCHES_STORAGE_KEY, JSON.stringify({ version: 1, entries: batches }))
}

describe('a batch in Recent', () => {
  it('is one entry, "Batch of 3 · 2 final", linking to the batch; its ids get no entries of their own', async () => {
    const ids = [nthId(1), nthId(2), nthId(3)]
    serveJobs(({ id }) =>
      HttpResponse.json(
        imageJob({
          id,
          status: id === ids[2] ? 'PROCESSING' : 'COMPLETED',
          finished: id === ids[2] ? null : FINISHED,
        }),
      ),
    )
    const view = renderApp({ path: `/batch?ids=${ids.join(',')}` })
    await waitFor(() =>
      expect(screen.getByRole('group', { name: 'Filter by status' })).toHaveTextContent(
        /2\s*COMPLETED/,
      ),
    )

    await view.user.click(screen.getByRole('link', { name: 'Jobscope' }))

    await screen.findByRole('region', { name: 'Recent' })
    expect(recentLinks()).toEqual(['Batch of 3 · 2 final'])
    const link = within(recentRegion()).getByRole('link', { name: 'Batch of 3 · 2 final' })
    // The link carries each id's kind (all images: "0" each), so reopening asks images only.
    expect(link).toHaveAttribute('href', `/batch?ids=${ids.join(',')}&kinds=000`)
    expect(link.closest('li')).toHaveTextContent('2 COMPLETED · 1 PROCESSING')

    await view.user.click(link)
    expect(view.currentPath()).toBe(`/batch?ids=${ids.join(',')}&kinds=000`)
  })

  it('keeps an earlier single lookup of one of its jobs current, without adding the others', async () => {
    seed([lookup(JOB_ID, { status: 'PROCESSING' })], [])
    serveJobs(({ id }) => HttpResponse.json(imageJob({ id, status: 'COMPLETED' })))
    const view = renderApp({ path: `/batch?ids=${JOB_ID},${OTHER_JOB_ID}` })
    await waitFor(() =>
      expect(screen.getByRole('group', { name: 'Filter by status' })).toHaveTextContent(
        /2\s*COMPLETED/,
      ),
    )

    await view.user.click(screen.getByRole('link', { name: 'Jobscope' }))

    expect(recentLinks()).toEqual(['Batch of 2 · 2 final', JOB_ID])
    const single = within(recentRegion()).getByRole('link', { name: JOB_ID }).closest('li')
    expect(single).toHaveTextContent('COMPLETED')
  })

  it('looking up the same list again updates its entry instead of adding one', async () => {
    const ids = [nthId(1), nthId(2)]
    seed([], [batch(ids, { final: 0, groups: [] })])
    serveJobs(({ id }) => HttpResponse.json(imageJob({ id, status: 'COMPLETED' })))
    const view = renderApp({ path: `/batch?ids=${ids.join(',')}` })
    await waitFor(() =>
      expect(screen.getByRole('group', { name: 'Filter by status' })).toHaveTextContent(
        /2\s*COMPLETED/,
      ),
    )
    await view.user.click(screen.getByRole('link', { name: 'Jobscope' }))
    expect(recentLinks()).toEqual(['Batch of 2 · 2 final'])
  })

  it('a list too long for a link leads back through this tab’s list, rebuilt when the tab lost it', async () => {
    const ids = Array.from({ length: 120 }, (_, index) => nthId(index))
    seed([], [batch(ids, { listToken: 'gone1234' })])
    serveJobs(({ id }) => HttpResponse.json(imageJob({ id, status: 'COMPLETED' })))
    const view = renderApp({ path: '/' })
    const link = within(recentRegion()).getByRole('link', { name: 'Batch of 120 · 120 final' })
    expect(link).toHaveAttribute('href', '/batch?list=gone1234')

    await view.user.click(link)

    expect(view.currentPath()).toMatch(/^\/batch\?list=[a-z0-9]+$/)
    expect(view.currentPath()).not.toBe('/batch?list=gone1234')
    expect(await screen.findByRole('heading', { name: /^120 jobs/ })).toBeInTheDocument()
    expect(screen.queryByText(/no longer available/)).not.toBeInTheDocument()
  })
})

describe('the filter over Recent', () => {
  const chatJob = lookup(OTHER_JOB_ID, {
    kind: 'chat',
    status: 'ERROR',
    model: 'Llama-3.1-8B-Instruct',
    lookedUpAt: Date.now() - 30_000,
  })
  const theBatch = batch([nthId(7), nthId(8)], {
    groups: [
      { group: 'COMPLETED', count: 1 },
      { group: 'not found', count: 1 },
    ],
  })

  it.each([
    ['an id fragment', JOB_ID.slice(0, 8), [JOB_ID]],
    ['an id inside a batch', nthId(8).slice(0, 8), ['Batch of 2 · 2 final']],
    ['a status, in any case', 'error', [OTHER_JOB_ID]],
    ['a kind', 'chat', [OTHER_JOB_ID]],
    ['a model', 'flux', [JOB_ID, 'Batch of 2 · 2 final']],
    ['"not found" in a batch', 'not found', ['Batch of 2 · 2 final']],
    ['two words, both matching', 'completed flux', [JOB_ID, 'Batch of 2 · 2 final']],
  ])('by %s', async (_, text, expected) => {
    seed([lookup(JOB_ID), chatJob], [theBatch])
    const view = renderApp({ path: '/' })
    expect(recentLinks()).toEqual([OTHER_JOB_ID, JOB_ID, 'Batch of 2 · 2 final'])

    await view.user.type(
      within(recentRegion()).getByRole('searchbox', { name: 'Filter recent' }),
      text,
    )

    expect(recentLinks()).toEqual(expected)
    expect(recentRegion()).toHaveTextContent(`Showing ${expected.length} of 3`)
  })

  it('says so when nothing matches', async () => {
    seed([lookup(JOB_ID)], [theBatch])
    const view = renderApp({ path: '/' })

    await view.user.type(screen.getByRole('searchbox', { name: 'Filter recent' }), 'zebra')

    expect(recentLinks()).toEqual([])
    expect(recentRegion()).toHaveTextContent('Nothing in Recent matches “zebra”.')
  })
})

describe('Clear all', () => {
  it('keeps pinned batches and jobs; "also pinned" clears them too; Undo restores', async () => {
    seed(
      [lookup(JOB_ID, { pinned: true }), lookup(OTHER_JOB_ID)],
      [batch([nthId(1), nthId(2)], { pinned: true }), batch([nthId(3)])],
    )
    const view = renderApp({ path: '/' })
    expect(recentLinks()).toEqual([
      JOB_ID,
      'Batch of 2 · 2 final',
      OTHER_JOB_ID,
      'Batch of 1 · 1 final',
    ])

    await view.user.click(screen.getByRole('button', { name: 'Clear all' }))

    expect(recentLinks()).toEqual([JOB_ID, 'Batch of 2 · 2 final'])
    expect(within(recentRegion()).getByRole('status')).toHaveTextContent(
      'Cleared 2 recent lookups; kept 2 pinned.',
    )
    // Only pinned ones left: "Clear all" alone would do nothing.
    expect(screen.getByRole('button', { name: 'Clear all' })).toBeDisabled()

    await view.user.click(screen.getByRole('checkbox', { name: 'also pinned' }))
    await view.user.click(screen.getByRole('button', { name: 'Clear all' }))
    expect(recentLinks()).toEqual([])

    await view.user.click(screen.getByRole('button', { name: 'Undo' }))
    expect(recentLinks()).toEqual([JOB_ID, 'Batch of 2 · 2 final'])
    expect(
      screen.getByRole('button', { name: `Unpin batch of 2 from ${nthId(1)}` }),
    ).toHaveAttribute('aria-pressed', 'true')
  })

  it('Undo right after a plain Clear all brings back every cleared entry', async () => {
    seed(
      [lookup(JOB_ID, { lookedUpAt: Date.now() - 2_000 }), lookup(OTHER_JOB_ID)],
      [batch([nthId(3)])],
    )
    const view = renderApp({ path: '/' })

    await view.user.click(screen.getByRole('button', { name: 'Clear all' }))
    expect(recentLinks()).toEqual([])
    expect(screen.queryByRole('checkbox', { name: 'also pinned' })).not.toBeInTheDocument()

    await view.user.click(screen.getByRole('button', { name: 'Undo' }))
    expect(recentLinks()).toEqual([JOB_ID, OTHER_JOB_ID, 'Batch of 1 · 1 final'])
  })
})

describe('stored batches', () => {
  it('pins and removes a batch, and the pin survives a reload', async () => {
    seed([lookup(JOB_ID, { lookedUpAt: Date.now() })], [batch([nthId(1), nthId(2)])])
    const view = renderApp({ path: '/' })
    expect(recentLinks()).toEqual([JOB_ID, 'Batch of 2 · 2 final'])

    await view.user.click(screen.getByRole('button', { name: `Pin batch of 2 from ${nthId(1)}` }))
    expect(recentLinks()).toEqual(['Batch of 2 · 2 final', JOB_ID])
    await waitFor(() =>
      expect(localStorage.getItem(RECENT_BATCHES_STORAGE_KEY)).toContain('"pinned":true'),
    )
    view.close()

    const again = renderApp({ path: '/' })
    expect(recentLinks()).toEqual(['Batch of 2 · 2 final', JOB_ID])
    await again.user.click(
      screen.getByRole('button', { name: `Remove batch of 2 from ${nthId(1)} from recent` }),
    )
    expect(recentLinks()).toEqual([JOB_ID])
  })

  it.each([
    ['corrupt JSON', '{bad'],
    ['entries that are not a list', '{"version":1,"entries":7}'],
    [
      'one bad batch among good ones',
      JSON.stringify({
        version: 1,
        entries: [{ key: 'x', ids: ['nope'] }, batch([nthId(5)])],
      }),
    ],
  ])(
    'shows the single lookups, and what batches it can read, when storage holds %s',
    (_, stored) => {
      localStorage.setItem(
        RECENT_STORAGE_KEY,
        JSON.stringify({ version: 1, entries: [lookup(JOB_ID)] }),
      )
      localStorage.setItem(RECENT_BATCHES_STORAGE_KEY, stored)

      renderApp({ path: '/' })

      expect(recentLinks().filter((text) => text !== 'Batch of 1 · 1 final')).toEqual([JOB_ID])
      expect(console.error).not.toHaveBeenCalled()
    },
  )
})
