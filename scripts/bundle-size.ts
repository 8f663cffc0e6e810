// What the first page load costs in JavaScript and CSS: the entry script of index.html, every chunk it
// preloads, its stylesheets and — for a page of the app — the chunks of that page that the early
// script preloads, each gzipped as nginx sends them (level 6). Shared by the size guard in npm test
// and the benchmark.
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

/** The first screens whose own chunks load at once (see build/early-lookup-plugin.ts). */
export type FirstScreen = 'home' | 'job'

/**
 * The first load of index.html, plus the chunks of `screen` when it is given (the lists the build
 * writes on the early script's tag). A build without such lists (the floor app) is index.html alone.
 */
export function measureInitialLoad(distDir: string, screen?: FirstScreen): InitialLoadSize {
  const htmlPath = join(distDir, 'index.html')
  const html = readFileSync(htmlPath, 'utf8')
  const attribute = (tag: RegExp) =>
    [...html.matchAll(tag)].map((match) => (match[1] ?? '').replace(/^\//, ''))
  // A chunk both run and preloaded (the early lookup script) is loaded once: count it once.
  const js = [
    ...new Set([
      ...attribute(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
      ...attribute(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
      ...(screen === undefined
        ? []
        : attribute(new RegExp(`data-preload-${screen}="([^"]*)"`, 'g'))
            .flatMap((list) => list.split(' '))
            .map((file) => file.replace(/^\//, ''))
            .filter((file) => file !== '')),
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
