// The header's place for "Watching (n)". The list, the polling and the news are a chunk of their own,
// loaded once something is watched: a person who never watches a job never downloads it.
import { Suspense, useState } from 'react'
import { lazyPart } from '../../components/lazy-part.tsx'
import { useAnythingWatched } from './watch-list.ts'

const WatchCenter = lazyPart(() => import('./WatchCenter.tsx'))

export function WatchHeaderEntry() {
  const watched = useAnythingWatched()
  // Once loaded it stays, even when the list empties: a toast on screen must not vanish with it.
  const [needed, setNeeded] = useState(watched)
  if (watched && !needed) setNeeded(true)
  if (!needed) return null
  return (
    <Suspense fallback={null}>
      <WatchCenter />
    </Suspense>
  )
}
