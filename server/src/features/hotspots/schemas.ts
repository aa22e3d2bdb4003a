import { Type, type Static } from 'typebox'
import { Period } from '../../lib/calendar-schemas.js'
import { literalUnion } from '../../lib/literal-union.js'
import { incidentFilterProperties } from '../incidents/schemas.js'
import { Comparison } from '../summary/schemas.js'
import { EMERGING_CATEGORIES, HOTSPOT_CLASSES, type EmergingCategory } from './hotspot-classes.js'
import { MEASURES } from './measure.js'

/** The hotspot routes' parameters and answers: the contract the client's hotspot feature imports as types. */

export const HotspotClassSchema = literalUnion(HOTSPOT_CLASSES)

export const EmergingCategorySchema = Type.Unsafe<EmergingCategory>({ type: 'string', enum: [...EMERGING_CATEGORIES] })

export const MeasureSchema = literalUnion(MEASURES, {
  default: 'count',
  description: 'what is added up: incidents (count), or their harm, each incident weighted by its category\u2019s harm weight (GET /api/harm-weights)',
})

const gistarProperties = {
  measure: MeasureSchema,
  res: Type.Integer({ minimum: 6, maximum: 10, default: 9, description: 'H3 resolution of the cells, 6 (coarse) to 10 (fine)' }),
  k: Type.Integer({ minimum: 1, maximum: 3, default: 1, description: 'neighbours: every cell within this gridDisk distance, the cell itself included' }),
  lad: Type.Optional(Type.String({ pattern: '^[EWSN]\\d{8}(,[EWSN]\\d{8}){0,19}$', description: 'comma-separated council (LAD) codes; default every council' })),
  fdr: Type.Boolean({ default: true, description: 'classify on Benjamini–Hochberg adjusted p-values (false: raw p)' }),
  ...incidentFilterProperties,
}
export const GiStarQuery = Type.Object(gistarProperties, { additionalProperties: false })

export const SLICES = ['month', 'week'] as const
export const EmergingQuery = Type.Object(
  {
    ...gistarProperties,
    slices: literalUnion(SLICES, {
      default: 'month',
      description: 'Gi* month by month, or week by week (UK weeks, Monday to Sunday) on the incidents known to the day or the minute (timed logs), over the whole weeks they span in the period',
    }),
  },
  { additionalProperties: false },
)

export const ProblemLocationsQuery = Type.Object(
  {
    ...gistarProperties,
    halfLife: Type.Number({ minimum: 0.5, maximum: 120, default: 6, description: 'months for an incident\u2019s weight in the score to halve' }),
    recent: Type.Integer({ minimum: 1, maximum: 24, default: 3, description: 'months counted as recent in the trend' }),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
)

export const Trend = Type.Object({
  recentPeriods: Type.Integer(),
  earlierPeriods: Type.Integer(),
  recentMean: Type.Number(),
  earlierMean: Type.Union([Type.Number(), Type.Null()]),
  difference: Type.Union([Type.Number(), Type.Null()]),
  ratio: Type.Union([Type.Number(), Type.Null()]),
})

export const ProblemLocationsAnswer = Type.Object({
  period: Period,
  res: Type.Integer(),
  k: Type.Integer(),
  fdr: Type.Boolean(),
  halfLifeMonths: Type.Number(),
  recentMonths: Type.Integer(),
  measure: MeasureSchema,
  comparison: Type.Union([Comparison, Type.Null()], { description: 'what each location\u2019s previous counts; null when there is no data' }),
  total: Type.Integer({ description: 'problem locations found, before the limit' }),
  maxAreaKm2: Type.Number({ description: 'the largest area a location may cover: larger clusters are split at their local peaks (a single cell is never split)' }),
  caveats: Type.Array(Type.String()),
  locations: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      name: Type.String({ description: 'its busiest named streets and its ward(s), unique in the list; a generic police.uk place (Parking Area…) never alone' }),
      ward: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()], { description: 'the ward holding most of its incidents' }),
      cells: Type.Array(Type.String()),
      areaKm2: Type.Number({ description: 'the area of its cells, km²' }),
      centre: Type.Object({ lon: Type.Number(), lat: Type.Number() }),
      incidents: Type.Integer(),
      harm: Type.Number({ description: 'the sum of its incidents\u2019 harm weights' }),
      score: Type.Number({ description: 'the recency-weighted measure' }),
      previous: Type.Union([Type.Object({ incidents: Type.Integer(), harm: Type.Number() }), Type.Null()], {
        description: 'incidents and harm in its cells in the comparison period; null unless the data covers every month of it',
      }),
      components: Type.Object({
        measure: MeasureSchema,
        recencyWeighted: Type.Number(),
        halfLifeMonths: Type.Number(),
        trend: Trend,
        maxZ: Type.Number(),
        meanZ: Type.Number(),
        class: HotspotClassSchema,
        emerging: { ...EmergingCategorySchema, description: 'the emerging hot spot category most of its cells share' },
        busiestPoint: Type.Object(
          { incidents: Type.Integer(), share: Type.Number(), place: Type.Union([Type.String(), Type.Null()]) },
          { description: 'the map point with most incidents (ties: the lower point id), its share of the location, and its commonest place name' },
        ),
        months: Type.Array(Type.Object({ month: Type.String(), incidents: Type.Integer(), harm: Type.Number() })),
      }),
    }),
  ),
})

export const EmergingAnswer = Type.Object({
  period: Period,
  slices: literalUnion(SLICES),
  months: Type.Integer({ description: 'slices analysed: months, or weeks when slices is week (as are hotMonths, coldMonths and finalRun)' }),
  weeks: Type.Union([
    Type.Object({
      first: Type.Union([Type.String({ format: 'date' }), Type.Null()], { description: 'Monday of the first week' }),
      last: Type.Union([Type.String({ format: 'date' }), Type.Null()], { description: 'Monday of the last week' }),
      leftOut: Type.Integer({ description: 'the filter\u2019s incidents in no week analysed: known to the month only, in a part-week at either end, or without a map point' }),
    }),
    Type.Null(),
  ]),
  res: Type.Integer(),
  k: Type.Integer(),
  fdr: Type.Boolean(),
  measure: MeasureSchema,
  cellCount: Type.Integer({ description: 'cells in the study area; cells not listed have no pattern' }),
  categoryCounts: Type.Record(Type.String(), Type.Integer()),
  cells: Type.Array(
    Type.Object({
      h3: Type.String(),
      category: EmergingCategorySchema,
      hotMonths: Type.Integer(),
      coldMonths: Type.Integer(),
      finalRun: Type.Integer({ description: 'months in the unbroken significant run that ends with the last month' }),
      trend: Type.Object({ z: Type.Number(), p: Type.Number(), direction: Type.String() }),
    }),
  ),
})

export const ConcentrationAnswer = Type.Object({
  period: Period,
  res: Type.Integer(),
  measure: MeasureSchema,
  areas: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      cells: Type.Integer(),
      total: Type.Number(),
      top: Type.Array(Type.Object({ cellShare: Type.Number({ description: 'share of cells asked for' }), cells: Type.Integer(), valueShare: Type.Number() })),
      curve: Type.Array(Type.Object({ cellShare: Type.Number(), valueShare: Type.Number() }), { description: 'at every whole percent of cells' }),
    }),
  ),
})

export const ForecastQuery = Type.Object(
  {
    ...gistarProperties,
    lookback: Type.Integer({ minimum: 1, maximum: 24, default: 3, description: 'months whose totals pick the cells' }),
    top: Type.Number({ minimum: 0.001, maximum: 0.5, default: 0.05, description: 'share of the study area\u2019s cells picked' }),
  },
  { additionalProperties: false },
)

export const ForecastAnswer = Type.Object({
  period: Period,
  res: Type.Integer(),
  lookback: Type.Integer(),
  top: Type.Number(),
  measure: MeasureSchema,
  months: Type.Array(
    Type.Object({
      month: Type.String(),
      cells: Type.Integer(),
      areaShare: Type.Number(),
      captured: Type.Number({ description: 'the measure in the picked cells this month' }),
      total: Type.Number({ description: 'the measure in the study area this month' }),
      hitRate: Type.Union([Type.Number(), Type.Null()]),
      pai: Type.Union([Type.Number(), Type.Null()]),
      pei: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
})

export const TopWardsQuery = Type.Object(
  {
    from: incidentFilterProperties.from,
    to: incidentFilterProperties.to,
    categories: incidentFilterProperties.categories,
  lad: gistarProperties.lad,
  measure: MeasureSchema,
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 5 }),
  },
  { additionalProperties: false },
)

export const TopWardsAnswer = Type.Object({
  period: Period,
  comparison: Type.Union([Comparison, Type.Null()], { description: 'null when there is no data' }),
  measure: MeasureSchema,
  wards: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      councilName: Type.String(),
      incidents: Type.Integer(),
      previous: Type.Union([Type.Integer(), Type.Null()], { description: 'incidents in the comparison period; null unless the data covers every month of it' }),
      harm: Type.Number(),
      previousHarm: Type.Union([Type.Number(), Type.Null()], { description: 'null as previous is' }),
      change: Type.Union([Type.Number(), Type.Null()], { description: 'the measure now less the measure in the comparison period; null as previous is' }),
      changeRatio: Type.Union([Type.Number(), Type.Null()], { description: 'the measure now / in the comparison period; null when that is 0 or not given' }),
    }),
  ),
})

export const GiStarAnswer = Type.Object({
  period: Period,
  res: Type.Integer(),
  k: Type.Integer(),
  fdr: Type.Boolean(),
  councils: Type.Array(Type.String()),
  measure: MeasureSchema,
  totalValue: Type.Number({ description: 'the measure (incidents or harm) in the study area' }),
  outsideArea: Type.Integer({ description: 'incidents matching the filter outside every study-area cell' }),
  classCounts: Type.Record(Type.String(), Type.Integer()),
  cells: Type.Array(
    Type.Object({
      h3: Type.String(),
      value: Type.Number({ description: 'incidents or harm in the cell' }),
      z: Type.Number(),
      p: Type.Number({ description: 'two-sided p-value' }),
      pAdjusted: Type.Number({ description: 'the p the class is decided on: BH-adjusted when fdr is on' }),
      class: HotspotClassSchema,
    }),
  ),
})

export type HotspotQuery = Static<typeof GiStarQuery>
export type GiStarAnswer = Static<typeof GiStarAnswer>
export type GiStarCell = GiStarAnswer['cells'][number]
export type ProblemLocationsAnswer = Static<typeof ProblemLocationsAnswer>
export type ProblemLocation = ProblemLocationsAnswer['locations'][number]
export type LocationTrend = Static<typeof Trend>
export type EmergingAnswer = Static<typeof EmergingAnswer>
export type EmergingCell = EmergingAnswer['cells'][number]
export type ConcentrationAnswer = Static<typeof ConcentrationAnswer>
export type ConcentrationArea = ConcentrationAnswer['areas'][number]
export type ForecastAnswer = Static<typeof ForecastAnswer>
export type ForecastMonth = ForecastAnswer['months'][number]
export type TopWardsAnswer = Static<typeof TopWardsAnswer>
export type TopWard = TopWardsAnswer['wards'][number]
