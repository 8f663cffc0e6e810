/// <reference types="vitest/config" />
import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { type Plugin, defineConfig } from 'vite'
import { earlyLookupScript } from './build/early-lookup-plugin.ts'
import { DEV_DEFAULT_PORT, jobscopeServer } from './server/vite-plugin.ts'
import { readListen } from './server/settings.ts'

// JOBSCOPE_HOST and PORT, read as `npm run serve` reads them (HOST is not: shells set it to the
// machine's name). Loopback by default, since the dev proxy holds the API key; the plugin refuses
// anything else without JOBSCOPE_ALLOW_ANONYMOUS=1.
const { host, port } = readListen(process.env, DEV_DEFAULT_PORT)
// The dev server never answers CORS (a page elsewhere must not read it), and does not serve .tmp/
// (logs, the audit trail, rendered nginx configs) or Vite's defaults (.env, keys, .git).
const devServer = {
  port,
  host,
  strictPort: true,
  cors: false,
  fs: {
    deny: [
      '.env',
      '.env.*',
      '*.{crt,pem,key,p12,pfx,cer,der}',
      '.npmrc',
      '.yarnrc.yml',
      '**/.git/**',
      '**/.tmp/**',
    ],
  },
}

/** The production build draws lucide-react's icons with build/lucide-icon.ts instead of its runtime. */
const lightIcons: Plugin = {
  name: 'jobscope:light-icons',
  apply: 'build',
  enforce: 'pre',
  resolveId(source, importer) {
    if (
      source === '../createLucideIcon.mjs' &&
      /lucide-react[\\/]dist[\\/]esm[\\/]icons[\\/]/.test(importer ?? '')
    )
      return fileURLToPath(new URL('build/lucide-icon.ts', import.meta.url))
  },
}

export default defineConfig(({ command }) => ({
  plugins: [
    lightIcons,
    earlyLookupScript(),
    react(),
    tailwindcss(),
    ...(command === 'serve' && !process.env.VITEST ? [jobscopeServer()] : []),
  ],
  resolve: {
    alias: [
      {
        find: /^use-sync-external-store\/shim(\/index\.js)?$/,
        replacement: fileURLToPath(
          new URL('build/use-sync-external-store-shim.ts', import.meta.url),
        ),
      },
    ],
  },
  server: devServer,
  preview: { port, host, strictPort: true, cors: false },
  build: {
    target: 'es2022',
    sourcemap: true,
    // No modulepreload polyfill: every browser that has had the hint since 2023 (Chromium 66,
    // Firefox 115, Safari 17) paid ~0.5 KB and a document-wide MutationObserver during load for the
    // older ones, which still run the app, fetching each chunk when it is imported.
    modulePreload: { polyfill: false },
    // Everything the first page needs in one file: left alone, the bundler splits modules that lazy
    // chunks share with it (React, the icon helper) into extra files, which gzip worse. (The early
    // lookup's own group, added by its plugin, outranks this one.)
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'index', tags: ['$initial'] },
            // The job page's small shared pieces (copy, times, the short problem label), which the
            // batch page uses too: one file rather than six, each of which cost a request and ~150 B.
            // Not the ones the home page loads as well (use-now), which would bring all of them there.
            {
              name: 'job-parts',
              test: /src[\\/](components[\\/](CopyButton|JobTime|AutoRefreshToggle|JobIdText)|lib[\\/](clipboard|text-cut)|jobs[\\/]problem-label)\./,
            },
          ],
        },
      },
    },
  },
  test: {
    // Vitest 4 takes one worker less than the cores: on CI's 2 cores that is one file at a time.
    // Most browser-test time is waiting (timers, polling, the network), so two files side by side.
    maxWorkers: 2,
    // Unit and component files share one module graph per worker (isolate: false): a fresh jsdom and
    // module graph per file cost more than the tests themselves, and each test makes its own app, so
    // no state is carried from file to file (decision 017). A file that mocks app modules or sets the
    // process's time zone before the app's date formats are made is `*.isolated.test.*`, run apart.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/server/**/*.test.ts'],
          exclude: ['**/*.isolated.test.*'],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'unit-isolated',
          environment: 'node',
          include: ['test/unit/**/*.isolated.test.ts', 'test/server/**/*.isolated.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['test/component/**/*.test.tsx'],
          exclude: ['**/*.isolated.test.*'],
          setupFiles: ['test/component/setup.ts'],
          isolate: false,
          // A fault test drives the fake clock through minutes in 250 ms steps, each an act() and a
          // real macrotask: ~2 s alone, past the 5 s default while another suite ran on the 2 cores.
          testTimeout: 15_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'component-isolated',
          environment: 'jsdom',
          include: ['test/component/**/*.isolated.test.tsx'],
          setupFiles: ['test/component/setup.ts'],
          // Each file evaluates the whole app afresh: its first test renders the app for the first
          // time in that module graph (measured 0.4–1.0 s for the render alone, 2.4–5.8 s for the
          // whole first test while a second suite ran on the 2 cores), past the 5 s default.
          testTimeout: 15_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts', 'test/build/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
          // expect.poll waits for a real page in a real browser here: a page load under the dev
          // server (module by module), a lazy image's request, a proxy's answer — on two shared
          // cores. Its 1 s default is a unit test's; it failed clean runs three times (address bar,
          // watch timeline, demo mode's expired image). A poll ends at the first pass, so a longer
          // bound costs nothing when the app is right.
          expect: { poll: { timeout: 10_000 } },
          // The production build once, before any file that serves it runs (they may run side by
          // side: each starts its own servers on free ports, and they mostly wait, not compute).
          globalSetup: ['test/browser/support/build-once.ts'],
        },
      },
    ],
  },
}))
