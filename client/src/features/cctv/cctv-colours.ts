import type { CameraType } from './cctv-api'

/** Camera colours by type (the legend's); status shows as the ring: white working, amber faulty, grey removed. */
export const TYPE_COLOURS: Record<CameraType, string> = { fixed: '#1d4ed8', ptz: '#7c3aed', redeployable: '#0f766e', drone: '#b45309' }
export const STATUS_RINGS = { working: '#ffffff', faulty: '#f59e0b', removed: '#6b7280' } as const
export const COVERAGE_COLOUR = '#16a34a'
export const GAP_COLOUR = '#dc2626'
export const SITE_COLOUR = '#111827'
