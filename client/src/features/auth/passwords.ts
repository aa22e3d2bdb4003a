/** The server's rule (docs/access.md); checked here too so the common mistakes are caught before a round trip. */
export const MIN_PASSWORD_LENGTH = 10

export interface PasswordChange {
  currentPassword: string
  newPassword: string
  confirmPassword: string
}

/** The first problem with a password change as typed, or null when it is worth sending. */
export function passwordChangeProblem(change: PasswordChange, email: string): string | null {
  if (change.currentPassword === '') return 'Enter your current password.'
  return newPasswordProblem(change.newPassword, change.confirmPassword, email) ??
    (change.newPassword === change.currentPassword ? 'The new password must differ from the current one.' : null)
}

/** For any password being set: long enough, not the email, typed the same twice. */
export function newPasswordProblem(password: string, confirmation: string | null, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `The new password must be at least ${MIN_PASSWORD_LENGTH} characters.`
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return 'The new password must not be your email address.'
  if (confirmation !== null && password !== confirmation) return 'The two new passwords do not match.'
  return null
}
