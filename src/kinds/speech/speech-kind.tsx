// Speech jobs in the kind registry: audio files, played by the browser's own player.
import { SPEECH_JOB_FIELDS, type SpeechJob, parseSpeechJob } from './speech-job.ts'
import { defineKind } from '../kind.ts'
import { lazyResultsView } from '../lazy-results-view.tsx'

const speechResults = lazyResultsView(() => import('./SpeechResults.tsx'))

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
  ResultsView: speechResults.View,
  loadResultsView: speechResults.load,
  listView: () => import('./speech-list-view.tsx').then((module) => module.speechListView),
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
