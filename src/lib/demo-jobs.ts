// The demo upstream's catalogue. Shared by the node-side demo upstream (which simulates these jobs)
// and the home page (which lists them as links in demo mode), so the two cannot drift apart. Plain
// data: the server may import it (it may not import feature UI).
import type { BuiltInKind } from './job-kinds.ts'

export type DemoScenario =
  | 'completes'
  | 'completes-slowly'
  | 'error'
  | 'postponed'
  | 'not-found'
  | 'flaky'
  | 'unknown-status'
  | 'expired-image'
  | 'chat-completes'
  | 'chat-progress'
  | 'chat-error'
  | 'speech-completes'
  | 'speech-expired'

export interface DemoJob {
  readonly id: string
  /** The result endpoint that knows this job (the others answer 404); null for a job none knows. */
  readonly kind: BuiltInKind | null
  readonly scenario: DemoScenario
  /** One line for the home page: what this job shows. */
  readonly label: string
}

export const demoJobs: readonly DemoJob[] = [
  {
    id: '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71',
    kind: 'images',
    scenario: 'completes',
    label: 'Moves through every status and completes with four images (about 7 s)',
  },
  {
    id: 'a9c41d27-5e8b-4f30-8d6c-1b7e2f9a0c53',
    kind: 'images',
    scenario: 'completes-slowly',
    label: 'Waits in the queue, then completes with one image (about 20 s)',
  },
  {
    id: '6d0e9f4a-2b7c-4a18-a3e5-9f1c7b2d8e06',
    kind: 'images',
    scenario: 'error',
    label: 'Starts processing, then ends in ERROR',
  },
  {
    id: 'c7e5a2b9-0d3f-4c61-b8a4-5e2f1d9c7b30',
    kind: 'images',
    scenario: 'postponed',
    label: 'Stuck in POSTPONED (polling slows down)',
  },
  {
    id: '1e8d3c6b-9a2f-4d57-8e0b-4c7a1f5d2e98',
    kind: 'images',
    scenario: 'flaky',
    label: 'Completes, but the API answers 500 every third request',
  },
  {
    id: '5b9a7e3c-1f6d-4b82-9c0e-7d3a2b8f1e45',
    kind: 'images',
    scenario: 'unknown-status',
    label: 'Reports a status this version does not know',
  },
  {
    id: '8f4c2e7a-6b1d-4e93-a05c-3d9b7f2e6a14',
    kind: 'images',
    scenario: 'expired-image',
    label: 'Completed earlier; one image link has expired',
  },
  {
    id: '0a7d5f1c-3e9b-4c26-b4d8-6f2e0a9c5b17',
    kind: null,
    scenario: 'not-found',
    label: 'Does not exist: all three result endpoints answer 404',
  },
  {
    id: 'd4b8e2a6-7c3f-4e19-b5a0-2f6c9d1e8b47',
    kind: 'chat',
    scenario: 'chat-completes',
    label: 'A chat answer over several lines, with a tool call',
  },
  {
    id: '2c9f6a1d-8e4b-4a73-9d25-6b0e3f7a1c98',
    kind: 'chat',
    scenario: 'chat-progress',
    label: 'A chat job that moves through every status, then completes (about 8 s)',
  },
  {
    id: '9e1a5c7f-3b2d-4f86-a4c9-0d8b6e2f5a13',
    kind: 'chat',
    scenario: 'chat-error',
    label: 'A chat job that ends in ERROR',
  },
  {
    id: '7a3d9f2b-5e1c-4b68-8f04-c2e6a9b1d573',
    kind: 'speech',
    scenario: 'speech-completes',
    label: 'Speech with two playable audio results',
  },
  {
    id: 'b6e0c4a8-1f9d-4d35-9a72-e8f3b5c1a069',
    kind: 'speech',
    scenario: 'speech-expired',
    label: 'Speech completed earlier; its audio link has expired',
  },
]
