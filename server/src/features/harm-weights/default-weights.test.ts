import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectRoot } from '../../config.js'
import { readDefaultWeights } from './default-weights.js'

const POLICE_UK_CATEGORIES = [
  'Anti-social behaviour', 'Bicycle theft', 'Burglary', 'Criminal damage and arson', 'Drugs', 'Other crime', 'Other theft',
  'Possession of weapons', 'Public order', 'Robbery', 'Shoplifting', 'Theft from the person', 'Vehicle crime',
  'Violence and sexual offences',
]

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

function writeTemp(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'harm-')), 'weights.csv')
  fs.writeFileSync(file, text)
  return file
}

describe('the bundled harm weights', () => {
  const weights = readDefaultWeights()

  it('give every police.uk category a weight, once', () => {
    expect(weights.map((row) => row.category).sort()).toEqual(POLICE_UK_CATEGORIES)
  })

  it('are, for each crime category, the median of its ONS Crime Severity Score offence weights (to 2 decimals)', () => {
    const source = JSON.parse(fs.readFileSync(path.join(projectRoot, 'geodata/harm-weights/ons-css-offence-weights.json'), 'utf8'))
    const crimes = weights.filter((row) => row.category !== 'Anti-social behaviour')
    expect(Object.keys(source.categories).sort()).toEqual(crimes.map((row) => row.category).sort())
    for (const row of crimes) {
      expect(row.weight, row.category).toBeCloseTo(median(source.categories[row.category]), 2)
      expect(row.basis).toMatch(/^ONS CSS/)
    }
    // Spot checks against the figures ONS published: robbery's one weight, and residential burglary's.
    expect(weights.find((row) => row.category === 'Robbery')!.weight).toBe(746)
    expect(weights.find((row) => row.category === 'Burglary')!.weight).toBe(438)
  })

  it('weigh anti-social behaviour by an explicit local choice, said to be one', () => {
    const asb = weights.find((row) => row.category === 'Anti-social behaviour')!
    expect(asb.weight).toBe(5)
    expect(asb.basis).toMatch(/local choice/i)
  })
})

describe('readDefaultWeights', () => {
  it('names the row of a bad weight, a repeated category or a missing basis', () => {
    expect(() => readDefaultWeights(writeTemp('category,weight,basis\nRobbery,746,x\nDrugs,-1,x\n'))).toThrow(/row 3: weight must be a number/)
    expect(() => readDefaultWeights(writeTemp('category,weight,basis\nRobbery,746,x\nRobbery,700,x\n'))).toThrow(/row 3: Robbery is listed twice/)
    expect(() => readDefaultWeights(writeTemp('category,weight,basis\nRobbery,,x\n'))).toThrow(/row 2: weight/)
    expect(() => readDefaultWeights(writeTemp('category,weight,basis\nRobbery,746,\n'))).toThrow(/row 2: no basis/)
  })
})
