import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { Root } from './app/Root'
import { publishDebug } from './features/map/debug-global'

publishDebug({ hexesLoaded: false, lastHexesUrl: '', cellCount: 0 })

const rootElement = document.getElementById('root')
if (!rootElement) throw new Error('index.html is missing #root')

createRoot(rootElement).render(
  <StrictMode>
    <Root />
  </StrictMode>,
)
