/** police.uk's 14 street-level categories (`Crime type`), most common first in the Cleveland data. */
export const POLICE_UK_CATEGORIES = [
  'Violence and sexual offences',
  'Anti-social behaviour',
  'Criminal damage and arson',
  'Shoplifting',
  'Public order',
  'Other theft',
  'Burglary',
  'Vehicle crime',
  'Drugs',
  'Other crime',
  'Robbery',
  'Possession of weapons',
  'Bicycle theft',
  'Theft from the person',
] as const

export type PoliceUkCategory = (typeof POLICE_UK_CATEGORIES)[number]

const known = new Set<string>(POLICE_UK_CATEGORIES)

export function isKnownCategory(value: string): value is PoliceUkCategory {
  return known.has(value)
}
