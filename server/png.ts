// A minimal PNG encoder (8-bit truecolour, no alpha), just enough for the demo upstream's
// placeholder artwork. No dependencies: zlib does the deflate, the CRC is computed here because
// Node 20 has no zlib.crc32.

import { deflateSync } from 'node:zlib'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** CRC-32 (ISO-HDLC, as PNG requires) over the given byte ranges, in order. */
export function crc32(...parts: readonly Uint8Array[]): number {
  let crc = 0xffffffff
  for (const part of parts) {
    for (const byte of part) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8)
  }
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const typeBytes = Buffer.from(type, 'latin1')
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  typeBytes.copy(out, 4)
  data.copy(out, 8)
  out.writeUInt32BE(crc32(typeBytes, data), 8 + data.length)
  return out
}

function toByte(value: number): number {
  // NaN would otherwise become 0 silently through the typed array; make it explicit.
  if (Number.isNaN(value)) return 0
  return Math.max(0, Math.min(255, Math.round(value)))
}

/**
 * Encodes an RGB image as PNG. `rgb` is called once per pixel, row by row; channel values are
 * rounded and clamped to 0–255.
 */
export function encodePng(
  width: number,
  height: number,
  rgb: (x: number, y: number) => [number, number, number],
): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`PNG size must be positive integers, got ${width}x${height}`)
  }

  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // colour type: truecolour
  ihdr[10] = 0 // compression: deflate
  ihdr[11] = 0 // filter method 0
  ihdr[12] = 0 // no interlace

  const stride = 1 + 3 * width
  const raw = Buffer.alloc(stride * height)
  for (let y = 0; y < height; y++) {
    let offset = y * stride
    raw[offset++] = 0 // filter type None for every row
    for (let x = 0; x < width; x++) {
      const [r, g, b] = rgb(x, y)
      raw[offset++] = toByte(r)
      raw[offset++] = toByte(g)
      raw[offset++] = toByte(b)
    }
  }

  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
