// Speech jobs in the kind registry: audio files, played by the browser's own player.
import { AudioLines } from 'lucide-react'
import { lazy } from 'react'
import { SPEECH_JOB_FIELDS, type SpeechJob, parseSpeechJob } from './speech-job.ts'
import { defineKind } from '../kind.ts'

const SpeechResults = lazy(() => import('./SpeechResults.tsx'))

function SpeechPreview({ job }: { job: SpeechJob }) {
  const first = job.results.find((result) => result.url.safe)?.url
  if (!first?.safe) return <span className="text-muted">—</span>
  return (
    <a
      className="link inline-flex items-center gap-1 text-xs"
      href={first.href}
      target="_blank"
      rel="noopener noreferrer"
      title={first.href}
    >
      <AudioLines aria-hidden="true" className="size-4" />
      {job.results.length === 1 ? 'Audio' : `Audio (${job.results.length})`}
    </a>
  )
}

export const speechKind = defineKind<SpeechJob>({
  name: 'speech',
  label: 'Speech',
  parse: (json, text) => parseSpeechJob(json, text),
  fields: SPEECH_JOB_FIELDS,
  processingHint: 'Generating audio.',
  resultCount: (job) => job.results.length,
  resultNoun: ['audio file', 'audio files'],
  emptyResultsText: (status) =>
    status === 'COMPLETED'
      ? 'The job completed but the API returned no audio.'
      : status === 'ERROR'
        ? 'The job failed; there is no audio.'
        : 'No audio yet: it appears here when the job completes.',
  ResultsView: SpeechResults,
  PreviewCell: SpeechPreview,
  facts: () => [],
  summaryEntries: (job) =>
    job.results.map((result, index) => ({
      title: `${index + 1}. ${result.url.raw === '' ? '(no URL)' : result.url.raw}`,
    })),
  summaryLineExtras: () => [],
  exportColumns: [
    {
      name: 'audio_urls',
      value: (job) => job.results.map((result) => result.url.raw),
      forOtherKinds: [],
    },
  ],
  thumbnailUrl: () => null,
})
