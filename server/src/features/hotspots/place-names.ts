/**
 * Names for problem locations from police.uk's place names. police.uk moves every incident to an anonymous map point
 * named "On or near <street or place>"; many points carry a generic type instead of a street ("On or near Parking
 * Area"), shared by hundreds of points, which cannot tell one location from another. docs/hotspot-methods.md,
 * "Naming a problem location".
 */

/**
 * police.uk's generic point names: those the Cleveland data holds (each shared by many points: Parking Area 187,
 * Sports/Recreation Area 68, Supermarket 42, Petrol Station 38, Shopping Area 16, Police Station 12, Hospital 10,
 * Park/Open Space 6, Prison 2, Conference/Exhibition Centre 1 in Jan 2023 – Nov 2025) and the other types police.uk
 * uses elsewhere. Compared without regard to case.
 */
export const GENERIC_PLACES: readonly string[] = [
  'Parking Area',
  'Supermarket',
  'Petrol Station',
  'Police Station',
  'Hospital',
  'Shopping Area',
  'Sports/Recreation Area',
  'Park/Open Space',
  'Prison',
  'Conference/Exhibition Centre',
  'Nightclub',
  'Further/Higher Educational Building',
  'Theatre/Concert Hall',
  'Bus/Coach Station',
  'Airport/Airfield',
  'Pedestrian Subway',
  'Theme/Adventure Park',
  'Stadium',
]

const GENERIC = new Set(GENERIC_PLACES.map((name) => name.toLowerCase()))
const PREFIX = /^on or near\b\s*/i

/** "On or near High Street" → "High Street"; "On or near" alone → "". */
export function stripOnOrNear(place: string): string {
  return place.replace(PREFIX, '').trim()
}

/** A place name that names no particular place: empty, or one of police.uk's generic point types. */
export function isGenericPlace(name: string): boolean {
  return name === '' || GENERIC.has(name.toLowerCase())
}

export interface NamingInput {
  /** Place names ("On or near …", as police.uk gives them) with their incidents in the location. */
  places: ReadonlyMap<string, number>
  /** Ward names with their incidents in the location. */
  wards: ReadonlyMap<string, number>
  /** The named street nearest the location (within NEAREST_STREET_METRES), for a location with only generic places. */
  nearestStreet?: string | null
}

/** How many streets a name lists: the busiest two tell a location apart without reading as a list. */
const STREETS_IN_NAME = 2
/** A second ward is named when it holds at least this share of the location's incidents in wards. */
const SECOND_WARD_SHARE = 0.25
/** How far a named street may be from a location with only generic places and still be the one it is "off". */
export const NEAREST_STREET_METRES = 300

/** Entries by count, highest first, ties alphabetically: the same order whatever order they were counted in. */
function byCount(tally: ReadonlyMap<string, number>): [string, number][] {
  return [...tally].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
}

/** Stripped place names with their counts (names that strip to the same text added together), busiest first. */
export function strippedPlaces(places: ReadonlyMap<string, number>): [string, number][] {
  const tally = new Map<string, number>()
  for (const [place, count] of places) {
    const name = stripOnOrNear(place)
    tally.set(name, (tally.get(name) ?? 0) + count)
  }
  return byCount(tally)
}

/** The ward names a location is named by: the busiest, and a second one holding at least a quarter of it. */
export function namedWards(wards: ReadonlyMap<string, number>): string[] {
  const sorted = byCount(wards)
  const total = sorted.reduce((sum, [, count]) => sum + count, 0)
  return sorted.filter(([, count], index) => index === 0 || (index === 1 && count >= SECOND_WARD_SHARE * total)).map(([name]) => name)
}

/**
 * A location's name, its street part then its ward(s): "High Street & Dovecot Street · Stockton Town Centre". The
 * street part lists the busiest non-generic places, `streets` at most. Where the location has only generic places,
 * the busiest one is qualified by the nearest named street ("Parking Area off High Street · Stockton Town Centre"), or,
 * with none near, by its ward ("Parking Area, Stockton Town Centre ward"), so a generic name never stands alone.
 */
export function locationName(input: NamingInput, streets: number = STREETS_IN_NAME): string {
  const wards = namedWards(input.wards)
  // Ward names hold "&" themselves ("Mandale & Victoria"), so wards are joined with a slash.
  const wardText = wards.join(' / ')
  const places = strippedPlaces(input.places)
  const named = places.filter(([name]) => !isGenericPlace(name)).map(([name]) => name)
  if (named.length > 0) return [named.slice(0, streets).join(' & '), wardText].filter(Boolean).join(' · ')
  const generic = places.find(([name]) => name !== '')?.[0] ?? 'Unnamed place'
  if (input.nearestStreet) return [`${generic} off ${input.nearestStreet}`, wardText].filter(Boolean).join(' · ')
  if (wards.length > 0) return `${generic}, ${wardText} ${wards.length === 1 ? 'ward' : 'wards'}`
  return generic
}

const COMPASS = ['east', 'north-east', 'north', 'north-west', 'west', 'south-west', 'south', 'south-east']

/** Where a point lies from a centre, in eight compass points ("north-west"); null at the centre itself. */
export function compassPoint(from: { lon: number; lat: number }, to: { lon: number; lat: number }): string | null {
  // Longitude shrinks with latitude: scale it so east–west and north–south distances compare.
  const dx = (to.lon - from.lon) * Math.cos((from.lat * Math.PI) / 180)
  const dy = to.lat - from.lat
  if (dx === 0 && dy === 0) return null
  const angle = Math.atan2(dy, dx)
  const sector = Math.round(angle / (Math.PI / 4))
  return COMPASS[(sector + 8) % 8]
}

export interface NamedThing extends NamingInput {
  centre: { lon: number; lat: number }
}

/**
 * Names for a ranked list, no two alike: each gets `locationName`; where several share a name, each of them lists
 * one more street, then (still alike) says where it lies among them ("(north-west)"), then (still alike) its place
 * in the list ("(2)"). Input order is rank order and decides the last step.
 */
export function uniqueNames(things: readonly NamedThing[]): string[] {
  const names = things.map((thing) => locationName(thing))
  const steps: ((index: number, group: number[]) => string)[] = [
    (index) => locationName(things[index], STREETS_IN_NAME + 1),
    (index, group) => {
      const centre = {
        lon: group.reduce((sum, member) => sum + things[member].centre.lon, 0) / group.length,
        lat: group.reduce((sum, member) => sum + things[member].centre.lat, 0) / group.length,
      }
      const direction = compassPoint(centre, things[index].centre)
      return direction ? `${names[index]} (${direction})` : names[index]
    },
    (index, group) => `${names[index]} (${group.indexOf(index) + 1})`,
  ]
  const clashes = () => {
    const groups = new Map<string, number[]>()
    names.forEach((name, index) => groups.set(name, [...(groups.get(name) ?? []), index]))
    return [...groups.values()].filter((group) => group.length > 1)
  }
  // The last step is repeated until nothing clashes, in case a numbered name meets one already in the list.
  for (let step = 0, clashing = clashes(); clashing.length > 0; step = Math.min(step + 1, steps.length - 1), clashing = clashes()) {
    for (const group of clashing) {
      const renamed = group.map((index) => steps[step](index, group))
      group.forEach((index, position) => (names[index] = renamed[position]))
    }
  }
  return names
}
