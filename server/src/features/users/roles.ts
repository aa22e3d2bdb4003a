import { Type } from 'typebox'

/** What a user may do is set by one role; docs/access.md lists each route's. */
export const ROLES = ['admin', 'analyst', 'inspector', 'councillor'] as const
export type Role = (typeof ROLES)[number]
export const RoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('analyst'), Type.Literal('inspector'), Type.Literal('councillor')])

/** The roles that work with incident-level data: everyone on staff but councillors, who get ward aggregates. */
export const STAFF: readonly Role[] = ['admin', 'analyst', 'inspector']
export const ADMIN: readonly Role[] = ['admin']
/** Those who load data and tune the analysis (imports, CCTV, harm weights). */
export const ANALYSTS: readonly Role[] = ['admin', 'analyst']
