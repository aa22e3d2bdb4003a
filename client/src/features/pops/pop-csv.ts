/** The POP register as CSV, one row per POP, every figure in a column named in words. */
import { csvField } from '../../shared/format'
import { SARA_STAGE_LABELS, type Pop } from './pops-api'
import { describeLinkedTasks, popWardNames } from './pop-words'

export const POP_CSV_COLUMNS = [
  'POP id',
  'Title',
  'Status',
  'Wards',
  'Councils',
  'Area (km²)',
  'Owner',
  'Partner teams',
  'SARA stage',
  'Review date',
  'Review overdue',
  'Linked tasks',
  'Linked tasks by status',
  'Closed because',
] as const

export function popRegisterCsv(pops: readonly Pop[]): string {
  const rows = pops.map((pop) => [
    pop.id,
    pop.title,
    pop.status,
    popWardNames(pop),
    [...new Set(pop.wards.map((ward) => ward.councilName))].join(', '),
    pop.area.areaKm2.toFixed(3),
    pop.owner.name,
    pop.partners.map((team) => team.name).join(', '),
    SARA_STAGE_LABELS[pop.saraStage].split(':')[0],
    pop.reviewOn,
    pop.overdue ? 'yes' : 'no',
    pop.linkedTasks.count,
    describeLinkedTasks(pop.linkedTasks),
    pop.closedReason ?? '',
  ])
  return [POP_CSV_COLUMNS as readonly (string | number)[], ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
}

export function popRegisterFileName(today: string): string {
  return `patrolmap-pop-register-${today}.csv`
}
