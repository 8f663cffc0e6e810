// App-wide keys: "/" jumps to the Job ID box, "?" lists the shortcuts, Esc closes the list.
import { screen, within } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { renderApp } from './render-app.tsx'
import { JOB_ID, imageJob, serveJobs } from './support/server.ts'

async function renderJobPage() {
  serveJobs(() =>
    HttpResponse.json(imageJob({ status: 'COMPLETED', finished: '2025-05-17T07:01:05.000Z' })),
  )
  const view = renderApp({ path: `/jobs/${JOB_ID}` })
  await screen.findByText('COMPLETED')
  return view
}

describe('"/" focuses the Job ID box', () => {
  it('on a job page: the header box', async () => {
    const view = await renderJobPage()
    const box = screen.getByRole('textbox', { name: 'Job ID' })
    expect(box.closest('header')).not.toBeNull()
    expect(box).not.toHaveFocus()

    await view.user.keyboard('/')

    expect(box).toHaveFocus()
    expect(box).toHaveValue('')
  })

  it('on the home page: the big box', async () => {
    const view = renderApp({ path: '/' })
    const box = screen.getByRole('textbox', { name: 'Job ID' })
    expect(box.closest('main')).not.toBeNull()

    await view.user.keyboard('/')

    expect(box).toHaveFocus()
    expect(box).toHaveValue('')
  })

  it('on the batch page: the Job IDs box', async () => {
    const view = renderApp({ path: '/batch' })
    const box = await screen.findByRole('textbox', { name: 'Job IDs' })

    await view.user.keyboard('/')

    expect(box).toHaveFocus()
    expect(box).toHaveValue('')
  })

  it('not with Ctrl held (a browser shortcut)', async () => {
    const view = renderApp({ path: '/' })
    const box = screen.getByRole('textbox', { name: 'Job ID' })

    await view.user.keyboard('{Control>}/{/Control}')

    expect(box).not.toHaveFocus()
  })
})

describe('typing a slash or question mark where text goes', () => {
  it.each([
    ['the home Job ID box', '/', 'Job ID'],
    ['the batch Job IDs box', '/batch', 'Job IDs'],
  ])('types them into %s', async (_, path, label) => {
    const view = renderApp({ path })
    const box = await screen.findByRole('textbox', { name: label })

    await view.user.click(box)
    await view.user.keyboard('https://x/jobs/a?b')

    expect(box).toHaveValue('https://x/jobs/a?b')
    expect(box).toHaveFocus()
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('types them into the header box on a job page', async () => {
    const view = await renderJobPage()
    const box = screen.getByRole('textbox', { name: 'Job ID' })

    await view.user.click(box)
    await view.user.keyboard('a/b?c')

    expect(box).toHaveValue('a/b?c')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })
})

describe('"?" lists the shortcuts', () => {
  it('opens a dialog named "Keyboard shortcuts" that lists "/"', async () => {
    const view = renderApp({ path: '/' })

    await view.user.keyboard('?')

    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    expect(dialog).toHaveAttribute('open')
    const slash = within(dialog).getByText('/', { selector: 'kbd' })
    expect(slash.closest('dt')?.nextElementSibling).toHaveTextContent('Focus the Job ID box')
    expect(within(dialog).getByText('?', { selector: 'kbd' })).toBeInTheDocument()
  })

  it('closes with Escape, giving focus back', async () => {
    const view = renderApp({ path: '/' })
    await view.user.keyboard('?')
    expect(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument()

    await view.user.keyboard('{Escape}')

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(document.body).toHaveFocus()
  })

  it('opens from the header button too, and closes with its Close button', async () => {
    const view = await renderJobPage()
    const opener = screen.getByRole('button', { name: 'Keyboard shortcuts' })

    await view.user.click(opener)
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    await view.user.click(within(dialog).getByRole('button', { name: 'Close' }))

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(opener).toHaveFocus()
  })
})
