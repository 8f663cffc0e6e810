// The floors the benchmark measures Jobscope against, built here from the project's own installed
// packages with the same Vite, so every ratio is computed in the same run, never assumed:
//   /jobs/:id   the stack floor: React + react-dom + React Query (`useQuery` with `refetchInterval`)
//               + zod/mini parsing one result schema — a minimal job viewer, nothing else;
//   /cold.html  the network floor: a tiny page whose one small script posts the lookup at once and
//               shows the status and the first image — the least any page could do.
// Both are served by the project's nginx with the project's configuration (same headers, same gzip).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { build } from 'vite'
import { ROOT } from './nginx-runtime.ts'

export const FLOOR_DIR = join(ROOT, '.tmp', 'floor')

const STACK_VIEWER = `import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { createRoot } from 'react-dom/client'
import * as z from 'zod/mini'

const time = z.nullish(z.union([z.string(), z.number()]))
const job = z.object({
  id: z.string(),
  status: z.string(),
  created: time,
  finished: time,
  model: z.nullish(z.string()),
  results: z.nullish(z.array(z.object({ url: z.nullish(z.string()), revised_prompt: z.nullish(z.string()) }))),
})

function Job({ id }) {
  const query = useQuery({
    queryKey: ['job', id],
    queryFn: async () => {
      const response = await fetch('/api/async/images/result', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id }),
      })
      if (!response.ok) throw new Error('HTTP ' + response.status)
      return job.parse(await response.json())
    },
    refetchInterval: (q) => (q.state.data && ['COMPLETED', 'ERROR'].includes(q.state.data.status) ? false : 1000),
  })
  const first = query.data?.results?.[0]
  return (
    <main>
      <p aria-live="polite">{query.data ? query.data.status : query.error ? 'Error' : 'Loading'}</p>
      {first?.url && <img src={first.url} alt={first.revised_prompt ?? ''} />}
    </main>
  )
}

const id = location.pathname.split('/').pop() ?? ''
createRoot(document.getElementById('root')).render(
  <QueryClientProvider client={new QueryClient()}>
    <Job id={id} />
  </QueryClientProvider>,
)
`

// No framework, no build: one request for the page, one for this script, one lookup.
const NETWORK_FLOOR_SCRIPT = `var id = new URLSearchParams(location.search).get('id')
fetch('/api/async/images/result', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ id: id }),
})
  .then(function (response) { return response.json() })
  .then(function (job) {
    var render = function () {
      document.querySelector('[aria-live]').textContent = job.status
      var first = job.results && job.results[0]
      if (first && first.url) {
        var image = document.createElement('img')
        image.src = first.url
        image.alt = ''
        document.querySelector('main').append(image)
      }
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', render)
    else render()
  })
`

/** Builds both floors into `dir`/dist (FLOOR_DIR by default) and returns that folder. */
export async function buildFloorApps(dir = FLOOR_DIR): Promise<string> {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(join(dir, 'src'), { recursive: true })
  mkdirSync(join(dir, 'public'), { recursive: true })
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>floor</title></head>' +
      '<body><div id="root"></div><script type="module" src="/src/main.jsx"></script></body></html>\n',
  )
  writeFileSync(join(dir, 'src', 'main.jsx'), STACK_VIEWER)
  writeFileSync(
    join(dir, 'public', 'cold.html'),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>floor</title>' +
      '<script src="/cold.js"></script></head><body><p aria-live="polite"></p><main></main></body></html>\n',
  )
  writeFileSync(join(dir, 'public', 'cold.js'), NETWORK_FLOOR_SCRIPT)
  // The SPA and the proxy expect a config file next to the site, as Jobscope's build has.
  writeFileSync(join(dir, 'public', 'config.json'), '{ "apiBase": "/api" }\n')
  await build({
    root: dir,
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: join(dir, 'dist'), target: 'es2022', emptyOutDir: true },
  })
  return join(dir, 'dist')
}

// `tsx scripts/floor-app.ts [dir]` builds the floors and prints where (the size guard runs it so,
// with NODE_ENV=production: inside Vitest, Vite would bundle React's development build).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await buildFloorApps(process.argv[2] ? resolve(process.argv[2]) : FLOOR_DIR))
}
