// Wires the node side into `vite` (npm start) and `vite preview`, and says at start which mode is on.
import type { Plugin } from 'vite'
import { createApiMiddleware, upstreamTimeoutFromEnv } from './api-middleware.ts'
import { describeUpstream, readServerSettings } from './settings.ts'

export const DEV_DEFAULT_PORT = 5173

export function jobscopeServer(env: NodeJS.ProcessEnv = process.env): Plugin {
  const settings = readServerSettings(env, { server: 'dev', defaultPort: DEV_DEFAULT_PORT })
  const upstreamTimeoutMs = upstreamTimeoutFromEnv(env)
  let announced = false
  const install = (server: {
    middlewares: { use: (fn: ReturnType<typeof createApiMiddleware>) => void }
  }) => {
    if (!announced) {
      console.log(describeUpstream(settings.upstream))
      announced = true
    }
    server.middlewares.use(
      createApiMiddleware(settings.upstream, {
        upstreamTimeoutMs,
        runtimeConfig: settings.runtimeConfig,
      }),
    )
  }
  return {
    name: 'jobscope-server',
    configureServer: install,
    configurePreviewServer: install,
  }
}
