// The first thing a cold open of /jobs/:id runs, before the app's bundle has even arrived: it posts
// the lookup at once (one request per endpoint the job page would ask) and leaves the responses for
// the app to adopt. Kept tiny and free of React: every byte here is on the critical path.
import { DEFAULT_API_BASE, startEarlyLookup } from './api/early-lookups.ts'
import { JOB_KINDS, isJobKind, resultPath } from './api/job-kinds.ts'
import { isJobId } from './lib/job-id-pattern.ts'

const match = /^\/jobs\/([^/]+)$/.exec(location.pathname)
if (match?.[1] !== undefined) {
  let id = match[1]
  try {
    id = decodeURIComponent(id)
  } catch {
    // left as written; the route says it is invalid
  }
  id = id.trim().toLowerCase()
  // As the job route reads the address: a valid id, and `?kind=` only when it names a kind.
  if (isJobId(id)) {
    const kind = new URLSearchParams(location.search).get('kind')
    const body = JSON.stringify({ id })
    for (const asked of isJobKind(kind) ? [kind] : JOB_KINDS) {
      startEarlyLookup(`${DEFAULT_API_BASE}${resultPath(asked)}`, body)
    }
  }
}
