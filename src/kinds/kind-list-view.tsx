// A kind's list view (kind.ts, KindListView) for the batch table and Recent: its module is loaded on
// first use, once per kind definition, so the job page never carries previews or icons.
import { useEffect, useState } from 'react'
import type { JobBase } from '../api/job-base.ts'
import type { JobKindEntry, KindListView } from './kind.ts'

type ListView = KindListView<JobBase>

/** Code, not state (as React.lazy keeps its modules): what each definition's listView gave. */
const views = new WeakMap<JobKindEntry, ListView | Promise<ListView | null>>()

function load(entry: JobKindEntry): Promise<ListView | null> {
  const known = views.get(entry)
  if (known !== undefined) return Promise.resolve(known)
  const loading = entry.listView().then(
    (view) => {
      views.set(entry, view)
      return view
    },
    () => {
      // a chunk that could not load is asked for again next time; until then, no preview
      views.delete(entry)
      return null
    },
  )
  views.set(entry, loading)
  return loading
}

/** The kind's list view, once loaded (undefined until then, or while it cannot load). */
export function useKindListView(entry: JobKindEntry | undefined): ListView | undefined {
  const known = entry === undefined ? undefined : views.get(entry)
  const ready = known instanceof Promise ? undefined : known
  const [, setLoaded] = useState<ListView | null>(null)
  useEffect(() => {
    if (entry === undefined || ready !== undefined) return
    let live = true
    void load(entry).then((view) => {
      if (live) setLoaded(view)
    })
    return () => {
      live = false
    }
  }, [entry, ready])
  return ready
}

const FRAME =
  'flex size-10 shrink-0 items-center justify-center rounded bg-zinc-100 dark:bg-zinc-800'

/**
 * A job's picture in a list (Recent): its first image, or — where it has none, or the image fails —
 * its kind's icon. Here rather than in Recent so the home page's first load carries neither.
 */
export function KindThumbnail({
  src,
  entry,
}: {
  src: string | null
  entry: JobKindEntry | undefined
}) {
  const [failed, setFailed] = useState(false)
  if (src === null || failed) return <KindIcon entry={entry} />
  return (
    <span className={`${FRAME} overflow-hidden`}>
      <img
        src={src}
        alt=""
        loading="lazy"
        referrerPolicy="no-referrer"
        className="size-full object-cover"
        onError={() => setFailed(true)}
      />
    </span>
  )
}

/**
 * Where a job has no image — chat, speech, not finished — its kind's icon, in the frame a thumbnail
 * has (decorative: the kind's word is beside it). An empty frame while the icon loads.
 */
export function KindIcon({ entry }: { entry: JobKindEntry | undefined }) {
  const view = useKindListView(entry)
  return (
    <span data-kind-icon={view ? entry?.name : undefined} className={FRAME}>
      {view && <view.Icon aria-hidden="true" className="text-muted size-5" />}
    </span>
  )
}
