// Issue 17, "Pasted tokens are shown as pasted": the batch box lists an invalid token exactly as it was
// pasted, and the list brings its invalid tokens back when it is reopened — from its link in another
// tab, or from Recent in a later session (this tab's storage gone).
import { screen, waitFor, within } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import { renderApp } from './render-app.tsx'
import { imageJob, serveJobs } from './support/server.ts'

const nthId = (n: number) => `${n.toString(16).padStart(8, '0')}-1a2b-4c3d-8e4f-000000000000`
const IDS = [nthId(1), nthId(2)]
/** `6d0e9f4a-…` with its first two digits typed as letters: 36 characters, not a hex id. */
const GLUED = 'zz0e9f4a-2b7c-4a18-a3e5-9f1c7b2d8e06'
/** A UUID of version 1: the right shape, not a job id. */
const NOT_V4 = '3f2b8c1e-7a4d-1e6f-9b1a-2c5d8e0f4a71'

// The stores write 250 ms after a change; let that land before setup.ts clears storage.
afterEach(async () => {
  await new Promise((resolve) => setTimeout(resolve, 300))
})

function serveCompleted() {
  serveJobs(({ id }) =>
    HttpResponse.json(
      imageJob({ id, status: 'COMPLETED', finished: '2025-05-17T07:01:05.000Z', results: [] }),
    ),
  )
}

/** The tokens the Job IDs box lists as invalid, once it lists any. */
async function listedTokens(): Promise<string[]> {
  const note = await screen.findByText(/token(s)? looked like ids but (is|are) invalid/)
  const region = note.closest<HTMLElement>('#batch-feedback')
  return within(region as HTMLElement)
    .getAllByRole('listitem')
    .map((item) => item.textContent ?? '')
}

/** Pastes a ticket's text with both ids and both invalid tokens, and looks them all up. */
async function pasteBatch() {
  const view = renderApp({ path: '/batch' })
  await view.user.click(await screen.findByRole('textbox', { name: 'Job IDs' }))
  await view.user.paste(`ticket 4411: ${IDS.join(' ')}\njob_id=${GLUED}; also ${NOT_V4}?`)
  await view.user.click(screen.getByRole('button', { name: 'Look up all' }))
  await waitFor(() =>
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('2 jobs · 2 final'),
  )
  return view
}

/** Another tab, or a later session: the app starts afresh and this tab's storage is gone. */
function leaveTab(view: { close: () => void }) {
  view.close()
  sessionStorage.clear()
}

describe('invalid tokens pasted with a batch', () => {
  it('are listed exactly as pasted, letters glued to the digits included', async () => {
    serveCompleted()
    await pasteBatch()
    expect(await listedTokens()).toEqual([GLUED, NOT_V4])
    expect(screen.getByText(/^Found 2 job ids\./)).toHaveTextContent(
      '2 tokens looked like ids but are invalid',
    )
  })

  it('come back when the batch’s link is opened in another tab', async () => {
    serveCompleted()
    const first = await pasteBatch()
    const path = first.currentPath() ?? ''
    expect(new URLSearchParams(path.split('?')[1]).get('ids')).toBe(IDS.join(','))
    leaveTab(first)

    renderApp({ path })
    expect(await listedTokens()).toEqual([GLUED, NOT_V4])
  })

  it('come back when the batch is reopened from Recent in a later session', async () => {
    serveCompleted()
    leaveTab(await pasteBatch())

    const home = renderApp({ path: '/' })
    const recent = await screen.findByRole('region', { name: 'Recent' })
    await home.user.click(await within(recent).findByRole('link', { name: /^Batch of 2/ }))
    expect(await listedTokens()).toEqual([GLUED, NOT_V4])
    expect(screen.getByRole('textbox', { name: 'Job IDs' })).toHaveValue(IDS.join('\n'))
  })

  it('are no longer listed once the same ids are pasted again without them', async () => {
    serveCompleted()
    const view = await pasteBatch()
    const box = screen.getByRole('textbox', { name: 'Job IDs' })
    await view.user.clear(box)
    await view.user.paste(IDS.join('\n'))
    await view.user.click(screen.getByRole('button', { name: 'Look up all' }))
    expect(new URLSearchParams(view.currentPath()?.split('?')[1]).get('invalid')).toBeNull()
    leaveTab(view)

    const home = renderApp({ path: '/' })
    const recent = await screen.findByRole('region', { name: 'Recent' })
    await home.user.click(await within(recent).findByRole('link', { name: /^Batch of 2/ }))
    expect(await screen.findByText('Found 2 job ids.')).toBeVisible()
    expect(screen.queryByRole('listitem')).not.toBeInTheDocument()
  })
})
