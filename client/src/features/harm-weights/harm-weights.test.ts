import { describe, expect, it } from 'vitest'
import { MAX_HARM_WEIGHT as SERVER_MAX_HARM_WEIGHT, readDefaultWeights } from '../../../../server/src/features/harm-weights/default-weights'
import type { HarmWeight } from './harm-weights-api'
import {
  canEditHarmWeights,
  describeSaveError,
  draftsOf,
  formatWeight,
  isAtDefault,
  MAX_HARM_WEIGHT,
  parseWeight,
  planSave,
  savedMessage,
} from './harm-weights'

function weight(category: string, value: number, defaultWeight = value): HarmWeight {
  return { category, weight: value, defaultWeight, basis: 'test', updatedAt: '2024-01-01T00:00:00Z', updatedBy: null }
}

const WEIGHTS: HarmWeight[] = [weight('Anti-social behaviour', 5), weight('Burglary', 438), weight('Violence and sexual offences', 709.25)]

const typed = (text: string, badInput = false) => ({ text, badInput })

describe('formatWeight', () => {
  it('groups thousands and shows at most two decimals, without trailing zeros', () => {
    expect(formatWeight(5)).toBe('5')
    expect(formatWeight(709.25)).toBe('709.25')
    expect(formatWeight(26.5)).toBe('26.5')
    expect(formatWeight(100000)).toBe('100,000')
    expect(formatWeight(1234.567)).toBe('1,234.57')
    expect(formatWeight(0)).toBe('0')
  })
})

describe('parseWeight', () => {
  it('takes plain decimals from 0 to the maximum', () => {
    expect(parseWeight('0')).toEqual({ ok: true, weight: 0 })
    expect(parseWeight(' 12.5 ')).toEqual({ ok: true, weight: 12.5 })
    expect(parseWeight('100000')).toEqual({ ok: true, weight: 100000 })
    expect(parseWeight('.25')).toEqual({ ok: true, weight: 0.25 })
    expect(parseWeight('-0')).toEqual({ ok: true, weight: 0 })
  })

  it('says what is wrong with anything else', () => {
    expect(parseWeight('')).toEqual({ ok: false, problem: 'Enter a weight from 0 to 100,000.' })
    expect(parseWeight('   ')).toEqual({ ok: false, problem: 'Enter a weight from 0 to 100,000.' })
    expect(parseWeight('-3')).toEqual({ ok: false, problem: 'A weight cannot be negative; use 0 to leave the category out of harm.' })
    expect(parseWeight('100000.01')).toEqual({ ok: false, problem: 'A weight can be at most 100,000.' })
    expect(parseWeight('1e9')).toEqual({ ok: false, problem: 'A weight can be at most 100,000.' })
    expect(parseWeight('1.005')).toEqual({ ok: false, problem: 'Use at most 2 decimal places.' })
    for (const text of ['abc', '12abc', '1,000', '0x10', 'Infinity', 'NaN', '1.2.3']) {
      expect(parseWeight(text), text).toEqual({ ok: false, problem: 'Enter a number from 0 to 100,000.' })
    }
  })

  it('reads a number input the browser could not parse as not a number, not as empty', () => {
    expect(parseWeight('', true)).toEqual({ ok: false, problem: 'Enter a number from 0 to 100,000.' })
  })

  it('agrees with the server on the largest weight, and accepts every bundled default', () => {
    expect(MAX_HARM_WEIGHT).toBe(SERVER_MAX_HARM_WEIGHT)
    const defaults = readDefaultWeights()
    expect(defaults).toHaveLength(14)
    for (const row of defaults) expect(parseWeight(String(row.weight)), row.category).toEqual({ ok: true, weight: row.weight })
  })
})

describe('planSave', () => {
  it('has nothing to do while every input reads as its stored weight', () => {
    expect(planSave(WEIGHTS, draftsOf(WEIGHTS))).toEqual({ changes: [], problems: {}, dirty: false })
    const sameValues = { ...draftsOf(WEIGHTS), 'Anti-social behaviour': typed('5.0'), Burglary: typed(' 438 ') }
    expect(planSave(WEIGHTS, sameValues)).toEqual({ changes: [], problems: {}, dirty: false })
  })

  it('sends only the rows that differ, as numbers, in table order', () => {
    const drafts = { ...draftsOf(WEIGHTS), 'Violence and sexual offences': typed('800'), 'Anti-social behaviour': typed('12.5') }
    expect(planSave(WEIGHTS, drafts)).toEqual({
      changes: [
        { category: 'Anti-social behaviour', weight: 12.5 },
        { category: 'Violence and sexual offences', weight: 800 },
      ],
      problems: {},
      dirty: true,
    })
  })

  it('reports invalid rows by category and keeps Save on offer to show them', () => {
    const drafts = { ...draftsOf(WEIGHTS), 'Anti-social behaviour': typed('-3'), Burglary: typed(''), 'Violence and sexual offences': typed('1') }
    const plan = planSave(WEIGHTS, drafts)
    expect(plan.problems).toEqual({
      'Anti-social behaviour': 'A weight cannot be negative; use 0 to leave the category out of harm.',
      Burglary: 'Enter a weight from 0 to 100,000.',
    })
    expect(plan.changes).toEqual([{ category: 'Violence and sexual offences', weight: 1 }])
    expect(plan.dirty).toBe(true)
  })

  it('leaves an untouched stored weight alone even if this page would not accept it', () => {
    const odd = [weight('Drugs', 0.1 + 0.2)]
    expect(planSave(odd, draftsOf(odd))).toEqual({ changes: [], problems: {}, dirty: false })
  })
})

describe('isAtDefault', () => {
  it('compares the input, read as a number, with the default', () => {
    const edited = weight('Anti-social behaviour', 8, 5)
    expect(isAtDefault(edited, typed('8'))).toBe(false)
    expect(isAtDefault(edited, typed('5'))).toBe(true)
    expect(isAtDefault(edited, typed('5.00'))).toBe(true)
    expect(isAtDefault(edited, typed(''))).toBe(false)
    expect(isAtDefault(edited, undefined)).toBe(false)
    expect(isAtDefault(weight('Drugs', 9), undefined)).toBe(true)
  })
})

describe('messages', () => {
  it('counts what was saved', () => {
    expect(savedMessage(1)).toBe('Saved: 1 weight changed.')
    expect(savedMessage(3)).toBe('Saved: 3 weights changed.')
  })

  it('names the category the server refused, by its place in what was sent', () => {
    const sent = [
      { category: 'Burglary', weight: 1 },
      { category: 'Drugs', weight: 200000 },
    ]
    expect(describeSaveError('body/weights/1/weight must be <= 100000', sent)).toBe('The weight of Drugs must be at most 100,000.')
    expect(describeSaveError('body/reason must NOT have more than 500 characters', sent)).toBe('The reason must NOT have more than 500 characters.')
    expect(describeSaveError('weights: no category is named "Arson"', sent)).toBe('No category is named "Arson".')
    expect(describeSaveError('body/weights/0/weight must be >= 0; body/weights/1/weight must be <= 100000', sent)).toBe(
      'The weight of Burglary must be at least 0. The weight of Drugs must be at most 100,000.',
    )
    // Anything else is passed on as the server said it.
    expect(describeSaveError('body/weights/9/weight must be number', sent)).toBe('body/weights/9/weight must be number')
    expect(describeSaveError('Could not reach the Patrolmap server.', sent)).toBe('Could not reach the Patrolmap server.')
  })
})

describe('canEditHarmWeights', () => {
  it('lets analysts and admins change the weights, as the server does', () => {
    expect(canEditHarmWeights('admin')).toBe(true)
    expect(canEditHarmWeights('analyst')).toBe(true)
    expect(canEditHarmWeights('inspector')).toBe(false)
    expect(canEditHarmWeights('councillor')).toBe(false)
  })
})
