// Wires the node side into `vite` (npm start) and `vite preview`, and says at start which mode is on.
import type { Plugin } from 'vite'
import { createApiMiddleware, upstreamTimeoutFromEnv } from './api-middleware.ts'
import { describeSettings, readServerSettings } from './settings.ts'

export function jobscopeServer(env: NodeJS.ProcessEnv = process.env): Plugin {
  const settings = readServerSettings(env)
  const upstreamTimeoutMs = upstreamTimeoutFromEnv(env)
  let announced = false
  const install = (server: {
    middlewares: { use: (fn: ReturnType<typeof createApiMiddleware>) => void }
  }) => {
    if (!announced) {
      console.log(describeSettings(settings))
      announced = true
    }
    server.middlewares.use(createApiMiddleware(settings, { upstreamTimeoutMs }))
  }
  return {
    name: 'jobscope-server',
    configureServer: install,
    configurePreviewServer: install,
  }
}
