import type { PopFields } from './pop-store.js'

export { auditArea, changedFields } from '../tasks/task-audit.js'

/** What the audit trail keeps of a POP's editable fields. */
export function auditPopFields(fields: PopFields): Record<string, unknown> {
  return {
    title: fields.title,
    problem: fields.problem,
    ownerId: fields.ownerId,
    partnerTeamIds: fields.partnerTeamIds,
    saraStage: fields.saraStage,
    reviewOn: fields.reviewOn,
  }
}

