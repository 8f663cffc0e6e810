// What the first page load costs in JavaScript and CSS: the entry script of index.html, every chunk it
// preloads, and its stylesheets, each gzipped as nginx sends them (level 6). Shared by the size
// budget test and the benchmark.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export interface InitialLoadSize {
  /** Files of the first load, relative to the dist folder. */
  readonly js: readonly string[]
  readonly css: readonly string[]
  readonly jsGzipBytes: number
  readonly cssGzipBytes: number
  readonly htmlGzipBytes: number
}

export const GZIP_LEVEL = 6

export function gzipBytes(path: string): number {
  return gzipSync(readFileSync(path), { level: GZIP_LEVEL }).length
}

export function measureInitialLoad(distDir: string): InitialLoadSize {
  const htmlPath = join(distDir, 'index.html')
  const html = readFileSync(htmlPath, 'utf8')
  const attribute = (tag: RegExp) =>
    [...html.matchAll(tag)].map((match) => (match[1] ?? '').replace(/^\//, ''))
  // A chunk both run and preloaded (the early lookup script) is loaded once: count it once.
  const js = [
    ...new Set([
      ...attribute(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
      ...attribute(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
    ]),
  ]
  const css = attribute(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)
  if (js.length === 0) throw new Error(`${htmlPath} names no module script: is this a Vite build?`)
  const sum = (files: readonly string[]) =>
    files.reduce((total, file) => total + gzipBytes(join(distDir, file)), 0)
  return {
    js,
    css,
    jsGzipBytes: sum(js),
    cssGzipBytes: sum(css),
    htmlGzipBytes: gzipBytes(htmlPath),
  }
}
