import './auth.css'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type { SignIn } from '../../../../server/src/features/auth/schemas'
import { apiRequest, errorMessage, loginUrl, type SessionAnswer } from '../../shared/api'
import { FormError } from '../../shared/States'

interface LoginPageProps {
  /** Why the user is here again ("Your session has ended; sign in again."), shown above the form. */
  notice: string | null
  onSignedIn(answer: SessionAnswer): void
}

export function LoginPage({ notice, onSignedIn }: LoginPageProps) {
  const id = useId()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const emailRef = useRef<HTMLInputElement>(null)
  const passwordRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    document.title = 'Patrolmap — sign in'
    emailRef.current?.focus()
  }, [])

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (submitting) return
    if (email.trim() === '' || password === '') {
      setError('Enter your email address and password.')
      return
    }
    setSubmitting(true)
    setError(null)
    try {
      const answer = await apiRequest<SessionAnswer>(loginUrl, {
        method: 'POST',
        body: { email: email.trim(), password } satisfies SignIn,
        handlesUnauthorized: true,
      })
      onSignedIn(answer)
    } catch (caught) {
      setError(errorMessage(caught))
      setSubmitting(false)
      setPassword('')
      passwordRef.current?.focus()
    }
  }

  const errorId = `${id}-error`
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="auth-brand">Patrolmap</p>
        <h1>Sign in</h1>
        {notice && (
          <p className="notice" role="status" data-testid="login-notice">
            {notice}
          </p>
        )}
        <form className="form" onSubmit={submit} noValidate data-testid="login-form" aria-describedby={errorId}>
          <div className="form-field">
            <label htmlFor={`${id}-email`}>Email address</label>
            <input
              ref={emailRef}
              id={`${id}-email`}
              type="email"
              name="email"
              autoComplete="username"
              inputMode="email"
              spellCheck={false}
              data-testid="login-email"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-invalid={error ? true : undefined}
              required
            />
          </div>
          <div className="form-field">
            <label htmlFor={`${id}-password`}>Password</label>
            <input
              ref={passwordRef}
              id={`${id}-password`}
              type="password"
              name="password"
              autoComplete="current-password"
              data-testid="login-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={error ? true : undefined}
              required
            />
          </div>
          <FormError id={errorId} message={error} testId="login-error" />
          <div className="form-actions">
            <button type="submit" className="primary wide" disabled={submitting} data-testid="login-submit">
              {submitting ? 'Signing in…' : 'Sign in'}
            </button>
          </div>
        </form>
        <p className="hint auth-help">Forgotten your password? Ask your Patrolmap administrator to reset it.</p>
      </div>
    </main>
  )
}
