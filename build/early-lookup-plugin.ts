// Puts src/early-lookup.ts in front of the app as a separate, hashed module script. Listed in
// index.html, Vite would fold it into the app's entry and it would run only after the whole bundle
// has arrived — the wait it exists to avoid. docs/decisions/014-early-lookup.md.
import type { Plugin, Rolldown } from 'vite'

const SOURCE = 'src/early-lookup.ts'
const ENTRY = 'early-lookup'
/**
 * The chunks each first screen loads on demand, which the early script asks the browser to fetch
 * (modulepreload) while the app's bundle is still arriving, so they are not a second wait after it.
 * Attribute name on the script tag → the modules whose chunks (with their imports) it lists.
 */
const ROUTE_CHUNKS: Readonly<Record<string, readonly string[]>> = {
  'data-preload-job': ['src/features/job/JobPage.tsx'],
  // Not the demo jobs' list: a deployment with a key never shows it (main.tsx loads it in demo mode).
  'data-preload-home': ['src/features/recent/RecentLookups.tsx'],
}

type Bundle = Rolldown.OutputBundle

/** The chunk of `source` and every chunk it imports statically, except the entry's own. */
function chunkFiles(bundle: Bundle, source: string): string[] {
  const chunks = Object.values(bundle).filter((output) => output.type === 'chunk')
  const start = chunks.find((chunk) => chunk.facadeModuleId?.endsWith(`/${source}`))
  if (start === undefined) throw new Error(`${source} has no chunk of its own`)
  const files: string[] = []
  const visit = (fileName: string) => {
    const chunk = bundle[fileName]
    if (chunk?.type !== 'chunk' || chunk.isEntry || files.includes(fileName)) return
    files.push(fileName)
    for (const imported of chunk.imports) visit(imported)
  }
  visit(start.fileName)
  return files.map((file) => `/${file}`)
}

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
                    test: /\/src\/(early-lookup|api\/early-lookups|lib\/job-kinds|lib\/job-id-pattern)\.ts$/,
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
        const { bundle } = context
        const preloads = bundle
          ? Object.fromEntries(
              Object.entries(ROUTE_CHUNKS).map(([name, sources]) => [
                name,
                [...new Set(sources.flatMap((source) => chunkFiles(bundle, source)))].join(' '),
              ]),
            )
          : {}
        return [
          {
            tag: 'script',
            attrs: {
              type: 'module',
              // Runs the moment it arrives, not after the document is parsed (a module's default):
              // the lookup leaves ~100 ms sooner on a slow machine, while the bundle still loads.
              async: true,
              crossorigin: true,
              src: chunk ? `/${chunk.fileName}` : `/${SOURCE}`,
              ...preloads,
            },
            injectTo: 'head-prepend',
          },
        ]
      },
    },
  }
}
