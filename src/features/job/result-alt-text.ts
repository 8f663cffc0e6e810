import type { ImageResult } from '../../api/image-job.ts'

/** The revised prompt describes the image best; without one, say which image it is. */
export function altText(result: ImageResult, index: number, total: number): string {
  const prompt = result.revisedPrompt?.trim()
  return prompt ? prompt : `Result image ${index + 1} of ${total} (no revised prompt)`
}
