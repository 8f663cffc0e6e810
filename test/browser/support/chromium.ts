// Debian's Chromium driven by playwright-core (never `playwright install`: no browser downloads here).
import { existsSync } from 'node:fs'
import { type Browser, type BrowserContext, chromium } from 'playwright-core'

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
].filter((path): path is string => typeof path === 'string' && path !== '')

export function findChromium(): string {
  const found = CANDIDATES.find((path) => existsSync(path))
  if (found === undefined) {
    throw new Error(
      [
        'Chromium is not installed, so the browser tests cannot run.',
        'Install it with:  sudo apt-get update && sudo apt-get install -y chromium',
        'or point CHROMIUM_PATH at a Chromium/Chrome binary.',
      ].join('\n'),
    )
  }
  return found
}

/** Chromium's flags for every run here (Lighthouse's launcher adds `--headless` to these). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these Chromium floods the closed network with background requests.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS })
}

/**
 * Chromium with a profile of its own in `userDataDir`, not an off-the-record context: what a
 * browser does only for a real profile (install an app, keep a search shortcut) shows here.
 */
export function launchChromiumProfile(
  userDataDir: string,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
    ...options,
  })
}
