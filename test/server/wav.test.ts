import { describe, expect, it } from 'vitest'
import { DEMO_AUDIO_SAMPLE_RATE, renderDemoAudio } from '../../server/demo-audio.ts'
import { WAV_HEADER_BYTES, encodeWav } from '../../server/wav.ts'

interface WavInfo {
  riffSize: number
  format: number
  channels: number
  sampleRate: number
  byteRate: number
  blockAlign: number
  bitsPerSample: number
  dataSize: number
  samples: Int16Array
}

/** Reads the canonical 44-byte header the encoder writes, checking every chunk id on the way. */
function readWav(wav: Buffer): WavInfo {
  expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF')
  expect(wav.subarray(8, 12).toString('latin1')).toBe('WAVE')
  expect(wav.subarray(12, 16).toString('latin1')).toBe('fmt ')
  expect(wav.readUInt32LE(16)).toBe(16)
  expect(wav.subarray(36, 40).toString('latin1')).toBe('data')
  const dataSize = wav.readUInt32LE(40)
  const samples = new Int16Array(dataSize / 2)
  for (let i = 0; i < samples.length; i++) samples[i] = wav.readInt16LE(44 + 2 * i)
  return {
    riffSize: wav.readUInt32LE(4),
    format: wav.readUInt16LE(20),
    channels: wav.readUInt16LE(22),
    sampleRate: wav.readUInt32LE(24),
    byteRate: wav.readUInt32LE(28),
    blockAlign: wav.readUInt16LE(32),
    bitsPerSample: wav.readUInt16LE(34),
    dataSize,
    samples,
  }
}

describe('encodeWav', () => {
  it('writes a RIFF/WAVE file with a 16-bit PCM mono fmt chunk and the data size', () => {
    const wav = encodeWav([0, 0.25, -0.25], 16_000)
    expect(wav.length).toBe(WAV_HEADER_BYTES + 6)
    expect(readWav(wav)).toMatchObject({
      riffSize: wav.length - 8,
      format: 1,
      channels: 1,
      sampleRate: 16_000,
      byteRate: 32_000,
      blockAlign: 2,
      bitsPerSample: 16,
      dataSize: 6,
    })
  })

  it('writes the sample rate it is given', () => {
    const wav = encodeWav(new Float32Array(441), 44_100)
    const info = readWav(wav)
    expect(info.sampleRate).toBe(44_100)
    expect(info.byteRate).toBe(88_200)
    // Duration = data bytes / byte rate.
    expect(info.dataSize / info.byteRate).toBeCloseTo(0.01, 6)
  })

  it('scales samples to 16 bits, clipping what is out of range and writing NaN as silence', () => {
    const { samples } = readWav(encodeWav([0, 1, -1, 0.5, -0.5, 2, -7, Number.NaN], 8_000))
    expect([...samples]).toEqual([0, 32767, -32767, 16384, -16383, 32767, -32767, 0])
  })

  it('encodes no samples as a valid, empty file', () => {
    const wav = encodeWav([], 16_000)
    expect(wav.length).toBe(WAV_HEADER_BYTES)
    expect(readWav(wav)).toMatchObject({ riffSize: 36, dataSize: 0 })
  })

  it.each([0, -1, 1.5, Number.NaN, 500_000])('rejects a sample rate of %s', (rate) => {
    expect(() => encodeWav([0], rate)).toThrow(RangeError)
  })
})

describe('renderDemoAudio', () => {
  it.each([0, 1])('result %i is a short, small 16 kHz WAV', (index) => {
    const wav = renderDemoAudio(index)
    const info = readWav(wav)
    expect(info.sampleRate).toBe(DEMO_AUDIO_SAMPLE_RATE)
    expect(info.channels).toBe(1)
    expect(info.bitsPerSample).toBe(16)
    const seconds = info.dataSize / info.byteRate
    expect(seconds).toBeGreaterThanOrEqual(1)
    expect(seconds).toBeLessThanOrEqual(2)
    expect(wav.length).toBeLessThan(100 * 1024)
  })

  it.each([0, 1])('result %i is audible, never clips and starts and ends in silence', (index) => {
    const { samples } = readWav(renderDemoAudio(index))
    const peak = Math.max(...[...samples].map(Math.abs))
    expect(peak).toBeGreaterThan(0.3 * 32767)
    expect(peak).toBeLessThan(0.9 * 32767)
    // No click: the first and last samples are (near) zero.
    expect(Math.abs(samples[0] ?? 1)).toBeLessThan(100)
    expect(Math.abs(samples.at(-1) ?? 1)).toBeLessThan(100)
  })

  it('gives neighbouring results different sounds, and the same bytes for the same index', () => {
    expect(renderDemoAudio(0).equals(renderDemoAudio(1))).toBe(false)
    expect(renderDemoAudio(1).equals(renderDemoAudio(1))).toBe(true)
  })
})
