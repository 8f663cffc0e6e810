// Reads and checks the :id URL parameter, then hands off to the job feature.
import { Suspense, useEffect } from 'react'
import { Link, useLocation, useSearch } from 'wouter'
import { jobPage } from '../../features/job/public.ts'
import { isJobId } from '../../lib/job-id.ts'
import { isKindName } from '../../lib/job-kinds.ts'

export function JobRoute({ rawId }: { rawId: string }) {
  const [, navigate] = useLocation()
  // `?kind=images|chat|speech` asks only that endpoint; any other value is ignored (a full search):
  // the job page knows which kinds there are.
  const kindParam = new URLSearchParams(useSearch()).get('kind')
  const kindHint = isKindName(kindParam) ? kindParam : undefined
  const id = safeDecode(rawId).trim()
  const canonical = id.toLowerCase()
  const valid = isJobId(id)

  // One URL per job: uppercase or padded ids are rewritten in place, without a history entry.
  useEffect(() => {
    if (valid && rawId !== canonical) {
      navigate(`/jobs/${canonical}${kindHint ? `?kind=${kindHint}` : ''}`, { replace: true })
    }
  }, [valid, rawId, canonical, kindHint, navigate])

  if (!valid) {
    return (
      <div role="alert" className="card p-4">
        <p className="font-semibold">That is an invalid job id</p>
        <p className="mt-1 text-sm break-all">
          “<span className="font-mono">{id}</span>” is not a UUID v4, so it was not looked up.
        </p>
        <Link className="link mt-2 inline-block" href="/">
          Look up another job
        </Link>
      </div>
    )
  }
  // keyed so a different job starts with fresh page state (pause, lightbox)
  return (
    <Suspense fallback={<p className="text-muted text-sm">Looking up the job…</p>}>
      <jobPage.View key={canonical} jobId={canonical} kindHint={kindHint} />
    </Suspense>
  )
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
