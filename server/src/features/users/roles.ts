/**
 * What a user may do is set by one role; docs/access.md lists each route's. A plain list with no imports, so the
 * client's role picker reads the same one.
 */
export const ROLES = ['admin', 'analyst', 'inspector', 'councillor'] as const
export type Role = (typeof ROLES)[number]

/** The roles that work with incident-level data: everyone on staff but councillors, who get ward aggregates. */
export const STAFF: readonly Role[] = ['admin', 'analyst', 'inspector']
export const ADMIN: readonly Role[] = ['admin']
/** Those who load data and tune the analysis (imports, CCTV, harm weights). */
export const ANALYSTS: readonly Role[] = ['admin', 'analyst']
