import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App.tsx'
import { createQueryClient } from './app/query-client.ts'
import { loadRuntimeConfig } from './config/runtime-config.tsx'
import './index.css'

const root = document.getElementById('root')
if (root) {
  // config.json is preloaded by index.html, so this wait overlaps with loading this script.
  void loadRuntimeConfig().then((config) => {
    createRoot(root).render(
      <StrictMode>
        <App config={config} queryClient={createQueryClient()} />
      </StrictMode>,
    )
  })
}
