import './shared/base.css'
import './shared/ui.css'
import { QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { Root } from './app/Root'
import { createQueryClient } from './shared/query-client'
import { publishDebug } from './shared/test-hooks'

publishDebug({ hexesLoaded: false, lastHexesUrl: '', cellCount: 0 })

const rootElement = document.getElementById('root')
if (!rootElement) throw new Error('index.html is missing #root')

const queryClient = createQueryClient()

createRoot(rootElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Root />
    </QueryClientProvider>
  </StrictMode>,
)
