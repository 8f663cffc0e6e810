// Procedural chimes for the demo upstream's speech results: a few bell-like notes per file, so each
// result sounds different and the player has something pleasant to play. No network, no files.

import { encodeWav } from './wav.ts'

/** Speech-grade rate: plenty for chimes below 4 kHz, and it keeps a file near 30 KB per second. */
export const DEMO_AUDIO_SAMPLE_RATE = 16_000

interface Motif {
  readonly seconds: number
  /** [start in seconds, MIDI note number] */
  readonly notes: readonly (readonly [at: number, midi: number])[]
}

const motifs: readonly Motif[] = [
  // A rising C major arpeggio: C5 E5 G5 C6.
  {
    seconds: 1.6,
    notes: [
      [0, 72],
      [0.2, 76],
      [0.4, 79],
      [0.6, 84],
    ],
  },
  // A falling three-tone doorbell: G5 E5 C5.
  {
    seconds: 1.8,
    notes: [
      [0, 79],
      [0.4, 76],
      [0.8, 72],
    ],
  },
]

// Nearly harmonic partials with faster decay up high: reads as a soft bell rather than a beep.
const PARTIALS: readonly (readonly [ratio: number, amplitude: number])[] = [
  [1, 1],
  [2, 0.35],
  [3.01, 0.12],
]
const DECAY_PER_SECOND = 3.2
const ATTACK_SECONDS = 0.004
const FADE_OUT_SECONDS = 0.03
const PEAK = 0.5

const frequency = (midi: number): number => 440 * 2 ** ((midi - 69) / 12)

function render(motif: Motif): Float32Array {
  const rate = DEMO_AUDIO_SAMPLE_RATE
  const samples = new Float32Array(Math.round(motif.seconds * rate))
  for (const [at, midi] of motif.notes) {
    const f = frequency(midi)
    const first = Math.round(at * rate)
    for (let i = first; i < samples.length; i++) {
      const t = (i - first) / rate
      // A few milliseconds of attack: a note starting at full level clicks.
      const attack = Math.min(1, t / ATTACK_SECONDS)
      let value = 0
      for (const [ratio, amplitude] of PARTIALS) {
        value +=
          amplitude *
          Math.exp(-t * DECAY_PER_SECOND * ratio) *
          Math.sin(2 * Math.PI * f * ratio * t)
      }
      samples[i] = (samples[i] ?? 0) + attack * value
    }
  }

  let peak = 0
  for (const sample of samples) peak = Math.max(peak, Math.abs(sample))
  const gain = peak > 0 ? PEAK / peak : 0
  const fadeFrom = samples.length - Math.round(FADE_OUT_SECONDS * rate)
  for (let i = 0; i < samples.length; i++) {
    const fade = i < fadeFrom ? 1 : (samples.length - i) / (samples.length - fadeFrom)
    samples[i] = (samples[i] ?? 0) * gain * fade
  }
  return samples
}

// One entry per motif at most, so it cannot grow.
const cache = new Map<number, Buffer>()

/** A short WAV chime for the index-th result of a job; neighbouring indexes sound different. */
export function renderDemoAudio(index: number): Buffer {
  const which = Math.abs(Math.trunc(index)) % motifs.length
  const cached = cache.get(which)
  if (cached) return cached
  const motif = motifs[which]
  if (!motif) throw new Error('no audio motifs')
  const wav = encodeWav(render(motif), DEMO_AUDIO_SAMPLE_RATE)
  cache.set(which, wav)
  return wav
}
