// The watch feature's door: the header's "Watching (n)", the "Notify me" toggles of the job page and
// the batch page, and the watch list. The menu, the polling and the news load once something is
// watched (WatchHeaderEntry); the toggles load with the page that shows them.
export { WatchHeaderEntry } from './WatchHeaderEntry.tsx'
export { WatchBatchToggle, WatchRowToggle, WatchToggle } from './WatchToggle.tsx'
export { watchListPart } from './watch-list.ts'
