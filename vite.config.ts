/// <reference types="vitest/config" />
import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { jobscopeServer } from './server/vite-plugin.ts'

const port = Number(process.env.PORT ?? 5173)
// Loopback only by default: the dev proxy holds the API key. HOST=0.0.0.0 opts in to the network.
const host = process.env.HOST ?? '127.0.0.1'

export default defineConfig(({ command }) => ({
  plugins: [
    react(),
    tailwindcss(),
    ...(command === 'serve' && !process.env.VITEST ? [jobscopeServer()] : []),
  ],
  server: { port, host, strictPort: true },
  preview: { port, host, strictPort: true },
  build: {
    target: 'es2022',
    sourcemap: true,
    // Everything the first page needs in one file: left alone, the bundler splits modules that lazy
    // chunks share with it (React, the icon helper) into extra files, which gzip worse.
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] } },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/server/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['test/component/**/*.test.tsx'],
          setupFiles: ['test/component/setup.ts'],
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
          fileParallelism: false,
        },
      },
    ],
  },
}))
