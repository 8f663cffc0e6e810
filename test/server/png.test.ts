import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { crc32, encodePng } from '../../server/png.ts'

interface Chunk {
  type: string
  data: Buffer
  crc: number
  crcOk: boolean
}

/** Splits a PNG after its signature into chunks, checking each CRC on the way. */
function readChunks(png: Buffer): Chunk[] {
  const chunks: Chunk[] = []
  let offset = 8
  while (offset < png.length) {
    const length = png.readUInt32BE(offset)
    const typeBytes = png.subarray(offset + 4, offset + 8)
    const data = png.subarray(offset + 8, offset + 8 + length)
    const crc = png.readUInt32BE(offset + 8 + length)
    chunks.push({
      type: typeBytes.toString('latin1'),
      data,
      crc,
      crcOk: crc === crc32(typeBytes, data),
    })
    offset += 12 + length
  }
  return chunks
}

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789', 'ascii'))).toBe(0xcbf43926)
  })

  it('treats several parts like their concatenation', () => {
    expect(crc32(Buffer.from('1234'), Buffer.from('56789'))).toBe(0xcbf43926)
    expect(crc32()).toBe(0)
  })
})

describe('encodePng', () => {
  const width = 5
  const height = 3
  const png = encodePng(width, height, (x, y) => [x * 50, y * 100, 7])

  it('starts with the PNG signature', () => {
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  })

  it('has IHDR, IDAT and IEND chunks with valid CRCs', () => {
    const chunks = readChunks(png)
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND'])
    expect(chunks.every((c) => c.crcOk)).toBe(true)
    expect(chunks[2]?.data.length).toBe(0)
  })

  it('describes an 8-bit RGB, non-interlaced image in IHDR', () => {
    const ihdr = readChunks(png)[0]?.data
    expect(ihdr?.length).toBe(13)
    expect(ihdr?.readUInt32BE(0)).toBe(width)
    expect(ihdr?.readUInt32BE(4)).toBe(height)
    expect([...(ihdr?.subarray(8) ?? [])]).toEqual([8, 2, 0, 0, 0])
  })

  it('stores one filter-0 scanline of 3 bytes per pixel for each row', () => {
    const idat = readChunks(png)[1]?.data ?? Buffer.alloc(0)
    const raw = inflateSync(idat)
    const stride = 1 + 3 * width
    expect(raw.length).toBe(height * stride)
    for (let y = 0; y < height; y++) {
      expect(raw[y * stride]).toBe(0)
      for (let x = 0; x < width; x++) {
        const i = y * stride + 1 + 3 * x
        expect([raw[i], raw[i + 1], raw[i + 2]]).toEqual([x * 50, y * 100, 7])
      }
    }
  })

  it('rounds and clamps channel values', () => {
    const out = encodePng(
      4,
      1,
      (x) =>
        [
          [-20, 300, 12.6],
          [Number.NaN, 255.4, 0.49],
          [Infinity, -Infinity, 128],
          [0, 0, 0],
        ][x] as [number, number, number],
    )
    const raw = inflateSync(readChunks(out)[1]?.data ?? Buffer.alloc(0))
    expect([...raw]).toEqual([0, 0, 255, 13, 0, 255, 0, 255, 0, 128, 0, 0, 0])
  })

  it('encodes a larger image with the expected decoded length', () => {
    const big = encodePng(384, 200, (x, y) => [x % 256, y, (x * y) % 256])
    const ihdr = readChunks(big)[0]?.data
    expect(ihdr?.readUInt32BE(0)).toBe(384)
    expect(ihdr?.readUInt32BE(4)).toBe(200)
    expect(inflateSync(readChunks(big)[1]?.data ?? Buffer.alloc(0)).length).toBe(
      200 * (1 + 3 * 384),
    )
  })

  it.each([
    [0, 1],
    [1, 0],
    [-3, 4],
    [2.5, 2],
    [Number.NaN, 1],
  ])('refuses size %s x %s', (w, h) => {
    expect(() => encodePng(w, h, () => [0, 0, 0])).toThrow(RangeError)
  })
})
