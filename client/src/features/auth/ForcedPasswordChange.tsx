import { useEffect } from 'react'
import type { User } from '../../shared/api'
import './auth.css'
import { PasswordChangeForm } from './PasswordChangeForm'

/** After an administrator set the password: the user chooses their own before anything else. */
export function ForcedPasswordChange({ user, onChanged, onSignOut }: { user: User; onChanged(): void; onSignOut(): void }) {
  useEffect(() => {
    document.title = 'Patrolmap — choose a new password'
  }, [])
  return (
    <main className="auth-page">
      <div className="auth-card" data-testid="forced-password-change">
        <p className="auth-brand">Patrolmap</p>
        <h1>Choose a new password</h1>
        <p>
          Signed in as <strong>{user.email}</strong>. Your password was set by an administrator, so choose your own
          before going on.
        </p>
        <PasswordChangeForm email={user.email} submitLabel="Save and continue" onChanged={onChanged} />
        <p className="auth-help">
          <button type="button" className="link-button" onClick={onSignOut}>
            Sign out instead
          </button>
        </p>
      </div>
    </main>
  )
}
