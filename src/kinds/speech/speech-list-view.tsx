// Speech jobs in lists (the batch table, Recent): a link to the first audio file, and the kind's
// icon. Loaded with those lists, not with the job page (kind.ts, KindListView).
import { AudioLines } from 'lucide-react'
import type { KindListView } from '../kind.ts'
import type { SpeechJob } from './speech-job.ts'

function SpeechPreview({ job }: { job: SpeechJob }) {
  const first = job.results.find((result) => result.url.safe)?.url
  if (!first?.safe) return <span className="text-muted">—</span>
  return (
    <a
      className="link inline-flex min-h-6 items-center gap-1 text-xs"
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

export const speechListView: KindListView<SpeechJob> = {
  PreviewCell: SpeechPreview,
  Icon: AudioLines,
}
