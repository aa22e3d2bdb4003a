/**
 * The POP editor's state and what it sends: only the fields that differ from the POP it was made on, with that POP's
 * version, so a change made meanwhile by someone else is refused (409), not overwritten.
 */
import type { PopChange, PopDetail, SaraStage } from './pops-api'

export interface PopForm {
  title: string
  problem: string
  ownerId: number
  partnerTeamIds: number[]
  saraStage: SaraStage
  reviewOn: string
}

export function formFromPop(pop: PopDetail): PopForm {
  return {
    title: pop.title,
    problem: pop.problem ?? '',
    ownerId: pop.owner.id,
    partnerTeamIds: pop.partners.map((team) => team.id).sort((a, b) => a - b),
    saraStage: pop.saraStage,
    reviewOn: pop.reviewOn,
  }
}

const sameIds = (left: readonly number[], right: readonly number[]) => [...left].sort((a, b) => a - b).join() === [...right].sort((a, b) => a - b).join()

export function popChangeFrom(form: PopForm, base: PopDetail): { change: PopChange | null } | { problem: string } {
  if (form.title.trim() === '') return { problem: 'Give the POP a title.' }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.reviewOn)) return { problem: 'Enter the review date.' }
  const before = formFromPop(base)
  const change: PopChange = { version: base.version }
  if (form.title.trim() !== before.title) change.title = form.title.trim()
  if (form.problem !== before.problem) change.problem = form.problem
  if (form.ownerId !== before.ownerId) change.ownerId = form.ownerId
  if (!sameIds(form.partnerTeamIds, before.partnerTeamIds)) change.partnerTeamIds = form.partnerTeamIds
  if (form.saraStage !== before.saraStage) change.saraStage = form.saraStage
  if (form.reviewOn !== before.reviewOn) change.reviewOn = form.reviewOn
  return { change: Object.keys(change).length > 1 ? change : null }
}
