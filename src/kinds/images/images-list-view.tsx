// Image jobs in lists (the batch table, Recent): a thumbnail of the first image, and the kind's icon
// for a job that has none yet. Loaded with those lists, not with the job page (kind.ts, KindListView).
import { ImageIcon } from 'lucide-react'
import type { KindListView } from '../kind.ts'
import type { ImageJob } from './image-job.ts'

// Not images-kind.tsx's: importing the definition from here splits the job page's chunks.
function firstSafeImage(job: ImageJob): string | null {
  for (const result of job.results) if (result.url.safe) return result.url.href
  return null
}

function ImagePreview({ job }: { job: ImageJob }) {
  const src = firstSafeImage(job)
  if (src === null) return <span className="text-muted">—</span>
  return (
    <img
      src={src}
      alt=""
      width={40}
      height={40}
      loading="lazy"
      decoding="async"
      referrerPolicy="no-referrer"
      className="size-10 rounded object-cover"
    />
  )
}

export const imagesListView: KindListView<ImageJob> = {
  PreviewCell: ImagePreview,
  Icon: ImageIcon,
}
