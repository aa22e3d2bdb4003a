/**
 * What a patrol visit records it did, by kind, as counts. No imports: the visit form lists the same kinds.
 * Community Protection Warnings and Notices: Anti-social Behaviour, Crime and Policing Act 2014, ss. 43–58; dispersal
 * directions: s. 35; Section 27 directions: Violent Crime Reduction Act 2006 (alcohol-related disorder).
 */
export const VISIT_ACTIONS = ['engagements', 'warnings', 'cpw', 'cpn', 'fpn', 'dispersals', 'section27', 'referrals', 'other'] as const
export type VisitAction = (typeof VISIT_ACTIONS)[number]

export const VISIT_ACTION_LABELS: Record<VisitAction, string> = {
  engagements: 'Engagements (residents, businesses, young people)',
  warnings: 'Warnings given',
  cpw: 'Community Protection Warnings',
  cpn: 'Community Protection Notices',
  fpn: 'Fixed penalty notices',
  dispersals: 'Dispersal directions',
  section27: 'Section 27 directions',
  referrals: 'Referrals (to partners, services)',
  other: 'Other actions',
}

/** Singular and plural, for a visit's actions in a sentence ("3 engagements, 1 CPW"). */
export const VISIT_ACTION_NOUNS: Record<VisitAction, readonly [string, string]> = {
  engagements: ['engagement', 'engagements'],
  warnings: ['warning', 'warnings'],
  cpw: ['Community Protection Warning', 'Community Protection Warnings'],
  cpn: ['Community Protection Notice', 'Community Protection Notices'],
  fpn: ['fixed penalty notice', 'fixed penalty notices'],
  dispersals: ['dispersal direction', 'dispersal directions'],
  section27: ['Section 27 direction', 'Section 27 directions'],
  referrals: ['referral', 'referrals'],
  other: ['other action', 'other actions'],
}
