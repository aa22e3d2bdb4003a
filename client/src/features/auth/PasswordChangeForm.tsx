import { useId, useState, type FormEvent } from 'react'
import type { PasswordChange } from '../../../../server/src/features/auth/schemas'
import { apiRequest, errorMessage, passwordUrl } from '../../shared/api'
import { MIN_PASSWORD_LENGTH, passwordChangeProblem } from './passwords'
import { FormError } from '../../shared/States'

interface PasswordChangeFormProps {
  email: string
  submitLabel: string
  onChanged(): void
  onCancel?(): void
}

/** Current + new + confirmation; the server's answer (a wrong current password, say) is shown as it names it. */
export function PasswordChangeForm({ email, submitLabel, onChanged, onCancel }: PasswordChangeFormProps) {
  const id = useId()
  const [currentPassword, setCurrentPassword] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [confirmPassword, setConfirmPassword] = useState('')
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (submitting) return
    const problem = passwordChangeProblem({ currentPassword, newPassword, confirmPassword }, email)
    if (problem) {
      setError(problem)
      return
    }
    setSubmitting(true)
    setError(null)
    try {
      await apiRequest(passwordUrl, { method: 'POST', body: { currentPassword, newPassword } satisfies PasswordChange })
      onChanged()
    } catch (caught) {
      setError(errorMessage(caught))
      setSubmitting(false)
    }
  }

  const errorId = `${id}-error`
  return (
    <form className="form" onSubmit={submit} noValidate data-testid="password-form" aria-describedby={errorId}>
      {/* Lets password managers tie the new password to the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <div className="form-field">
        <label htmlFor={`${id}-current`}>Current password</label>
        <input
          id={`${id}-current`}
          type="password"
          autoComplete="current-password"
          data-testid="current-password"
          data-autofocus
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.target.value)}
          required
        />
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-new`}>New password</label>
        <input
          id={`${id}-new`}
          type="password"
          autoComplete="new-password"
          data-testid="new-password"
          aria-describedby={`${id}-hint`}
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
          minLength={MIN_PASSWORD_LENGTH}
          required
        />
        <p className="hint" id={`${id}-hint`}>
          At least {MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong, memorable password.
        </p>
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-confirm`}>Confirm new password</label>
        <input
          id={`${id}-confirm`}
          type="password"
          autoComplete="new-password"
          data-testid="confirm-password"
          value={confirmPassword}
          onChange={(event) => setConfirmPassword(event.target.value)}
          required
        />
      </div>
      <FormError id={errorId} message={error} testId="password-error" />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={submitting} data-testid="password-submit">
          {submitting ? 'Saving…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  )
}
