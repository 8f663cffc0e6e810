// Vitest global setup of the browser project, so its files can run side by side: builds dist/ (when
// stale) once — two `vite build`s into one folder at once would trample each other — and lets one
// dev server fill Vite's dependency cache, which the dev servers of the test files then only read.
import { ensureBuilt } from '../../../scripts/nginx-runtime.ts'
import { startApp } from './app-server.ts'

export default async function setup(): Promise<void> {
  ensureBuilt({ quiet: true })
  const app = await startApp()
  try {
    // The entry's module graph, which is what makes Vite optimise the dependencies.
    await (await fetch(`${app.url}/`)).text()
    await (await fetch(`${app.url}/src/main.tsx`)).text()
  } finally {
    await app.stop()
  }
}
