// Image jobs in the kind registry: a gallery of results with the prompt the model actually used.
import { IMAGE_JOB_FIELDS, type ImageJob, parseImageJob } from './image-job.ts'
import { defineKind } from '../kind.ts'
import { ImageResults } from './ImageResults.tsx'

/** The first image a page may show, for Recent. */
function firstSafeImage(job: ImageJob): string | null {
  for (const result of job.results) if (result.url.safe) return result.url.href
  return null
}

export const imagesKind = defineKind<ImageJob>({
  name: 'images',
  label: 'Image',
  parse: (json, text) => parseImageJob(json, text),
  fields: IMAGE_JOB_FIELDS,
  processingHint: 'Generating images.',
  resultCount: (job) => job.results.length,
  resultNoun: ['image', 'images'],
  emptyResultsText: (status) =>
    status === 'COMPLETED'
      ? 'The job completed but the API returned no images.'
      : status === 'ERROR'
        ? 'The job failed; there are no images.'
        : 'No images yet: they appear here when the job completes.',
  ResultsView: ImageResults,
  listView: () => import('./images-list-view.tsx').then((module) => module.imagesListView),
  facts: () => [],
  summaryEntries: (job) =>
    job.results.map((result, index) => ({
      title: `${index + 1}. ${result.url.raw === '' ? '(no URL)' : result.url.raw}`,
      texts: [{ label: 'Revised prompt', text: result.revisedPrompt, absent: '(none)' }],
    })),
  summaryLineExtras: () => [],
  exportColumns: [
    { name: 'image_count', value: (job) => job.results.length, forOtherKinds: 0 },
    // As sent, including unsafe ones: the file is evidence, not a page that opens them.
    {
      name: 'image_urls',
      value: (job) => job.results.map((result) => result.url.raw),
      forOtherKinds: [],
    },
  ],
  thumbnailUrl: firstSafeImage,
})
