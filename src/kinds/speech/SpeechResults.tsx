// A speech job's audio files: the browser's own player per file (keyboard-accessible, nothing custom),
// its duration once the metadata has loaded, and the original to open or copy. Unsafe URLs stay inert
// text; a file that fails to load says so in words, as an expired image does.
import { AudioLinesX, ExternalLink, ShieldAlert } from 'lucide-react'
import { memo, useState } from 'react'
import type { SpeechJob, SpeechResult } from './speech-job.ts'
import { CopyButton } from '../../components/CopyButton.tsx'
import { URL_PREVIEW_CHARS, shortText } from '../../lib/text-cut.ts'
import { formatDuration } from '../../lib/time.ts'

export default function SpeechResults({ job }: { job: SpeechJob }) {
  return <AudioList results={job.results} />
}

// Memoised on the results array: polls of a pending job re-render the page every second, and a
// re-rendered player must keep what it has learnt (duration, failure).
const AudioList = memo(function AudioList({ results }: { results: readonly SpeechResult[] }) {
  const total = results.length
  return (
    <ol className="flex flex-col gap-3">
      {results.map((result, index) => (
        // Results have no id of their own; their order is stable for a job.
        <li key={index} className="card flex min-w-0 flex-col gap-2 p-4 text-sm">
          {/* Keyed by URL: a new link for the same result starts over (not failed, length unknown). */}
          <AudioResult
            key={result.url.raw}
            result={result}
            name={`Audio ${index + 1} of ${total}`}
            number={index + 1}
          />
        </li>
      ))}
    </ol>
  )
})

interface AudioResultProps {
  result: SpeechResult
  /** "Audio 1 of 2": the player's accessible name. */
  name: string
  number: number
}

function AudioResult({ result, name, number }: AudioResultProps) {
  const { url } = result
  const [durationSeconds, setDurationSeconds] = useState<number | null>(null)
  const [failed, setFailed] = useState(false)

  if (!url.safe) {
    return (
      <div className="flex flex-col gap-2 rounded bg-amber-50 p-3 text-amber-950 dark:bg-amber-950/50 dark:text-amber-50">
        <p className="flex items-center gap-2 font-semibold">
          <ShieldAlert aria-hidden="true" className="size-5 shrink-0" />
          {name}: not played
        </p>
        <p>{url.reason}</p>
        <code className="line-clamp-4 rounded bg-white/70 p-1 text-xs break-all dark:bg-black/40">
          {url.raw === '' ? '(no URL)' : shortText(url.raw, URL_PREVIEW_CHARS)}
        </code>
        {url.raw !== '' && (
          <CopyButton text={url.raw} label={`Copy URL of audio ${number}`} className="self-start">
            Copy URL
          </CopyButton>
        )}
      </div>
    )
  }

  const linkText = failed ? 'Try the original link' : 'Open original'
  return (
    <>
      <p className="font-medium">{name}</p>
      {failed ? (
        <div className="flex items-center gap-2 rounded bg-zinc-100 p-3 dark:bg-zinc-800">
          <AudioLinesX aria-hidden="true" className="size-5 shrink-0 text-zinc-500" />
          <p>audio unavailable — the link may have expired</p>
        </div>
      ) : (
        <audio
          controls
          preload="metadata"
          src={url.href}
          aria-label={name}
          className="w-full max-w-md"
          onLoadedMetadata={(event) => setDurationSeconds(event.currentTarget.duration)}
          onError={() => setFailed(true)}
          // React drops media events that fire before it commits the element (the lazy view is
          // revealed a moment after it renders): read what the element already knows once it is in.
          ref={(audio) => {
            if (audio?.error) setFailed(true)
            else if (audio && audio.readyState >= HTMLMediaElement.HAVE_METADATA) {
              setDurationSeconds(audio.duration)
            }
          }}
        />
      )}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        {!failed && (
          <p>
            <span className="text-muted">Duration </span>
            <span className="tabular-nums">{durationText(durationSeconds)}</span>
          </p>
        )}
        <a
          className="link inline-flex min-h-6 items-center gap-1"
          href={url.href}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={`${linkText} of audio ${number} (opens in a new tab)`}
        >
          <ExternalLink aria-hidden="true" className="size-4" />
          {linkText}
        </a>
        <CopyButton text={url.href} label={`Copy URL of audio ${number}`}>
          Copy URL
        </CopyButton>
      </div>
    </>
  )
}

/** As the facts grid writes durations ("2 s", "3 min 05 s"); a stream has no length to give. */
function durationText(seconds: number | null): string {
  if (seconds === null || Number.isNaN(seconds)) return 'not known yet'
  if (!Number.isFinite(seconds)) return 'unknown (a stream)'
  // Short clips to a tenth of a second, so "1.6 s" does not read as the player's "0:01" rounded up.
  if (seconds < 10) return `${seconds.toFixed(1)} s`
  return formatDuration(seconds * 1000)
}
