import './resident-reports.css'
import { ReceiptPage } from './ReceiptPage'
import { ReportFormPage } from './ReportFormPage'
import { receiptCodeOfPath } from './reports-api'

/** The public side: the form at /report, a receipt at /report/receipt/:code. */
export function PublicReportApp({ pathname }: { pathname: string }) {
  const code = receiptCodeOfPath(pathname)
  return code ? <ReceiptPage code={code} /> : <ReportFormPage />
}
