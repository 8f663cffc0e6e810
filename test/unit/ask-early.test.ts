// The Job ID box's early lookup: it asks every endpoint once for the page about to open — at once,
// before the submit returns, when the lookup's code is in — and asks nothing when the page has asked
// for itself before the lookup's code arrived.
import { QueryClient } from '@tanstack/query-core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_RUNTIME_CONFIG } from '../../src/config/runtime-config.ts'
import { askEarly, loadLookupCode } from '../../src/features/lookup/ask-early.ts'
import { jobKeys } from '../../src/jobs/job-data.ts'
import { createAppScope } from '../../src/lib/app-scope.ts'
import { JOB_KINDS } from '../../src/lib/job-kinds.ts'

const ID = '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71'

describe('askEarly', () => {
  let asked: string[]

  beforeEach(() => {
    asked = []
    vi.stubGlobal(
      'fetch',
      vi.fn((input: RequestInfo | URL) => {
        const url = input instanceof Request ? input.url : input.toString()
        asked.push(url.replace(/^.*\/async\/(\w+)\/result$/, '$1'))
        return Promise.resolve(Response.json({ message: 'Job not found' }, { status: 404 }))
      }),
    )
  })
  afterEach(() => vi.unstubAllGlobals())

  const config = { apiBase: 'http://api.test', pollBounds: DEFAULT_RUNTIME_CONFIG.pollBounds }
  const client = () => new QueryClient({ defaultOptions: { queries: { retry: false } } })

  it('asks every endpoint once when nothing has asked yet', async () => {
    const queryClient = client()
    await askEarly(queryClient, createAppScope(), config, ID)
    expect(asked.sort()).toEqual([...JOB_KINDS].sort())
    expect(queryClient.getQueryState(jobKeys.detail(ID))?.status).toBe('error')
  })

  it('asks nothing when the page answered for itself after the submit', async () => {
    const queryClient = client()
    const submittedAt = Date.now()
    // The page's own lookup, "not found", before the early lookup's code arrived.
    await queryClient
      .fetchQuery({
        queryKey: jobKeys.detail(ID),
        queryFn: () => Promise.reject(new Error('not found')),
      })
      .catch(() => undefined)
    await askEarly(queryClient, createAppScope(), config, ID, submittedAt)
    expect(asked).toEqual([])
  })

  it('asks nothing when the page has rendered with the job and is about to ask for itself', async () => {
    const queryClient = client()
    // A page's render makes the query (its observer is made, not yet subscribed): React may hold
    // the rendered page back ~300 ms before it starts watching and asks.
    queryClient.getQueryCache().build(queryClient, { queryKey: jobKeys.detail(ID) })
    await askEarly(queryClient, createAppScope(), config, ID, Date.now())
    expect(asked).toEqual([])
  })

  it('asks again when the only answer is from before the submit', async () => {
    const queryClient = client()
    await queryClient
      .fetchQuery({
        queryKey: jobKeys.detail(ID),
        queryFn: () => Promise.reject(new Error('not found')),
      })
      .catch(() => undefined)
    await askEarly(queryClient, createAppScope(), config, ID, Date.now() + 1)
    expect(asked.sort()).toEqual([...JOB_KINDS].sort())
  })

  it('sends the requests before it returns once the box has loaded the lookup code', async () => {
    expect(await loadLookupCode()).toBeDefined()
    const queryClient = client()
    const asking = askEarly(queryClient, createAppScope(), config, ID)
    // Nothing awaited yet: the requests left in the submit's own task, before React renders.
    expect(asked.sort()).toEqual([...JOB_KINDS].sort())
    await asking
    expect(queryClient.getQueryState(jobKeys.detail(ID))?.status).toBe('error')
  })
})
