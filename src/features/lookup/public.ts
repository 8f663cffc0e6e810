// The lookup feature's door: the Job ID box (the header's and the home page's), and where its text
// leads (also the address bar's search).
export { JobIdForm } from './JobIdForm.tsx'
export { lookupHref, readSearchInput } from './lookup-target.ts'
