import { describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS } from './admin-api'
import { auditActionLabel, auditChanges, describeAuditEntry, formatAuditValue, formatDetails } from './audit-format'

describe('formatAuditValue', () => {
  it('writes values the way an administrator reads them', () => {
    expect(formatAuditValue(true)).toBe('yes')
    expect(formatAuditValue(false)).toBe('no')
    expect(formatAuditValue(null)).toBe('—')
    expect(formatAuditValue(undefined)).toBe('—')
    expect(formatAuditValue([])).toBe('(none)')
    expect(formatAuditValue(['E05000001', 'E05000002'])).toBe('E05000001, E05000002')
    expect(formatAuditValue('analyst')).toBe('analyst')
    expect(formatAuditValue(12)).toBe('12')
    expect(formatAuditValue({ a: 1 })).toBe('{"a":1}')
  })
})

describe('auditChanges', () => {
  const before = { email: 'c@x.uk', name: 'Cllr Smith', role: 'councillor', disabled: false, wards: ['E05000001', 'E05000002'] }

  it('lists only the fields that changed, as before → after', () => {
    expect(auditChanges(before, { ...before, role: 'analyst', disabled: true })).toEqual([
      { field: 'role', text: 'role: councillor → analyst' },
      { field: 'disabled', text: 'disabled: no → yes' },
    ])
  })

  it('shows list changes as additions and removals, ignoring order', () => {
    expect(auditChanges(before, { ...before, wards: ['E05000003', 'E05000001'] })).toEqual([
      { field: 'wards', text: 'wards: +E05000003, −E05000002' },
    ])
    expect(auditChanges(before, { ...before, wards: ['E05000002', 'E05000001'] })).toEqual([])
  })

  it('handles fields present on one side only', () => {
    expect(auditChanges({ name: 'A' }, { name: 'A', role: 'admin' })).toEqual([{ field: 'role', text: 'role: — → admin' }])
    expect(auditChanges(null, { wards: ['E05000001'] })).toEqual([{ field: 'wards', text: 'wards: +E05000001' }])
  })
})

describe('describeAuditEntry', () => {
  it('diffs an update', () => {
    expect(
      describeAuditEntry({ action: 'user.update', details: null, before: { role: 'analyst' }, after: { role: 'inspector' } }),
    ).toEqual(['role: analyst → inspector'])
  })

  it('says so when an update changed nothing', () => {
    expect(describeAuditEntry({ action: 'user.update', details: null, before: { role: 'analyst' }, after: { role: 'analyst' } })).toEqual([
      'no change',
    ])
  })

  it('lists a created record and the details', () => {
    expect(
      describeAuditEntry({ action: 'user.create', details: { bootstrap: true }, before: null, after: { email: 'a@x.uk', role: 'admin' } }),
    ).toEqual(['email: a@x.uk', 'role: admin', 'bootstrap: yes'])
  })

  it('prints details alone when there is no record', () => {
    expect(describeAuditEntry({ action: 'auth.login_failed', details: { reason: 'wrong password' }, before: null, after: null })).toEqual([
      'reason: wrong password',
    ])
    expect(formatDetails(null)).toBe('')
  })
})

describe('auditActionLabel', () => {
  it('names every action the server records, and shows one it does not know as recorded', () => {
    for (const action of AUDIT_ACTIONS) expect(auditActionLabel(action), action).not.toBe(action)
    expect(auditActionLabel('auth.password_change_failed')).toBe('Password change failed')
    expect(auditActionLabel('user.renamed_long_ago')).toBe('user.renamed_long_ago')
  })
})
