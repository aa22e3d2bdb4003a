import { describe, expect, it } from 'vitest'
import { formFromPop, popChangeFrom } from './pop-form'
import type { PopDetail } from './pops-api'

const base = {
  id: 3,
  title: 'Library',
  problem: 'Groups',
  owner: { id: 5, name: 'Insp', email: 'i@test.local' },
  partners: [{ id: 2, name: 'B', agency: 'council' }, { id: 1, name: 'A', agency: 'police' }],
  saraStage: 'scanning',
  reviewOn: '2025-04-01',
  version: 4,
} as unknown as PopDetail

describe('the POP form', () => {
  it('sends nothing when nothing changed (partners in any order)', () => {
    expect(popChangeFrom({ ...formFromPop(base), partnerTeamIds: [2, 1] }, base)).toEqual({ change: null })
  })

  it('sends only what changed, on the version loaded', () => {
    const form = { ...formFromPop(base), saraStage: 'response' as const, reviewOn: '2025-03-01', title: ' Library steps ' }
    expect(popChangeFrom(form, base)).toEqual({ change: { version: 4, saraStage: 'response', reviewOn: '2025-03-01', title: 'Library steps' } })
  })

  it('names what is missing', () => {
    expect(popChangeFrom({ ...formFromPop(base), title: '  ' }, base)).toEqual({ problem: 'Give the POP a title.' })
    expect(popChangeFrom({ ...formFromPop(base), reviewOn: '' }, base)).toEqual({ problem: 'Enter the review date.' })
  })
})
