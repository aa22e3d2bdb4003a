import { describe, expect, it } from 'vitest'
import { POP_CSV_COLUMNS, popRegisterCsv, popRegisterFileName } from './pop-csv'
import type { Pop } from './pops-api'

const pop: Pop = {
  id: 7,
  title: '=Town centre, "the alley"',
  owner: { id: 2, name: 'Insp Owner', email: 'owner@test.local' },
  partners: [
    { id: 1, name: 'Police neighbourhood team', agency: 'police' },
    { id: 2, name: 'Council enforcement', agency: 'council' },
  ],
  saraStage: 'analysis',
  reviewOn: '2025-03-01',
  overdue: true,
  status: 'open',
  closedReason: null,
  version: 3,
  area: { source: 'ward', areaKm2: 1.23456, res: null, ward: 'E05014882' },
  wards: [{ code: 'E05014882', name: 'Stockton Town Centre', councilCode: 'E06000004', councilName: 'Stockton-on-Tees', share: 1 }],
  linkedTasks: { count: 2, byStatus: [{ status: 'tasked', count: 2 }] },
  createdAt: '2025-02-01T10:00:00.000Z',
  createdBy: null,
  updatedAt: '2025-02-01T10:00:00.000Z',
  updatedBy: null,
}

describe('the register as CSV', () => {
  it('one header row of named columns and one row per POP, text quoted and formulas defused', () => {
    const lines = popRegisterCsv([pop, { ...pop, id: 8, title: 'Closed one', status: 'closed', overdue: false, closedReason: 'Solved', linkedTasks: { count: 0, byStatus: [] } }]).split('\r\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toBe(POP_CSV_COLUMNS.join(','))
    expect(lines[1]).toBe(
      `7,"'=Town centre, ""the alley""",open,Stockton Town Centre,Stockton-on-Tees,1.235,Insp Owner,"Police neighbourhood team, Council enforcement",Analysis,2025-03-01,yes,2,2 linked tasks: 2 tasked,`,
    )
    expect(lines[2]).toBe('8,Closed one,closed,Stockton Town Centre,Stockton-on-Tees,1.235,Insp Owner,"Police neighbourhood team, Council enforcement",Analysis,2025-03-01,no,0,No linked tasks,Solved')
    expect(lines[3]).toBe('')
    expect(popRegisterFileName('2025-03-04')).toBe('patrolmap-pop-register-2025-03-04.csv')
  })
})
