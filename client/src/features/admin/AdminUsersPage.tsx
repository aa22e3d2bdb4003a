import './admin.css'
import { useId, useMemo, useState, type FormEvent } from 'react'
import { usersUrl, type AdminUser, type NewUser, type PasswordReset } from './admin-api'
import { apiRequest, errorMessage, ROLE_LABELS, ROLES, wardListUrl, type Role, type User, type WardListAnswer } from '../../shared/api'
import { formatDateTime } from '../../shared/dates'
import { MIN_PASSWORD_LENGTH, newPasswordProblem } from '../auth/passwords'
import { useQueryClient } from '@tanstack/react-query'
import { IMPORTED_DATA_STALE_MS, invalidateApi } from '../../shared/query-client'
import { useApiQuery } from '../../shared/use-api-query'
import { draftOf, generatePassword, userPatch, type UserDraft } from './user-edit'
import type { WardRef } from '../../shared/ward-groups'
import { AdminTabs } from './AdminTabs'
import { Dialog } from '../../shared/Dialog'
import { EmptyState, ErrorState, FormError, LoadingState } from '../../shared/States'
import { WardPicker } from './WardPicker'

const ROLE_HINTS: Record<Role, string> = {
  admin: 'everything, including users and the audit log',
  analyst: 'the map, incidents and imports',
  inspector: 'the map, incidents and patrol tasking',
  councillor: 'ward reports for their own wards only',
  officer: 'the patrol tasks given to them or their team, and their visits',
}

/** Every ward, for the councillor ward picker. */
function useWardList(): { wards: WardRef[]; loading: boolean; error: string | null } {
  const list = useApiQuery<WardListAnswer>(wardListUrl, { staleTime: IMPORTED_DATA_STALE_MS })
  const wards = useMemo(() => (list.data?.items ?? []).map(({ code, name, councilName }) => ({ code, name, councilName })), [list.data])
  return { wards, loading: list.loading, error: list.error ? errorMessage(list.error) : null }
}

type Open = { kind: 'create' } | { kind: 'edit'; user: AdminUser } | { kind: 'reset'; user: AdminUser } | null

export function AdminUsersPage({ user: me }: { user: User }) {
  const queryClient = useQueryClient()
  const users = useApiQuery<{ items: AdminUser[] }>(usersUrl)
  const wardList = useWardList()
  const [open, setOpen] = useState<Open>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const items = useMemo(
    () => [...(users.data?.items ?? [])].sort((left, right) => left.email.localeCompare(right.email, 'en-GB')),
    [users.data],
  )

  function done(message: string) {
    setOpen(null)
    setNotice(message)
    void invalidateApi(queryClient, usersUrl)
  }

  return (
    <div className="content">
      <header className="page-header">
        <div>
          <h1>Users</h1>
          <p className="page-subtitle">Who can sign in to Patrolmap, and what each may see.</p>
        </div>
        <div className="page-actions">
          <button
            type="button"
            className="primary"
            data-testid="add-user"
            onClick={() => {
              setNotice(null)
              setOpen({ kind: 'create' })
            }}
          >
            Add user
          </button>
        </div>
      </header>
      <AdminTabs current="admin-users" />

      {notice && (
        <p className="notice" role="status" data-testid="users-notice">
          {notice}
        </p>
      )}
      {users.error && <ErrorState title="Could not load the users." error={users.error} onRetry={users.refetch} />}
      {!users.data && users.loading && <LoadingState label="Loading users…" />}
      {users.data && items.length === 0 && <EmptyState>No users yet.</EmptyState>}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="users-table">
            <caption className="visually-hidden">Users</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Wards</th>
                <th scope="col">Status</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((user) => (
                <tr key={user.id} data-testid="user-row" data-email={user.email} className={user.disabled ? 'row-disabled' : undefined}>
                  <th scope="row">{user.email}</th>
                  <td>{user.name}</td>
                  <td>{ROLE_LABELS[user.role]}</td>
                  <td>{user.role === 'councillor' ? (user.wards.length > 0 ? user.wards.map((ward) => ward.name).join(', ') : <span className="muted">none yet</span>) : ''}</td>
                  <td>
                    {user.disabled ? (
                      <span className="badge badge-off">Disabled</span>
                    ) : user.mustChangePassword ? (
                      <span className="badge badge-warn">Must change password</span>
                    ) : (
                      <span className="badge">Active</span>
                    )}
                  </td>
                  <td>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : <span className="muted">never</span>}</td>
                  <td className="actions">
                    <button type="button" data-testid="edit-user" aria-label={`Edit ${user.email}`} onClick={() => { setNotice(null); setOpen({ kind: 'edit', user }) }}>
                      Edit
                    </button>
                    <button type="button" data-testid="reset-password" aria-label={`Reset the password of ${user.email}`} onClick={() => { setNotice(null); setOpen({ kind: 'reset', user }) }}>
                      Reset password
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {open?.kind === 'create' && (
        <Dialog title="Add user" testId="create-user-dialog" wide onClose={() => setOpen(null)}>
          <CreateUserForm
            wardList={wardList}
            onCancel={() => setOpen(null)}
            onCreated={(created, password) =>
              done(`Added ${created.email}. Give them the initial password (${password.length} characters) by a safe route; they must change it when they first sign in.`)
            }
          />
        </Dialog>
      )}
      {open?.kind === 'edit' && (
        <Dialog title={`Edit ${open.user.email}`} testId="edit-user-dialog" wide onClose={() => setOpen(null)}>
          <EditUserForm user={open.user} isSelf={open.user.id === me.id} wardList={wardList} onCancel={() => setOpen(null)} onSaved={(saved) => done(`Saved ${saved.email}.`)} />
        </Dialog>
      )}
      {open?.kind === 'reset' && (
        <Dialog title={`Reset the password of ${open.user.email}`} testId="reset-password-dialog" onClose={() => setOpen(null)}>
          <ResetPasswordForm
            user={open.user}
            onCancel={() => setOpen(null)}
            onReset={() => done(`Reset the password of ${open.user.email}. They must change it at their next sign-in, and their open sessions have ended.`)}
          />
        </Dialog>
      )}
    </div>
  )
}

function RoleSelect({ id, value, onChange, disabled }: { id: string; value: Role; onChange(role: Role): void; disabled?: boolean }) {
  return (
    <>
      <select id={id} data-testid="user-role-select" value={value} disabled={disabled} onChange={(event) => onChange(event.target.value as Role)} aria-describedby={`${id}-hint`}>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role]}
          </option>
        ))}
      </select>
      <p className="hint" id={`${id}-hint`}>
        May use {ROLE_HINTS[value]}.
      </p>
    </>
  )
}

function PasswordInput(props: { id: string; label: string; value: string; onChange(value: string): void; email: string; autoFocus?: boolean }) {
  const { id, label, value, onChange, email, autoFocus } = props
  const [shown, setShown] = useState(false)
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <div className="input-row">
        <input
          id={id}
          type={shown ? 'text' : 'password'}
          autoComplete="new-password"
          spellCheck={false}
          data-testid="initial-password"
          data-autofocus={autoFocus ? true : undefined}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={`${id}-hint`}
          minLength={MIN_PASSWORD_LENGTH}
          required
        />
        <button type="button" onClick={() => setShown((on) => !on)} aria-pressed={shown}>
          {shown ? 'Hide' : 'Show'}
        </button>
        <button
          type="button"
          onClick={() => {
            onChange(generatePassword())
            setShown(true)
          }}
        >
          Generate
        </button>
      </div>
      <p className="hint" id={`${id}-hint`}>
        At least {MIN_PASSWORD_LENGTH} characters{email ? ', not the email address' : ''}. They must change it when they
        first sign in.
      </p>
    </div>
  )
}

interface WardListState {
  wards: WardRef[]
  loading: boolean
  error: string | null
}

function CreateUserForm({ wardList, onCreated, onCancel }: { wardList: WardListState; onCreated(user: AdminUser, password: string): void; onCancel(): void }) {
  const id = useId()
  const [email, setEmail] = useState('')
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('analyst')
  const [password, setPassword] = useState('')
  const [wards, setWards] = useState<string[]>([])
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (submitting) return
    const problem =
      !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.trim())
        ? 'Enter the email address they will sign in with.'
        : name.trim() === ''
          ? 'Enter their name.'
          : newPasswordProblem(password, null, email)?.replace('The new password', 'The initial password') ?? null
    if (problem) {
      setError(problem)
      return
    }
    setSubmitting(true)
    setError(null)
    try {
      const created = await apiRequest<AdminUser>(usersUrl, {
        method: 'POST',
        body: { email: email.trim(), name: name.trim(), role, password, ...(role === 'councillor' && wards.length > 0 ? { wards: [...wards].sort() } : {}) } satisfies NewUser,
      })
      onCreated(created, password)
    } catch (caught) {
      setError(errorMessage(caught))
      setSubmitting(false)
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="create-user-form" aria-describedby={`${id}-error`}>
      <div className="form-grid">
        <div className="form-field">
          <label htmlFor={`${id}-email`}>Email address</label>
          <input id={`${id}-email`} type="email" autoComplete="off" spellCheck={false} data-testid="new-user-email" data-autofocus value={email} onChange={(event) => setEmail(event.target.value)} required />
        </div>
        <div className="form-field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} type="text" autoComplete="off" data-testid="new-user-name" value={name} onChange={(event) => setName(event.target.value)} required />
        </div>
        <div className="form-field">
          <label htmlFor={`${id}-role`}>Role</label>
          <RoleSelect id={`${id}-role`} value={role} onChange={setRole} />
        </div>
        <PasswordInput id={`${id}-password`} label="Initial password" value={password} onChange={setPassword} email={email} />
      </div>
      {role === 'councillor' && <WardPicker wards={wardList.wards} selected={wards} onChange={setWards} loading={wardList.loading} error={wardList.error} />}
      <FormError id={`${id}-error`} message={error} testId="create-user-error" />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={submitting} data-testid="create-user-submit">
          {submitting ? 'Adding…' : 'Add user'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

function EditUserForm({
  user,
  isSelf,
  wardList,
  onSaved,
  onCancel,
}: {
  user: AdminUser
  isSelf: boolean
  wardList: WardListState
  onSaved(user: AdminUser): void
  onCancel(): void
}) {
  const id = useId()
  const [draft, setDraft] = useState<UserDraft>(() => draftOf(user))
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const patch = userPatch(user, draft)
  const unchanged = Object.keys(patch).length === 0
  const update = (change: Partial<UserDraft>) => setDraft((previous) => ({ ...previous, ...change }))

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (submitting) return
    if (draft.name.trim() === '') {
      setError('Enter their name.')
      return
    }
    if (unchanged) {
      onCancel()
      return
    }
    setSubmitting(true)
    setError(null)
    try {
      onSaved(await apiRequest<AdminUser>(`${usersUrl}/${user.id}`, { method: 'PATCH', body: patch }))
    } catch (caught) {
      setError(errorMessage(caught))
      setSubmitting(false)
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="edit-user-form" aria-describedby={`${id}-error`}>
      <div className="form-grid">
        <div className="form-field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} type="text" data-testid="edit-user-name" data-autofocus value={draft.name} onChange={(event) => update({ name: event.target.value })} required />
        </div>
        <div className="form-field">
          <label htmlFor={`${id}-role`}>Role</label>
          <RoleSelect id={`${id}-role`} value={draft.role} onChange={(role) => update({ role })} disabled={isSelf} />
          {isSelf && <p className="hint">You cannot change your own role.</p>}
        </div>
      </div>
      <div className="form-field checkbox-field">
        <label>
          <input type="checkbox" data-testid="edit-user-disabled" checked={draft.disabled} disabled={isSelf} onChange={(event) => update({ disabled: event.target.checked })} />
          Account disabled
        </label>
        <p className="hint">
          {isSelf ? 'You cannot disable your own account.' : 'A disabled account cannot sign in, and its open sessions end at once.'}
        </p>
      </div>
      {draft.role === 'councillor' && (
        <WardPicker wards={wardList.wards} selected={draft.wards} onChange={(wards) => update({ wards })} loading={wardList.loading} error={wardList.error} />
      )}
      {user.role === 'councillor' && draft.role !== 'councillor' && user.wards.length > 0 && (
        <p className="hint">Their ward assignments will be removed with the councillor role.</p>
      )}
      <FormError id={`${id}-error`} message={error} testId="edit-user-error" />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={submitting || unchanged} data-testid="edit-user-submit">
          {submitting ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

function ResetPasswordForm({ user, onReset, onCancel }: { user: AdminUser; onReset(): void; onCancel(): void }) {
  const id = useId()
  const [password, setPassword] = useState('')
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (submitting) return
    const problem = newPasswordProblem(password, null, user.email)?.replace('The new password', 'The password') ?? null
    if (problem) {
      setError(problem)
      return
    }
    setSubmitting(true)
    setError(null)
    try {
      await apiRequest(`${usersUrl}/${user.id}/password`, { method: 'POST', body: { password } satisfies PasswordReset })
      onReset()
    } catch (caught) {
      setError(errorMessage(caught))
      setSubmitting(false)
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="reset-password-form" aria-describedby={`${id}-error`}>
      <p>
        {user.name} will have to choose a new password when they next sign in, and any session they have open ends now.
      </p>
      <PasswordInput id={`${id}-password`} label="New password" value={password} onChange={setPassword} email={user.email} autoFocus />
      <FormError id={`${id}-error`} message={error} testId="reset-password-error" />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={submitting} data-testid="reset-password-submit">
          {submitting ? 'Resetting…' : 'Reset password'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
