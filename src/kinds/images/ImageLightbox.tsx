// A larger view of one result: a native modal <dialog> (focus trap, Escape, role="dialog" for free),
// arrow keys to move between images, and links to open or copy the original.
import {
  ChevronLeft,
  ChevronRight,
  ExternalLink,
  ImageOff,
  Maximize2,
  Minimize2,
  X,
} from 'lucide-react'
import { type KeyboardEvent, useEffect, useRef, useState } from 'react'
import type { ImageResult } from './image-job.ts'
import { CopyButton } from '../../components/CopyButton.tsx'
import {
  TEXT_DISPLAY_LIMIT,
  URL_PREVIEW_CHARS,
  cutText,
  omittedNote,
  shortText,
} from '../../lib/text-cut.ts'
import { altText } from './result-alt-text.ts'

interface ImageLightboxProps {
  results: readonly ImageResult[]
  index: number
  failed: ReadonlySet<number>
  onIndexChange: (index: number) => void
  onClose: () => void
}

export default function ImageLightbox({
  results,
  index,
  failed,
  onIndexChange,
  onClose,
}: ImageLightboxProps) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  // Fit to the viewer by default; 1:1 shows every pixel, scrolling when larger.
  const [actualSize, setActualSize] = useState(false)
  const total = results.length
  const result = results[index]

  // No close() in a cleanup: it would fire `close` (and so onClose) when StrictMode re-runs effects.
  // Removing the element on unmount takes it out of the top layer anyway.
  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])

  // Closing through the element (not by unmounting) lets the browser return focus to the thumbnail.
  const close = () => dialogRef.current?.close()

  if (result === undefined) return null
  const move = (step: number) => onIndexChange((index + step + total) % total)
  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key === 'ArrowRight') {
      event.preventDefault()
      move(1)
    } else if (event.key === 'ArrowLeft') {
      event.preventDefault()
      move(-1)
    }
  }
  const prompt = cutText(result.revisedPrompt?.trim() ?? '', TEXT_DISPLAY_LIMIT)

  return (
    <dialog
      ref={dialogRef}
      aria-label={`Image ${index + 1} of ${total}`}
      onClose={onClose}
      onKeyDown={onKeyDown}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself.
        if (event.target === event.currentTarget) close()
      }}
      // The viewer takes the whole viewport (less a margin): the image is scaled to fit it.
      className="m-auto h-[95dvh] max-h-none w-[95vw] max-w-none overflow-hidden rounded-xl bg-white p-0 text-zinc-900 shadow-2xl backdrop:bg-black/70 open:flex open:flex-col dark:bg-zinc-900 dark:text-zinc-100"
    >
      <div className="flex shrink-0 flex-wrap items-center justify-between gap-2 border-b border-zinc-200 px-4 py-2 dark:border-zinc-700">
        <p className="text-sm font-medium tabular-nums">
          Image {index + 1} of {total}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          {result.url.safe && !failed.has(index) && (
            <button
              type="button"
              className="btn-secondary"
              aria-pressed={actualSize}
              title={actualSize ? 'Scale the image to fit the screen' : 'Show every pixel (1:1)'}
              onClick={() => setActualSize((value) => !value)}
            >
              {actualSize ? (
                <Minimize2 aria-hidden="true" className="size-4" />
              ) : (
                <Maximize2 aria-hidden="true" className="size-4" />
              )}
              Actual size (1:1)
            </button>
          )}
          {result.url.safe && (
            <>
              <a
                className="btn-secondary"
                href={result.url.href}
                target="_blank"
                rel="noopener noreferrer"
              >
                <ExternalLink aria-hidden="true" className="size-4" />
                Open original
              </a>
              <CopyButton text={result.url.href} label="Copy image URL">
                Copy URL
              </CopyButton>
            </>
          )}
          <button type="button" className="btn-secondary" onClick={close} aria-label="Close">
            <X aria-hidden="true" className="size-4" />
          </button>
        </div>
      </div>
      <div className="relative min-h-0 flex-1 bg-zinc-950">
        {result.url.safe && !failed.has(index) ? (
          <div
            className={`size-full ${actualSize ? 'overflow-auto' : 'flex items-center justify-center'}`}
          >
            <img
              src={result.url.href}
              alt={altText(result, index, total)}
              referrerPolicy="no-referrer"
              className={actualSize ? 'm-auto max-w-none' : 'size-full object-contain'}
            />
          </div>
        ) : (
          <p className="flex size-full flex-col items-center justify-center gap-2 p-6 text-center text-zinc-100">
            <ImageOff aria-hidden="true" className="size-8" />
            {result.url.safe ? 'image unavailable — the link may have expired' : result.url.reason}
          </p>
        )}
        {total > 1 && (
          <>
            <button
              type="button"
              className="btn-overlay left-2"
              onClick={() => move(-1)}
              aria-label="Previous image"
            >
              <ChevronLeft aria-hidden="true" className="size-6" />
            </button>
            <button
              type="button"
              className="btn-overlay right-2"
              onClick={() => move(1)}
              aria-label="Next image"
            >
              <ChevronRight aria-hidden="true" className="size-6" />
            </button>
          </>
        )}
      </div>
      <div className="max-h-[20vh] shrink-0 overflow-auto px-4 py-3 text-sm leading-relaxed">
        <p className="text-muted text-xs font-medium uppercase">Revised prompt</p>
        <p className="break-words whitespace-pre-wrap" dir="auto">
          {prompt.text === '' ? 'No revised prompt.' : prompt.text}
        </p>
        {prompt.omitted > 0 && <p className="text-xs">{omittedNote(prompt.omitted)}</p>}
        {!result.url.safe && (
          <code className="mt-2 block break-all text-xs">
            {shortText(result.url.raw, URL_PREVIEW_CHARS)}
          </code>
        )}
      </div>
    </dialog>
  )
}
