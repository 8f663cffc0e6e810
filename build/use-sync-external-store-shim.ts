// What `use-sync-external-store/shim` is for — React's useSyncExternalStore before React 18 had it —
// this app never needs: React 19 has its own. wouter imports the shim, which ships its fallback
// (~0.7 KB) into the first load and only then picks React's. vite.config.ts points the import here.
export { useSyncExternalStore } from 'react'
