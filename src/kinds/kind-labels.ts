// The word for each kind ("Image", "Chat", "Speech"), apart from the registry so that lists which
// only name a kind (Recent, the demo jobs) do not load every kind's views and summaries with it.
import { type BuiltInKind, type JobKind, isBuiltInKind } from '../lib/job-kinds.ts'

export const KIND_LABELS: Readonly<Record<BuiltInKind, string>> = {
  images: 'Image',
  chat: 'Chat',
  speech: 'Speech',
}

/** The kind word for a kind name: "Image", "Chat", "Speech" (a kind this list lacks: its name). */
export function kindLabel(kind: JobKind): string {
  return isBuiltInKind(kind) ? KIND_LABELS[kind] : kind
}
