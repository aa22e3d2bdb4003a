/**
 * What a user may do is set by one role; docs/access.md lists each route's. A plain list with no imports, so the
 * client's role picker reads the same one.
 */
export const ROLES = ['admin', 'analyst', 'inspector', 'councillor', 'officer'] as const
export type Role = (typeof ROLES)[number]

/** The roles that work with incident-level data: everyone on staff but councillors, who get ward aggregates. */
export const STAFF: readonly Role[] = ['admin', 'analyst', 'inspector']
export const ADMIN: readonly Role[] = ['admin']
/** Those who load data and tune the analysis (imports, CCTV, harm weights). */
export const ANALYSTS: readonly Role[] = ['admin', 'analyst']
/** Those who create and edit patrol tasks (and, with later issues, POPs and JAG meetings). */
export const TASKERS: readonly Role[] = ['admin', 'analyst', 'inspector']
/** Everyone who sees tasks, each their own share (features/tasks/task-visibility.ts). */
export const TASK_READERS: readonly Role[] = ['admin', 'analyst', 'inspector', 'councillor', 'officer']
/** Who reads the POP register: staff in full; councillors the POPs in their wards, without notes (features/pops/pop-store.ts). */
export const POP_READERS: readonly Role[] = ['admin', 'analyst', 'inspector', 'councillor']
/** Those who go on patrol: a task may name them, and they record its visits. */
export const PATROL_ROLES: readonly Role[] = ['inspector', 'officer']
/** Those who may record a task's visits: the patrols, and admins, who may do everything. */
export const VISIT_RECORDERS: readonly Role[] = ['admin', 'inspector', 'officer']
/** Who reads a task's visits: staff, and officers for their own tasks; not councillors (visits carry notes and places). */
export const VISIT_READERS: readonly Role[] = ['admin', 'analyst', 'inspector', 'officer']
/** Ward reports: staff see every ward; councillors their own, suppressed. Officers see their tasks and nothing else. */
export const REPORT_READERS: readonly Role[] = ['admin', 'analyst', 'inspector', 'councillor']
/** Who handles resident reports (the moderation queue, contact details, decisions, posters): analysts and inspectors. */
export const REPORT_HANDLERS: readonly Role[] = ['admin', 'analyst', 'inspector']
