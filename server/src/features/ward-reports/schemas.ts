import { Type, type Static } from 'typebox'
import { Period } from '../../lib/calendar-schemas.js'
import { incidentFilterProperties } from '../incidents/schemas.js'

const { from, to, ward } = incidentFilterProperties
export const WardReportQuery = Type.Object({ from, to, ward }, { additionalProperties: false })

export const Count = Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: '^(<|>=)\\d+$' })], {
  description: 'a count; for councillors "<3" when under the suppression threshold, and a total beside a "<3" as ">=N", at least N (the shown counts\u2019 sum)',
})
export const WardReport = Type.Object({
  period: Type.Union([Period, Type.Null()], { description: 'the months the totals and categories cover; for councillors one month' }),
  dataPeriod: Type.Union([Period, Type.Null()], { description: 'the months there are data for: the periods a report may be asked for' }),
  suppressionThreshold: Type.Integer(),
  suppressed: Type.Boolean({ description: 'true when small counts are hidden (councillors)' }),
  wards: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      councilName: Type.String(),
      total: Count,
      categories: Type.Array(Type.Object({ category: Type.String(), count: Count }), { description: 'every category, zeros included' }),
      months: Type.Array(Type.Object({ month: Type.String(), count: Count }), {
        description: "staff: each month of the period; councillors: the total of each of the 12 months up to the report's month, as that month's own report shows it",
      }),
    }),
  ),
})
export type WardReport = Static<typeof WardReport>
export type WardReportWard = WardReport['wards'][number]
