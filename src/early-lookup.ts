// The first thing a cold open runs, before the app's bundle has even arrived. On /jobs/:id it posts
// the lookup at once (one request per endpoint the job page would ask) and leaves the responses for
// the app to adopt; on /jobs/:id and / it asks for that page's own chunks (modulepreload), which the
// build lists on this script's tag. Kept tiny and free of React: every byte is on the critical path.
import { DEFAULT_API_BASE, startEarlyLookup } from './api/early-lookups.ts'
import { JOB_KINDS, isBuiltInKind, resultPath } from './lib/job-kinds.ts'
import { isJobId } from './lib/job-id-pattern.ts'

function preload(attribute: 'preloadJob' | 'preloadHome') {
  const files = document.querySelector<HTMLScriptElement>('script[data-preload-job]')?.dataset[
    attribute
  ]
  for (const href of files?.split(' ') ?? []) {
    if (href === '') continue
    const link = document.createElement('link')
    link.rel = 'modulepreload'
    link.href = href
    link.crossOrigin = ''
    document.head.append(link)
  }
}

if (location.pathname === '/') preload('preloadHome')
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
    preload('preloadJob')
    const kind = new URLSearchParams(location.search).get('kind')
    const body = JSON.stringify({ id })
    for (const asked of isBuiltInKind(kind) ? [kind] : JOB_KINDS) {
      startEarlyLookup(`${DEFAULT_API_BASE}${resultPath(asked)}`, body)
    }
  }
}
