import type { AdminUser, UserChange } from './admin-api'
import type { Role } from '../../shared/api'

export interface UserDraft {
  name: string
  role: Role
  disabled: boolean
  wards: string[]
}

/** The PATCH /api/users/:id body (the server's UserChange). */
export type UserPatch = UserChange

export function draftOf(user: AdminUser): UserDraft {
  return { name: user.name, role: user.role, disabled: user.disabled, wards: user.wards.map((ward) => ward.code) }
}

function sameSet(left: readonly string[], right: readonly string[]): boolean {
  if (left.length !== right.length) return false
  const set = new Set(left)
  return right.every((item) => set.has(item))
}

/**
 * The PATCH body for an edit: only what changed, so the audit trail records what the administrator meant to
 * change. Wards are sent for councillors only; the server drops them when someone stops being a councillor.
 */
export function userPatch(user: AdminUser, draft: UserDraft): UserPatch {
  const patch: UserPatch = {}
  const name = draft.name.trim()
  if (name !== user.name) patch.name = name
  if (draft.role !== user.role) patch.role = draft.role
  if (draft.disabled !== user.disabled) patch.disabled = draft.disabled
  const currentWards = user.wards.map((ward) => ward.code)
  if (draft.role === 'councillor' && !sameSet(draft.wards, currentWards)) patch.wards = [...draft.wards].sort()
  return patch
}

/** A random initial password for an administrator to hand over: 16 characters from an unambiguous alphabet. */
export function generatePassword(random: (buffer: Uint32Array) => Uint32Array = (buffer) => crypto.getRandomValues(buffer)): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const values = random(new Uint32Array(16))
  return [...values].map((value) => alphabet[value % alphabet.length]).join('')
}
