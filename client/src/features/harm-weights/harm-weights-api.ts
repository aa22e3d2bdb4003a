/** The harm-weights API (server/src/features/harm-weights/routes.ts): the answer's and the update's shapes. */

export interface HarmWeight {
  category: string
  weight: number
  /** The bundled default, for reset. */
  defaultWeight: number
  /** Where the default comes from. */
  basis: string
  updatedAt: string
  /** Email of the last editor; null while the weight is the bundled default as loaded. */
  updatedBy: string | null
}

export interface HarmWeightsAnswer {
  /** What the bundled defaults are, in a sentence or two. */
  scale: string
  weights: HarmWeight[]
}

export interface HarmWeightChange {
  category: string
  weight: number
}

/** PUT body: 1 to 100 rows; the reason (at most 500 characters) goes to the audit trail. */
export interface HarmWeightsUpdate {
  weights: HarmWeightChange[]
  reason?: string
}

export const harmWeightsUrl = '/api/harm-weights'
