import { POLICE_UK_CATEGORIES } from '../../../server/src/features/incidents/categories'

/**
 * The police.uk street-level categories, the server's own list. The server is the source of truth for counts; the
 * list is here so the checkboxes render before the first summary arrives and so URL state can be validated without
 * a round trip.
 */
export const KNOWN_CATEGORIES: readonly string[] = POLICE_UK_CATEGORIES

/** ASB is what neighbourhood teams task patrols against most, so it is the opening view. */
export const DEFAULT_CATEGORIES: readonly string[] = ['Anti-social behaviour']

export function categorySlug(category: string): string {
  return category.toLowerCase().replace(/[^a-z0-9]+/g, '-')
}

export interface CategoryOption {
  category: string
  count: number | null
}

/**
 * Merges the server's counts into the known list. Alphabetical order keeps each checkbox in the same place while
 * counts change with the other filters, which matters for keyboard and screen-reader users.
 */
export function categoryOptions(
  fromServer: readonly { category: string; count: number }[] | undefined,
  selected: readonly string[],
): CategoryOption[] {
  const counts = new Map<string, number>()
  for (const entry of fromServer ?? []) counts.set(entry.category, entry.count)
  const names = new Set<string>([...KNOWN_CATEGORIES, ...counts.keys(), ...selected])
  return [...names]
    .sort((left, right) => left.localeCompare(right, 'en-GB'))
    .map((category) => ({
      category,
      count: counts.get(category) ?? (fromServer ? 0 : null),
    }))
}
