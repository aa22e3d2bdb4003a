// The public report pages' own entry (client/report.html, which the server answers for /report and its receipts): the
// form, its receipts and nothing of the staff's app, so a phone on a slow connection fetches only what the form needs
// before it can be used. The map comes after, as its own chunk (PinMap).
import '../../shared/base.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { usePathname } from '../../app/navigation'
import { PublicReportApp } from './PublicReportApp'

function PublicRoot() {
  return <PublicReportApp pathname={usePathname()} />
}

const rootElement = document.getElementById('root')
if (!rootElement) throw new Error('report.html is missing #root')

createRoot(rootElement).render(
  <StrictMode>
    <PublicRoot />
  </StrictMode>,
)
