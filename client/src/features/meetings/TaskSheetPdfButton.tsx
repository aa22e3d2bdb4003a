import { useId, useState } from 'react'
import { apiRequest, errorMessage } from '../../shared/api'
import { FormError } from '../../shared/States'
import { taskSheetPdfUrl } from './meetings-api'

/**
 * The lead team's task sheet for the meeting that set a task, as the A4 PDF the server renders, for an officer to keep
 * on the phone. Fetched rather than linked, so a refusal (another team's sheet) or no PDF to be had (no Chromium on
 * the server) reads as the server's sentence beside the button, not as a downloaded file of JSON.
 */
export function TaskSheetPdfButton({ meetingId, team }: { meetingId: number; team: { id: number; name: string } }) {
  const id = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const download = async () => {
    setBusy(true)
    setError(null)
    try {
      const pdf = await apiRequest<Blob>(taskSheetPdfUrl(meetingId, team.id), { answer: 'blob' })
      const url = URL.createObjectURL(pdf)
      const link = document.createElement('a')
      link.href = url
      link.download = `task-sheet-meeting-${meetingId}-team-${team.id}.pdf`
      link.click()
      // Long enough for the browser to have taken the file.
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000)
    } catch (failure) {
      setError(`Could not get the task sheet: ${errorMessage(failure)}`)
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="task-sheet-download">
      <button type="button" onClick={() => void download()} disabled={busy} aria-describedby={`${id}-error`} data-testid="task-sheet-pdf">
        {busy ? 'Making the task sheet PDF…' : `Task sheet PDF (${team.name}, from the JAG meeting)`}
      </button>
      <FormError id={`${id}-error`} message={error} testId="task-sheet-error" />
    </div>
  )
}
