import './auth.css'
import { useEffect, useId, useRef, useState } from 'react'
import { ROLE_LABELS, type User } from '../../shared/api'
import { Dialog } from '../../shared/Dialog'
import { PasswordChangeForm } from './PasswordChangeForm'

interface UserMenuProps {
  user: User
  onSignOut(): void
}

/** Who is signed in, and the two things they can do about it. A disclosure, closed by Escape or a click outside. */
export function UserMenu({ user, onSignOut }: UserMenuProps) {
  const id = useId()
  const [open, setOpen] = useState(false)
  const [changing, setChanging] = useState(false)
  const [changed, setChanged] = useState(false)
  const [signingOut, setSigningOut] = useState(false)
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!open) return
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [open])

  const roleLabel = ROLE_LABELS[user.role]
  return (
    <div
      className="user-menu"
      ref={rootRef}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation()
          setOpen(false)
          buttonRef.current?.focus()
        }
      }}
      onBlur={(event) => {
        if (open && event.relatedTarget && !rootRef.current?.contains(event.relatedTarget as Node)) setOpen(false)
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="user-menu-button"
        data-testid="user-menu"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="user-menu-name">{user.name}</span>
        {/* The first administrator is called "Administrator"; saying it twice helps no one. */}
        {user.name !== roleLabel && (
          <span className="user-menu-role" data-testid="user-role">
            {roleLabel}
          </span>
        )}
        <span className="user-menu-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div id={`${id}-panel`} className="user-menu-panel" hidden={!open} data-testid="user-menu-panel">
        <p className="user-menu-who">
          <strong>{user.name}</strong>
          <br />
          {user.email}
          <br />
          {roleLabel}
          {user.role === 'councillor' && user.wards.length > 0 && (
            <>
              {' '}
              for {user.wards.map((ward) => ward.name).join(', ')}
            </>
          )}
        </p>
        <button
          type="button"
          data-testid="change-password"
          onClick={() => {
            setOpen(false)
            setChanged(false)
            setChanging(true)
          }}
        >
          Change password
        </button>
        <button
          type="button"
          data-testid="sign-out"
          disabled={signingOut}
          onClick={() => {
            setSigningOut(true)
            onSignOut()
          }}
        >
          {signingOut ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
      {changing && (
        <Dialog title="Change password" testId="password-dialog" onClose={() => setChanging(false)}>
          {changed ? (
            <div className="form">
              <p role="status" data-testid="password-changed">
                Your password has been changed. Any other sessions you had open have been signed out.
              </p>
              <div className="form-actions">
                <button type="button" className="primary" autoFocus onClick={() => setChanging(false)}>
                  Close
                </button>
              </div>
            </div>
          ) : (
            <PasswordChangeForm
              email={user.email}
              submitLabel="Change password"
              onChanged={() => setChanged(true)}
              onCancel={() => setChanging(false)}
            />
          )}
        </Dialog>
      )}
    </div>
  )
}
