// Every result image with the prompt the model actually used. Unsafe URLs stay inert text; an image
// that fails to load says so instead of showing a broken icon.
import { ImageOff, ShieldAlert } from 'lucide-react'
import { lazy, memo, Suspense, useCallback, useMemo, useRef, useState } from 'react'
import type { ImageJob, ImageResult } from './image-job.ts'
import { ClampedText } from '../../components/ClampedText.tsx'
import { URL_PREVIEW_CHARS, shortText } from '../../lib/text-cut.ts'
import { altText } from './result-alt-text.ts'

const ImageLightbox = lazy(() => import('./ImageLightbox.tsx'))

/** The results section of an image job: the gallery, with the lightbox on demand. */
export function ImageResults({ job }: { job: ImageJob }) {
  return <ImageGallery results={job.results} />
}

// Memoised on the results array: polls of a pending job re-render the page every second.
const ImageGallery = memo(function ImageGallery({ results }: { results: readonly ImageResult[] }) {
  const [openIndex, setOpenIndex] = useState<number | null>(null)
  const [failed, setFailed] = useState<ReadonlySet<number>>(() => new Set())
  const list = useRef<HTMLUListElement>(null)
  const total = results.length
  const markFailed = useCallback(
    (index: number) =>
      setFailed((previous) => (previous.has(index) ? previous : new Set(previous).add(index))),
    [],
  )

  // Closing the viewer returns focus to the card of the image last shown (after ←/→, not
  // necessarily the one that opened it): its thumbnail button, or the card itself.
  const closeViewer = () => {
    const card = openIndex === null ? undefined : list.current?.children[openIndex]
    setOpenIndex(null)
    ;((card?.querySelector('button') ?? card) as HTMLElement | undefined)?.focus()
  }

  return (
    <>
      <ul
        ref={list}
        className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4"
      >
        {results.map((result, index) => (
          // Results have no id of their own; their order is stable for a job.
          <li key={index} tabIndex={-1} className="card flex flex-col overflow-hidden">
            <ResultThumbnail
              result={result}
              index={index}
              total={total}
              failed={failed.has(index)}
              onOpen={setOpenIndex}
              onFail={markFailed}
            />
            <ResultPrompt prompt={result.revisedPrompt} />
          </li>
        ))}
      </ul>
      {openIndex !== null && (
        <Suspense fallback={null}>
          <ImageLightbox
            results={results}
            index={openIndex}
            failed={failed}
            onIndexChange={setOpenIndex}
            onClose={closeViewer}
          />
        </Suspense>
      )}
    </>
  )
})

interface ResultThumbnailProps {
  result: ImageResult
  index: number
  total: number
  failed: boolean
  onOpen: (index: number) => void
  onFail: (index: number) => void
}

// Memoised, with the gallery's callbacks stable: opening the viewer, moving in it or one image
// failing re-renders that thumbnail, not a thousand (which held a click for over a second).
const ResultThumbnail = memo(function ResultThumbnail({
  result,
  index,
  total,
  failed,
  onOpen,
  onFail,
}: ResultThumbnailProps) {
  // One ref callback per thumbnail: a new one each render would run again (a decode) each time.
  const checkEarlyFailure = useMemo(() => reportEarlyFailure(() => onFail(index)), [onFail, index])
  const { url } = result
  if (!url.safe) {
    return (
      <div className="flex aspect-square flex-col justify-center gap-2 bg-amber-50 p-4 text-sm text-amber-950 dark:bg-amber-950/50 dark:text-amber-50">
        <p className="flex items-center gap-2 font-semibold">
          <ShieldAlert aria-hidden="true" className="size-5 shrink-0" />
          Image not shown
        </p>
        <p>{url.reason}</p>
        <code className="line-clamp-4 break-all rounded bg-white/70 p-1 text-xs dark:bg-black/40">
          {url.raw === '' ? '(no URL)' : shortText(url.raw, URL_PREVIEW_CHARS)}
        </code>
      </div>
    )
  }
  if (failed) {
    return (
      <div className="flex aspect-square flex-col items-center justify-center gap-2 bg-zinc-100 p-4 text-center text-sm dark:bg-zinc-800">
        <ImageOff aria-hidden="true" className="size-8 text-zinc-500" />
        <p>image unavailable — the link may have expired</p>
        <a
          className="link break-all text-xs"
          href={url.href}
          target="_blank"
          rel="noopener noreferrer"
        >
          Try the original link
        </a>
      </div>
    )
  }
  return (
    <button
      type="button"
      onClick={() => onOpen(index)}
      className="group relative block aspect-square w-full overflow-hidden bg-zinc-100 focus-visible:outline-offset-[-3px] dark:bg-zinc-800"
      aria-label={`Open image ${index + 1} of ${total} larger`}
    >
      <img
        src={url.href}
        alt={altText(result, index, total)}
        // The first image is the answer a person waits for: fetch it at once; the rest lazily.
        loading={index === 0 ? 'eager' : 'lazy'}
        fetchPriority={index === 0 ? 'high' : 'auto'}
        decoding="async"
        referrerPolicy="no-referrer"
        onError={() => onFail(index)}
        ref={checkEarlyFailure}
        className="size-full object-cover transition-transform group-hover:scale-[1.02] motion-reduce:transition-none"
      />
    </button>
  )
})

/**
 * React drops events that fire before it commits the element (a lazy results view is revealed a
 * moment after it renders), and a broken link can fail in between: look once the element is in.
 */
function reportEarlyFailure(onFail: () => void) {
  return (image: HTMLImageElement | null) => {
    if (image?.complete) image.decode().catch(onFail)
  }
}

const ResultPrompt = memo(function ResultPrompt({ prompt }: { prompt: string | null }) {
  if (prompt === null || prompt.trim() === '') {
    return <p className="text-muted p-3 text-sm italic">No revised prompt.</p>
  }
  return <ClampedText text={prompt} noun="prompt" className="p-3 text-sm leading-relaxed" />
})
