// The demo upstream as its own HTTP server (what nginx proxies to in `npm run serve` without a key):
// one result endpoint per job kind, like the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DemoServer, startDemoServer } from '../../server/demo-server.ts'
import { JOB_KINDS, resultPath } from '../../src/api/job-kinds.ts'
import { demoJobs } from '../../src/lib/demo-jobs.ts'

let demo: DemoServer
const completes = demoJobs.find((job) => job.scenario === 'completes')?.id ?? ''

beforeAll(async () => {
  demo = await startDemoServer()
})
afterAll(async () => {
  await demo.close()
})

const lookUp = (path: string, init: RequestInit = {}) =>
  fetch(`${demo.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: completes }),
    ...init,
  })

describe('startDemoServer', () => {
  it.each(JOB_KINDS)('answers POST %s/result like the API', async (kind) => {
    const response = await lookUp(resultPath(kind))
    // The demo jobs are image jobs: the other kinds' endpoints do not know them, as the API would not.
    expect(response.status).toBe(kind === 'images' ? 200 : 404)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  })

  it.each(['/async/images/create', '/async/video/result', '/'])(
    'answers %s with 404',
    async (path) => {
      expect((await lookUp(path)).status).toBe(404)
    },
  )

  it('answers GET on a result endpoint with 405', async () => {
    const response = await fetch(`${demo.url}${resultPath('chat')}`)
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('POST')
  })
})
