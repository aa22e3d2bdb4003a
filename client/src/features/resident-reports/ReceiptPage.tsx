import { useEffect, useState, type FormEvent } from 'react'
import { ApiError } from '../../shared/api'
import { formatDateTime } from './report-format'
import { publicJson, receiptMessagesUrl, receiptUrl, REPORT_LIMITS, type ReceiptAnswer } from './reports-api'

/**
 * A report's receipt, for whoever holds its code: the status in words, the reason for a refusal, the messages both
 * ways, and a box to write back. Right after sending, the code is shown large with a reminder to keep it.
 */
export function ReceiptPage({ code }: { code: string }) {
  const justSent = new URLSearchParams(window.location.search).get('new') === '1'
  const [receipt, setReceipt] = useState<ReceiptAnswer | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [reply, setReply] = useState('')
  const [sending, setSending] = useState(false)

  useEffect(() => {
    document.title = 'Your report'
    const controller = new AbortController()
    publicJson<ReceiptAnswer>(receiptUrl(code), { signal: controller.signal }).then(
      (answer) => {
        setReceipt(answer)
        setFailure(null)
      },
      (error: unknown) => {
        if (controller.signal.aborted) return
        setFailure(error instanceof ApiError ? error.message.replace(/^code: /, '') : 'Could not reach the server; try again.')
      },
    )
    return () => controller.abort()
  }, [code])

  const send = async (event: FormEvent) => {
    event.preventDefault()
    if (reply.trim() === '') return
    setSending(true)
    try {
      setReceipt(await publicJson<ReceiptAnswer>(receiptMessagesUrl(code), { method: 'POST', body: { body: reply } }))
      setReply('')
      setFailure(null)
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : 'Could not reach the server; try again.')
    } finally {
      setSending(false)
    }
  }

  return (
    <main className="report-page" id="main">
      <h1>Your report</h1>
      {justSent && (
        <div className="report-sent" role="status" data-testid="receipt-new">
          <p>Thank you: your report was sent.</p>
          <p>
            Your receipt code is <strong className="report-code" data-testid="receipt-code">{code}</strong>
          </p>
          <p>Keep it (bookmark this page or write the code down): it is the only way to see what happens to your report, and we cannot show it again.</p>
        </div>
      )}
      {failure && (
        <div className="report-alert" role="alert" data-testid="receipt-error">
          {failure}
        </div>
      )}
      {receipt && (
        <>
          <p className="report-status" data-testid="receipt-status" data-status={receipt.status}>
            <strong>{receipt.statusWords}</strong>
          </p>
          {receipt.reason && <p data-testid="receipt-reason">Reason: {receipt.reason}</p>}
          <p className="report-hint">
            Sent {formatDateTime(receipt.submittedAt)}
            {receipt.decidedAt ? `; decided ${formatDateTime(receipt.decidedAt)}` : ''}.
          </p>
          <h2>Messages</h2>
          {receipt.messages.length === 0 ? (
            <p>No messages yet.</p>
          ) : (
            <ol className="report-messages" data-testid="receipt-messages">
              {receipt.messages.map((message, index) => (
                <li key={index} className={`report-message report-message-${message.from}`}>
                  <span className="report-message-who">{message.from === 'staff' ? 'From the team' : 'You'}, {formatDateTime(message.sentAt)}</span>
                  <p>{message.body}</p>
                </li>
              ))}
            </ol>
          )}
          <form onSubmit={send}>
            <label htmlFor="receipt-reply">Add a message (for example, if it happens again)</label>
            <textarea id="receipt-reply" rows={3} maxLength={REPORT_LIMITS.messageChars} value={reply} onChange={(event) => setReply(event.target.value)} data-testid="receipt-reply" />
            <button type="submit" disabled={sending || reply.trim() === ''}>
              {sending ? 'Sending…' : 'Send the message'}
            </button>
          </form>
        </>
      )}
      <p>
        <a href="/report">Report something else</a>
      </p>
    </main>
  )
}
