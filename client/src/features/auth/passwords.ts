import type { PasswordChange } from '../../../../server/src/features/auth/schemas'
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../../../../server/src/features/users/password-rules'

/** The server's rules (docs/access.md), checked here too so the common mistakes are caught before a round trip. */
export { MIN_PASSWORD_LENGTH }

/** What the form holds: the server's request and the new password typed a second time. */
export type PasswordChangeDraft = PasswordChange & { confirmPassword: string }

/** The first problem with a password change as typed, or null when it is worth sending. */
export function passwordChangeProblem(change: PasswordChangeDraft, email: string): string | null {
  if (change.currentPassword === '') return 'Enter your current password.'
  return newPasswordProblem(change.newPassword, change.confirmPassword, email) ??
    (change.newPassword === change.currentPassword ? 'The new password must differ from the current one.' : null)
}

/** For any password being set: what the server would refuse, then the two typings differing. */
export function newPasswordProblem(password: string, confirmation: string | null, email: string): string | null {
  // The server compares with the address as it stores it (trimmed; the rule ignores case).
  const problem = passwordProblem(password, email.trim())
  if (problem) return `The new password ${problem}.`
  if (confirmation !== null && password !== confirmation) return 'The two new passwords do not match.'
  return null
}
