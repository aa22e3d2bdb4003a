/** The harm-weights API: the answer's and the update's shapes are the server's (server/src/features/harm-weights/schemas.ts). */
import type { HarmWeightsChange } from '../../../../server/src/features/harm-weights/schemas'

export type { HarmWeight, HarmWeightsAnswer } from '../../../../server/src/features/harm-weights/schemas'

/** PUT body: 1 to 100 rows; the reason (at most 500 characters) goes to the audit trail. */
export type HarmWeightsUpdate = HarmWeightsChange
export type HarmWeightChange = HarmWeightsChange['weights'][number]

export const harmWeightsUrl = '/api/harm-weights'
