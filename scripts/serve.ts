// npm run serve: the production nginx configuration (deploy/nginx/) on JOBSCOPE_HOST:PORT (default
// 127.0.0.1:8080), in the foreground. With DISTRIBUTE_API_KEY it proxies to DISTRIBUTE_API_URL;
// without, to the demo upstream. It refuses to start on settings that would leave it open: see
// server/settings.ts and docs/decisions/010.
import { startServe, waitForHealthy } from './nginx-runtime.ts'

async function main(): Promise<number> {
  const serve = await startServe(process.env, { stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const) {
    // nginx decides what each signal means (TERM/INT: fast stop, QUIT: graceful, HUP: reload).
    process.on(signal, () => serve.nginx.kill(signal))
  }
  // Announce the URL only once nginx answers; if it exits instead, its own error is already printed.
  const announced = waitForHealthy(serve).then(
    () => console.log(serve.summary),
    (error: unknown) => console.warn(error instanceof Error ? error.message : String(error)),
  )
  await Promise.race([announced, serve.exited])
  return serve.exited
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  },
)
