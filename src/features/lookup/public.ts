// The lookup feature's door: the Job ID box (the header's and the home page's).
export { JobIdForm } from './JobIdForm.tsx'
