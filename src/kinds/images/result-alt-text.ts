import type { ImageResult } from './image-job.ts'
import { cutText } from '../../lib/text-cut.ts'

/** Alt text is read out whole; the full prompt is visible text beside the image anyway. */
const ALT_MAX_CHARS = 300

/** The revised prompt describes the image best; without one, say which image it is. */
export function altText(result: ImageResult, index: number, total: number): string {
  const prompt = result.revisedPrompt?.trim()
  if (!prompt) return `Result image ${index + 1} of ${total} (no revised prompt)`
  const { text, omitted } = cutText(prompt, ALT_MAX_CHARS)
  return omitted > 0 ? `${text}…` : text
}
