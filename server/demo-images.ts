// Procedural placeholder "artworks" for the demo upstream. Everything derives from a hash of
// (seed, index), so a given job image always looks the same, and neighbouring images differ.

import { encodePng } from './png.ts'

export const DEMO_IMAGE_SIZE = 384

type Rgb = readonly [number, number, number]

/** FNV-1a, 32-bit: enough to spread short strings over the PRNG's seed space. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** mulberry32: tiny, deterministic, good enough for picking colours and positions. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function hsl(hueDegrees: number, saturation: number, lightness: number): Rgb {
  const h = (((hueDegrees % 360) + 360) % 360) / 360
  const q =
    lightness < 0.5 ? lightness * (1 + saturation) : lightness + saturation - lightness * saturation
  const p = 2 * lightness - q
  const channel = (t0: number): number => {
    const t = t0 < 0 ? t0 + 1 : t0 > 1 ? t0 - 1 : t0
    if (t < 1 / 6) return p + (q - p) * 6 * t
    if (t < 1 / 2) return q
    if (t < 2 / 3) return p + (q - p) * (2 / 3 - t) * 6
    return p
  }
  return [channel(h + 1 / 3) * 255, channel(h) * 255, channel(h - 1 / 3) * 255]
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v
}

function smoothstep(edge0: number, edge1: number, v: number): number {
  const t = clamp01((v - edge0) / (edge1 - edge0))
  return t * t * (3 - 2 * t)
}

/**
 * An RGB float canvas. Painters work on it with scalar loops rather than per-pixel callbacks
 * returning tuples: that keeps a render well under the 50 ms budget.
 */
class Canvas {
  readonly px: Float32Array
  constructor(readonly size: number) {
    this.px = new Float32Array(size * size * 3)
  }

  /** Blends `color` over pixel (x, y) with opacity t. */
  blend(x: number, y: number, color: Rgb, t: number): void {
    const i = (y * this.size + x) * 3
    const px = this.px
    px[i] = (px[i] ?? 0) + (color[0] - (px[i] ?? 0)) * t
    px[i + 1] = (px[i + 1] ?? 0) + (color[1] - (px[i + 1] ?? 0)) * t
    px[i + 2] = (px[i + 2] ?? 0) + (color[2] - (px[i + 2] ?? 0)) * t
  }

  /** Sets pixel (x, y) to the mix of a and b at t. */
  set(x: number, y: number, a: Rgb, b: Rgb, t: number): void {
    const i = (y * this.size + x) * 3
    this.px[i] = a[0] + (b[0] - a[0]) * t
    this.px[i + 1] = a[1] + (b[1] - a[1]) * t
    this.px[i + 2] = a[2] + (b[2] - a[2]) * t
  }
}

type Painter = (random: () => number, canvas: Canvas) => void

/** Sky gradient, a glowing sun and three ridges fading into the haze. */
const landscape: Painter = (random, canvas) => {
  const size = canvas.size
  const hue = random() * 360
  const skyTop = hsl(hue + 200, 0.45, 0.22)
  const horizon = hsl(hue + 20, 0.75, 0.72)
  const sun = hsl(hue + 45, 0.95, 0.88)
  const ground = hsl(hue + 230, 0.35, 0.1)
  const sunX = size * (0.25 + random() * 0.5)
  const sunY = size * (0.22 + random() * 0.2)
  const sunR = size * (0.07 + random() * 0.06)

  for (let y = 0; y < size; y++) {
    const sky = smoothstep(0, size * 0.7, y)
    for (let x = 0; x < size; x++) {
      canvas.set(x, y, skyTop, horizon, sky)
      const d = Math.hypot(x - sunX, y - sunY)
      const glow = Math.exp(-Math.max(0, d - sunR) / (sunR * 0.9)) * 0.75
      canvas.blend(x, y, sun, Math.max(glow, smoothstep(sunR + 1, sunR - 1, d)))
    }
  }

  for (let k = 0; k < 3; k++) {
    const base = size * (0.5 + 0.14 * k)
    const amp = size * (0.09 - 0.02 * k)
    const f1 = ((0.6 + random()) * Math.PI) / size
    const f2 = ((2 + random() * 2) * Math.PI) / size
    const f3 = ((6 + random() * 5) * Math.PI) / size
    const p1 = random() * Math.PI * 2
    const p2 = random() * Math.PI * 2
    const p3 = random() * Math.PI * 2
    const color = mixRgb(horizon, ground, 0.35 + 0.3 * k)
    for (let x = 0; x < size; x++) {
      const ridge =
        base -
        amp *
          (0.6 * Math.sin(x * f1 + p1) + 0.3 * Math.sin(x * f2 + p2) + 0.1 * Math.sin(x * f3 + p3))
      const top = Math.max(0, Math.floor(ridge))
      for (let y = top; y < size; y++) {
        // Sub-pixel coverage keeps the ridge lines from looking jagged.
        canvas.blend(x, y, color, clamp01(y - ridge + 0.5))
      }
    }
  }
}

/** Dark gradient with soft, overlapping out-of-focus discs. */
const bokeh: Painter = (random, canvas) => {
  const size = canvas.size
  const hue = random() * 360
  const from = hsl(hue, 0.5, 0.1)
  const to = hsl(hue + 50, 0.6, 0.24)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) canvas.set(x, y, from, to, (x + y) / (2 * size))
  }

  const count = 7 + Math.floor(random() * 5)
  for (let n = 0; n < count; n++) {
    const cx = random() * size
    const cy = random() * size
    const r = size * (0.05 + random() * 0.18)
    const color = hsl(hue + random() * 140 - 70, 0.75, 0.55 + random() * 0.2)
    const alpha = 0.22 + random() * 0.35
    const x0 = Math.max(0, Math.floor(cx - r - 2))
    const x1 = Math.min(size - 1, Math.ceil(cx + r + 2))
    const y0 = Math.max(0, Math.floor(cy - r - 2))
    const y1 = Math.min(size - 1, Math.ceil(cy + r + 2))
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const d = Math.hypot(x - cx, y - cy)
        if (d > r + 2) continue
        // Slightly brighter rim, like a real lens highlight.
        const rim = 1 + 0.35 * smoothstep(r * 0.7, r, d)
        canvas.blend(x, y, color, alpha * rim * smoothstep(r + 1.5, r - 1.5, d))
      }
    }
  }
}

/** Flowing, slightly tilted bands of a five-colour palette. */
const waves: Painter = (random, canvas) => {
  const size = canvas.size
  const hue = random() * 360
  // Analogous hues from dark to light: reads as one mood rather than a flag.
  const spread = 12 + random() * 22
  const palette = Array.from({ length: 5 }, (_, i) =>
    hsl(hue + i * spread, 0.45 + 0.08 * (i % 2), 0.22 + 0.12 * i),
  )
  const at = (i: number): Rgb => palette[((i % 5) + 5) % 5] ?? [0, 0, 0]
  const bands = 6 + Math.floor(random() * 5)
  const f1 = ((1 + random() * 2) * Math.PI * 2) / size
  const f2 = ((3 + random() * 3) * Math.PI * 2) / size
  const p1 = random() * Math.PI * 2
  const p2 = random() * Math.PI * 2
  const tilt = random() * 0.3 - 0.15

  // The wave offset depends on x only, so it is computed once per column.
  const offset = new Float32Array(size)
  for (let x = 0; x < size; x++) {
    offset[x] = tilt * (x / size) + 0.05 * Math.sin(x * f1 + p1) + 0.02 * Math.sin(x * f2 + p2)
  }
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = (y / size + (offset[x] ?? 0)) * bands
      const band = Math.floor(v)
      // Blend only in a narrow zone at each boundary: crisp bands, but not aliased.
      canvas.set(x, y, at(band), at(band + 1), smoothstep(0.9, 1, v - band))
    }
  }
}

function mixRgb(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]
}

const painters: readonly Painter[] = [landscape, bokeh, waves]

// Bounded so a caller passing arbitrary seeds cannot grow memory without limit.
const CACHE_LIMIT = 64
const cache = new Map<string, Buffer>()

/** A distinct 384x384 PNG for each (seed, index); the same pair always gives the same bytes. */
export function renderDemoImage(seed: string, index: number): Buffer {
  const key = `${seed}\u0000${index}`
  const cached = cache.get(key)
  if (cached) return cached

  const size = DEMO_IMAGE_SIZE
  const canvas = new Canvas(size)
  // The style rotates with the index (offset per seed) so a job's images differ visibly.
  const style = painters[(hash(seed) + Math.abs(Math.trunc(index))) % painters.length] ?? landscape
  style(prng(hash(key)), canvas)

  // A light vignette makes flat procedural images feel more photographic.
  const centre = size / 2
  const px = canvas.px
  const png = encodePng(size, size, (x, y) => {
    const dx = (x - centre) / centre
    const dy = (y - centre) / centre
    const k = 1 - 0.15 * (dx * dx + dy * dy)
    const i = (y * size + x) * 3
    return [(px[i] ?? 0) * k, (px[i + 1] ?? 0) * k, (px[i + 2] ?? 0) * k]
  })

  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next()
    if (!oldest.done) cache.delete(oldest.value)
  }
  cache.set(key, png)
  return png
}
