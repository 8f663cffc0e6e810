// Renders public/favicon.svg into the web app manifest's PNG icons (public/icons/), in Debian's
// Chromium: `npx tsx scripts/make-icons.ts` after changing the favicon. The PNGs are committed, so a
// build needs no image tools; test/browser/address-bar.test.ts checks their sizes.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchChromium } from '../test/browser/support/chromium.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const ICON_SIZES = [192, 512] as const

const svg = readFileSync(join(ROOT, 'public', 'favicon.svg'), 'utf8')
const browser = await launchChromium()
try {
  mkdirSync(join(ROOT, 'public', 'icons'), { recursive: true })
  for (const size of ICON_SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } })
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    )
    const png = await page.screenshot({ omitBackground: true, type: 'png' })
    writeFileSync(join(ROOT, 'public', 'icons', `jobscope-${size}.png`), png)
    await page.close()
    console.log(`public/icons/jobscope-${size}.png: ${png.length} B`)
  }
} finally {
  await browser.close()
}
