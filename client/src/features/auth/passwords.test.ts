import { describe, expect, it } from 'vitest'
import { passwordProblem } from '../../../../server/src/features/users/password-rules'
import { newPasswordProblem, passwordChangeProblem } from './passwords'

describe('passwordChangeProblem', () => {
  const ok = { currentPassword: 'old password 1', newPassword: 'a new password', confirmPassword: 'a new password' }

  it('accepts a sound change', () => {
    expect(passwordChangeProblem(ok, 'a@b.uk')).toBeNull()
  })

  it('names the first problem', () => {
    expect(passwordChangeProblem({ ...ok, currentPassword: '' }, 'a@b.uk')).toBe('Enter your current password.')
    expect(passwordChangeProblem({ ...ok, newPassword: 'short', confirmPassword: 'short' }, 'a@b.uk')).toMatch(/at least 10/)
    expect(passwordChangeProblem({ ...ok, confirmPassword: 'a new passwordx' }, 'a@b.uk')).toMatch(/do not match/)
    expect(passwordChangeProblem({ ...ok, newPassword: ok.currentPassword, confirmPassword: ok.currentPassword }, 'a@b.uk')).toMatch(/differ/)
  })

  it('refuses the email as a password, without asking for a confirmation when there is none', () => {
    expect(newPasswordProblem('Someone@Council.gov.uk', null, 'someone@council.gov.uk')).toMatch(/email/)
    expect(newPasswordProblem('long enough pass', null, 'a@b.uk')).toBeNull()
  })

  it('refuses exactly what the server refuses, in its words', () => {
    const email = 'someone@council.gov.uk'
    const samples = ['short', 'x'.repeat(201), 'someone@council.gov.uk', 'Someone12', 'aaaaaaaaaaaaa', 'Password123', 'a sound passphrase']
    for (const password of samples) {
      const server = passwordProblem(password, email)
      expect(newPasswordProblem(password, password, ` ${email} `), password).toBe(server && `The new password ${server}.`)
    }
  })
})
