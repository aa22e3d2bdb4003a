/** The kinds of agency a JAG team belongs to. No imports: the client's team picker reads the same list. */
export const AGENCIES = ['police', 'council', 'housing', 'youth', 'fire', 'health', 'other'] as const
export type Agency = (typeof AGENCIES)[number]

export const AGENCY_LABELS: Record<Agency, string> = {
  police: 'Police',
  council: 'Council',
  housing: 'Housing provider',
  youth: 'Youth service',
  fire: 'Fire and rescue',
  health: 'Health',
  other: 'Other partner',
}
