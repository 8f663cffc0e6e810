// A minimal WAV encoder (RIFF, 16-bit PCM, mono), just enough for the demo upstream's speech results.
// Uncompressed PCM needs no codec and plays in every browser, which is all a demo file has to do.

/** RIFF header + "fmt " chunk + "data" chunk header. */
export const WAV_HEADER_BYTES = 44

const BYTES_PER_SAMPLE = 2

function toInt16(value: number): number {
  // NaN would otherwise become 0 silently through writeInt16LE's coercion; make it explicit.
  if (Number.isNaN(value)) return 0
  const clipped = Math.max(-1, Math.min(1, value))
  return Math.round(clipped * 0x7fff)
}

/**
 * Encodes mono samples as a 16-bit PCM WAV file. Samples are in [-1, 1]; values outside are clipped
 * rather than wrapped, so an overshoot is a little distortion instead of a loud click.
 */
export function encodeWav(samples: ArrayLike<number>, sampleRate: number): Buffer {
  if (!Number.isInteger(sampleRate) || sampleRate < 1 || sampleRate > 384_000) {
    throw new RangeError(`WAV sample rate must be an integer 1–384000, got ${sampleRate}`)
  }
  const dataBytes = samples.length * BYTES_PER_SAMPLE
  const out = Buffer.alloc(WAV_HEADER_BYTES + dataBytes)

  out.write('RIFF', 0, 'latin1')
  out.writeUInt32LE(WAV_HEADER_BYTES - 8 + dataBytes, 4) // size of everything after this field
  out.write('WAVE', 8, 'latin1')
  out.write('fmt ', 12, 'latin1')
  out.writeUInt32LE(16, 16) // fmt chunk size for PCM
  out.writeUInt16LE(1, 20) // format: PCM
  out.writeUInt16LE(1, 22) // channels: mono
  out.writeUInt32LE(sampleRate, 24)
  out.writeUInt32LE(sampleRate * BYTES_PER_SAMPLE, 28) // byte rate
  out.writeUInt16LE(BYTES_PER_SAMPLE, 32) // block align
  out.writeUInt16LE(16, 34) // bits per sample
  out.write('data', 36, 'latin1')
  out.writeUInt32LE(dataBytes, 40)

  for (let i = 0; i < samples.length; i++) {
    out.writeInt16LE(toInt16(samples[i] ?? 0), WAV_HEADER_BYTES + i * BYTES_PER_SAMPLE)
  }
  return out
}
