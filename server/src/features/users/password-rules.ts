/**
 * What a new password must be, as plain code with no imports: the server refuses by it and the client's forms check
 * by it before a round trip (docs/access.md), so a rule changed here changes both.
 */

export const MIN_PASSWORD_LENGTH = 10
export const MAX_PASSWORD_LENGTH = 200

/** NCSC-style: length over composition rules; refuse only what is plainly guessable. Null when acceptable. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`
  const lower = password.toLowerCase()
  if (lower === email.toLowerCase() || lower === email.toLowerCase().split('@')[0]) return 'must not be your email address'
  if (new Set(password).size < 4) return 'must not repeat so few characters'
  if (COMMON_PASSWORDS.has(lower)) return 'is too common'
  return null
}

const COMMON_PASSWORDS = new Set([
  'password123', 'password1234', '1234567890', '12345678910', 'qwertyuiop', 'iloveyou123', 'administrator',
  'patrolmap123', 'letmein1234', 'welcome1234', 'changeme123', 'passw0rd123', 'qwerty12345', 'abcdefghij',
])
