import { Type, type Static } from 'typebox'
import { MAX_HARM_WEIGHT } from './default-weights.js'

export const HarmWeightsAnswer = Type.Object({
  scale: Type.String({ description: 'what the bundled defaults are' }),
  weights: Type.Array(
    Type.Object({
      category: Type.String(),
      weight: Type.Number(),
      defaultWeight: Type.Number({ description: 'the bundled default, for reset' }),
      basis: Type.String({ description: 'where the default comes from' }),
      updatedAt: Type.String({ format: 'date-time' }),
      updatedBy: Type.Union([Type.String(), Type.Null()], { description: 'email of the last editor; null: the bundled default' }),
    }),
  ),
})

export const HarmWeightsChange = Type.Object(
  {
    weights: Type.Array(
      Type.Object(
        {
          category: Type.String({ minLength: 1, maxLength: 100 }),
          weight: Type.Number({ minimum: 0, maximum: MAX_HARM_WEIGHT, description: 'harm of one incident of the category' }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
    reason: Type.Optional(Type.String({ maxLength: 500, description: 'why, for the audit trail' })),
  },
  { additionalProperties: false },
)
export type HarmWeightsAnswer = Static<typeof HarmWeightsAnswer>
export type HarmWeight = HarmWeightsAnswer['weights'][number]
export type HarmWeightsChange = Static<typeof HarmWeightsChange>
