// The demo upstream's catalogue. Shared by the node-side demo upstream (which simulates these jobs)
// and the home page (which lists them as links in demo mode), so the two cannot drift apart.

export type DemoScenario =
  | 'completes'
  | 'completes-slowly'
  | 'error'
  | 'postponed'
  | 'not-found'
  | 'flaky'
  | 'unknown-status'
  | 'expired-image'

export interface DemoJob {
  readonly id: string
  readonly scenario: DemoScenario
  /** One line for the home page: what this job shows. */
  readonly label: string
}

export const demoJobs: readonly DemoJob[] = [
  {
    id: '3f2b8c1e-7a4d-4e6f-9b1a-2c5d8e0f4a71',
    scenario: 'completes',
    label: 'Moves through every status and completes with four images (about 7 s)',
  },
  {
    id: 'a9c41d27-5e8b-4f30-8d6c-1b7e2f9a0c53',
    scenario: 'completes-slowly',
    label: 'Waits in the queue, then completes with one image (about 20 s)',
  },
  {
    id: '6d0e9f4a-2b7c-4a18-a3e5-9f1c7b2d8e06',
    scenario: 'error',
    label: 'Starts processing, then ends in ERROR',
  },
  {
    id: 'c7e5a2b9-0d3f-4c61-b8a4-5e2f1d9c7b30',
    scenario: 'postponed',
    label: 'Stuck in POSTPONED (polling slows down)',
  },
  {
    id: '1e8d3c6b-9a2f-4d57-8e0b-4c7a1f5d2e98',
    scenario: 'flaky',
    label: 'Completes, but the API answers 500 every third request',
  },
  {
    id: '5b9a7e3c-1f6d-4b82-9c0e-7d3a2b8f1e45',
    scenario: 'unknown-status',
    label: 'Reports a status this version does not know',
  },
  {
    id: '8f4c2e7a-6b1d-4e93-a05c-3d9b7f2e6a14',
    scenario: 'expired-image',
    label: 'Completed earlier; one image link has expired',
  },
  {
    id: '0a7d5f1c-3e9b-4c26-b4d8-6f2e0a9c5b17',
    scenario: 'not-found',
    label: 'Does not exist: the API answers 404',
  },
]
