import { Type, type Static } from 'typebox'
import { Period } from '../../lib/calendar-schemas.js'

export const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('busy'), Type.Literal('unavailable')], {
    description: 'ok; busy: the server is refusing requests under load (under-pressure); unavailable: the database cannot be reached',
  }),
  database: Type.Object({
    reachable: Type.Union([Type.Boolean(), Type.Null()], { description: 'null when not asked (busy)' }),
    engine: Type.String({ description: 'embedded (PGlite) or server' }),
    postgis: Type.Union([Type.String(), Type.Null()]),
  }),
  data: Type.Union([
    Type.Object({
      period: Type.Union([Period, Type.Null()], { description: 'first and last month of the incidents, YYYY-MM' }),
      lastImport: Type.Union([Type.Object({ file: Type.String(), finishedAt: Type.String({ format: 'date-time' }) }), Type.Null()]),
    }),
    Type.Null(),
  ]),
  counts: Type.Union([Type.Object({ wards: Type.Integer(), councils: Type.Integer(), importBatches: Type.Integer() }), Type.Null()]),
})
export type Health = Static<typeof Health>

/** What the client needs to know at start that only the server's configuration says. */
export const ClientConfig = Type.Object({ basemapStyleUrl: Type.Union([Type.String(), Type.Null()]), attribution: Type.String() })
export type ClientConfig = Static<typeof ClientConfig>
