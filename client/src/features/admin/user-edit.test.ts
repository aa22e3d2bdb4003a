import { describe, expect, it } from 'vitest'
import type { AdminUser } from './admin-api'
import { draftOf, generatePassword, userPatch } from './user-edit'

const councillor: AdminUser = {
  id: 7,
  email: 'cllr@x.gov.uk',
  name: 'Cllr Jones',
  role: 'councillor',
  mustChangePassword: false,
  wards: [
    { code: 'E05000002', name: 'B' },
    { code: 'E05000001', name: 'A' },
  ],
  disabled: false,
  team: null,
  createdAt: '2024-01-01T00:00:00Z',
  lastLoginAt: null,
}

describe('userPatch', () => {
  it('sends nothing when nothing changed, whatever the ward order', () => {
    expect(userPatch(councillor, { ...draftOf(councillor), wards: ['E05000001', 'E05000002'] })).toEqual({})
  })

  it('sends only the changed fields', () => {
    expect(userPatch(councillor, { ...draftOf(councillor), name: ' Cllr A Jones ', disabled: true })).toEqual({
      name: 'Cllr A Jones',
      disabled: true,
    })
    expect(userPatch(councillor, { ...draftOf(councillor), wards: ['E05000003'] })).toEqual({ wards: ['E05000003'] })
  })

  it('leaves wards out when the user stops being a councillor', () => {
    expect(userPatch(councillor, { ...draftOf(councillor), role: 'analyst', wards: [] })).toEqual({ role: 'analyst' })
  })

  it('sends wards with a new councillor role', () => {
    const analyst: AdminUser = { ...councillor, role: 'analyst', wards: [] }
    expect(userPatch(analyst, { ...draftOf(analyst), role: 'councillor', wards: ['E05000009'] })).toEqual({
      role: 'councillor',
      wards: ['E05000009'],
    })
  })
})

describe('generatePassword', () => {
  it('makes 16 characters long enough for the server rule', () => {
    const password = generatePassword()
    expect(password).toHaveLength(16)
    expect(password).toMatch(/^[a-zA-Z2-9]+$/)
    expect(generatePassword()).not.toBe(password)
  })
})
