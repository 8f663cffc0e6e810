import { fireEvent, screen, within } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { renderApp } from './render-app.tsx'
import { type ApiImageResult, JOB_ID, imageJob, serveJobs } from './support/server.ts'

const RESULTS: ApiImageResult[] = [
  { url: 'https://cdn.example.com/fox.png', revised_prompt: 'A red fox in fresh snow' },
  { url: 'https://cdn.example.com/lighthouse.png', revised_prompt: 'A lighthouse at dusk' },
  { url: 'https://cdn.example.com/owl.png', revised_prompt: 'An owl on a birch branch' },
]

async function openGallery(results: ApiImageResult[] = RESULTS) {
  serveJobs(() =>
    HttpResponse.json(
      imageJob({ status: 'COMPLETED', finished: '2025-05-17T07:01:05.000Z', results }),
    ),
  )
  const view = renderApp({ path: `/jobs/${JOB_ID}` })
  await screen.findByText('COMPLETED')
  return view
}

async function openImage(view: Awaited<ReturnType<typeof openGallery>>, prompt: string) {
  await view.user.click(screen.getByRole('img', { name: prompt }))
  return screen.findByRole('dialog')
}

describe('image lightbox', () => {
  it('opens a modal dialog showing the clicked image', async () => {
    const view = await openGallery()
    const dialog = await openImage(view, 'A lighthouse at dusk')

    expect(dialog.tagName).toBe('DIALOG')
    expect(dialog).toHaveAttribute('open')
    expect(dialog).toHaveAccessibleName('Image 2 of 3')
    expect(within(dialog).getByText('Image 2 of 3')).toBeInTheDocument()
    expect(within(dialog).getByRole('img', { name: 'A lighthouse at dusk' })).toHaveAttribute(
      'src',
      'https://cdn.example.com/lighthouse.png',
    )
    // showModal() moves focus into the dialog; show() (non-modal) would leave it on the thumbnail
    expect(dialog).toContainElement(document.activeElement as HTMLElement)
  })

  it('moves between images with the arrow keys, wrapping around', async () => {
    const view = await openGallery()
    const dialog = await openImage(view, 'A red fox in fresh snow')

    await view.user.keyboard('{ArrowRight}')
    expect(within(dialog).getByText('Image 2 of 3')).toBeInTheDocument()
    expect(within(dialog).getByRole('img', { name: 'A lighthouse at dusk' })).toBeInTheDocument()

    await view.user.keyboard('{ArrowRight}{ArrowRight}')
    expect(within(dialog).getByText('Image 1 of 3')).toBeInTheDocument()

    await view.user.keyboard('{ArrowLeft}')
    expect(within(dialog).getByText('Image 3 of 3')).toBeInTheDocument()
    expect(
      within(dialog).getByRole('img', { name: 'An owl on a birch branch' }),
    ).toBeInTheDocument()
  })

  it('moves with the previous and next buttons', async () => {
    const view = await openGallery()
    const dialog = await openImage(view, 'A red fox in fresh snow')

    await view.user.click(within(dialog).getByRole('button', { name: /next image/i }))
    expect(within(dialog).getByText('Image 2 of 3')).toBeInTheDocument()
    await view.user.click(within(dialog).getByRole('button', { name: /previous image/i }))
    await view.user.click(within(dialog).getByRole('button', { name: /previous image/i }))
    expect(within(dialog).getByText('Image 3 of 3')).toBeInTheDocument()
  })

  it('closes on Escape and gives focus back to the thumbnail', async () => {
    const view = await openGallery()
    await openImage(view, 'A red fox in fresh snow')

    await view.user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: /open image 1 of 3/i })).toHaveFocus()
  })

  it('gives focus back to the card of the image last shown, not the one that opened it', async () => {
    const view = await openGallery()
    await openImage(view, 'A red fox in fresh snow')
    await view.user.keyboard('{ArrowRight}{ArrowRight}{Escape}')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: /open image 3 of 3/i })).toHaveFocus()
  })

  it('fits the image to the viewer, and shows it at actual size (1:1) on request', async () => {
    const view = await openGallery()
    const dialog = await openImage(view, 'A lighthouse at dusk')
    const image = within(dialog).getByRole('img', { name: 'A lighthouse at dusk' })
    const toggle = within(dialog).getByRole('button', { name: 'Actual size (1:1)' })
    expect(toggle).toHaveAttribute('aria-pressed', 'false')
    expect(image).toHaveClass('object-contain', 'size-full')

    await view.user.click(toggle)
    expect(toggle).toHaveAttribute('aria-pressed', 'true')
    expect(image).toHaveClass('max-w-none')
    expect(image).not.toHaveClass('size-full')
    // the choice holds while moving on
    await view.user.keyboard('{ArrowRight}')
    expect(within(dialog).getByRole('img', { name: 'An owl on a birch branch' })).toHaveClass(
      'max-w-none',
    )
  })

  it('closes with the Close button', async () => {
    const view = await openGallery()
    const dialog = await openImage(view, 'A red fox in fresh snow')

    await view.user.click(within(dialog).getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('links to the original in a new tab without an opener, and offers to copy the URL', async () => {
    const view = await openGallery()
    const dialog = await openImage(view, 'An owl on a birch branch')

    const original = within(dialog).getByRole('link', { name: /open original/i })
    expect(original).toHaveAttribute('href', 'https://cdn.example.com/owl.png')
    expect(original).toHaveAttribute('target', '_blank')
    expect(original.getAttribute('rel')?.split(/\s+/)).toContain('noopener')
    expect(within(dialog).getByRole('button', { name: /copy (image )?url/i })).toBeInTheDocument()
  })

  it('shows the revised prompt and says when an image in it is unavailable', async () => {
    const view = await openGallery()
    fireEvent.error(screen.getByRole('img', { name: 'A lighthouse at dusk' }))
    await view.user.click(screen.getByRole('img', { name: 'A red fox in fresh snow' }))
    const dialog = await screen.findByRole('dialog')

    expect(within(dialog).getByText('A red fox in fresh snow')).toBeInTheDocument()
    await view.user.keyboard('{ArrowRight}')
    expect(within(dialog).queryByRole('img')).not.toBeInTheDocument()
    expect(
      within(dialog).getByText(/image unavailable — the link may have expired/),
    ).toBeInTheDocument()
  })
})
