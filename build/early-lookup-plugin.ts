// Puts src/early-lookup.ts in front of the app as a separate, hashed module script. Listed in
// index.html, Vite would fold it into the app's entry and it would run only after the whole bundle
// has arrived — the wait it exists to avoid. docs/decisions/014-early-lookup.md.
import type { Plugin } from 'vite'

const SOURCE = 'src/early-lookup.ts'
const ENTRY = 'early-lookup'

export function earlyLookupScript(): Plugin {
  return {
    name: 'jobscope-early-lookup',
    config(_config, { command }) {
      if (command !== 'build') return
      return {
        build: {
          rolldownOptions: {
            input: { index: 'index.html', [ENTRY]: SOURCE },
            // The early script's few modules (also used by the app) stay in its own chunk, so it
            // needs one request, not two; the app imports them from there.
            output: {
              codeSplitting: {
                groups: [
                  {
                    name: ENTRY,
                    priority: 10,
                    test: /\/src\/(early-lookup|api\/early-lookups|api\/job-kinds|lib\/job-id-pattern)\.ts$/,
                  },
                ],
              },
            },
          },
        },
      }
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunk = Object.values(context.bundle ?? {}).find(
          (output) => output.type === 'chunk' && output.isEntry && output.name === ENTRY,
        )
        if (context.bundle && chunk === undefined) throw new Error(`${SOURCE} was not built`)
        return [
          {
            tag: 'script',
            attrs: {
              type: 'module',
              crossorigin: true,
              src: chunk ? `/${chunk.fileName}` : `/${SOURCE}`,
            },
            injectTo: 'head-prepend',
          },
        ]
      },
    },
  }
}
