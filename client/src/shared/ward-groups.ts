import type { WardFeature } from '../features/map/map-api'

export interface WardRef {
  code: string
  name: string
  councilName: string
}

export interface CouncilGroup {
  councilName: string
  wards: { code: string; name: string }[]
}

/** Councils and their wards in alphabetical order, as people look them up in the ward picker. */
export function groupWardList(wards: readonly WardRef[]): CouncilGroup[] {
  const groups = new Map<string, CouncilGroup>()
  for (const { councilName, code, name } of wards) {
    const group = groups.get(councilName) ?? { councilName, wards: [] }
    group.wards.push({ code, name })
    groups.set(councilName, group)
  }
  const byName = (left: string, right: string) => left.localeCompare(right, 'en-GB')
  return [...groups.values()]
    .sort((left, right) => byName(left.councilName, right.councilName))
    .map((group) => ({ ...group, wards: group.wards.sort((left, right) => byName(left.name, right.name)) }))
}

export function groupWardsByCouncil(wards: readonly WardFeature[]): CouncilGroup[] {
  return groupWardList(wards.map((ward) => ward.properties))
}
