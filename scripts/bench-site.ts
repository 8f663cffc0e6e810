// What the measuring scripts (npm run bench, npm run profile) share: a site served by the project's
// nginx in front of a stub upstream, and how a script's main ends.
import { join } from 'node:path'
import { freePort } from '../test/browser/support/free-port.ts'
import type { StubUpstream } from '../test/browser/support/stub-upstream.ts'
import { ROOT, type Serve, startServe, waitForHealthy } from './nginx-runtime.ts'

/**
 * Serves `siteDir` (the app's build unless given) with the project's nginx on a free port, proxying
 * to `stub` with a made-up key, and waits until it answers. `env` adds to or overrides the settings.
 */
export async function startStubSite(
  stub: StubUpstream,
  { siteDir, env = {} }: { siteDir?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Serve> {
  const serve = await startServe(
    {
      PATH: process.env.PATH,
      NGINX_BIN: process.env.NGINX_BIN,
      PORT: String(await freePort()),
      DISTRIBUTE_API_KEY: 'bench-key-0c1d2e3f',
      DISTRIBUTE_API_URL: stub.url,
      JOBSCOPE_IMG_SRC: stub.url,
      // Thousands of lookups: not into the audit trail `npm run serve` keeps by default.
      JOBSCOPE_AUDIT_LOG: join(ROOT, '.tmp', 'bench', 'audit.log'),
      ...env,
    },
    {
      detached: true,
      stdio: 'pipe',
      quietBuild: true,
      ...(siteDir === undefined ? {} : { siteDir }),
    },
  )
  await waitForHealthy(serve)
  return serve
}

/** Runs a script's `main` and exits: 0 when it finished, 1 with the error printed when it threw. */
export function runScript(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
      process.exit(1)
    },
  )
}
