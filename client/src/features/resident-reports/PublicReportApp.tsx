import './resident-reports.css'
import { ReceiptPage } from './ReceiptPage'
import { ReportFormPage } from './ReportFormPage'
import { receiptCodeOfPath } from './reports-api'

/** The public side: the form at /report, a receipt at /report/receipt/:code. */
export function PublicReportApp({ pathname }: { pathname: string }) {
  const code = receiptCodeOfPath(pathname)
  // The app's document never scrolls (base.css: html, body and #root are the map's fixed frame): this box does.
  return <div className="report-scroll" data-testid="report-scroll">{code ? <ReceiptPage code={code} /> : <ReportFormPage />}</div>
}
