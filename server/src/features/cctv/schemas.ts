import { Type, type Static } from 'typebox'
import { Day, Month, Period } from '../../lib/calendar-schemas.js'
import { literalUnion } from '../../lib/literal-union.js'
import { multilineText } from '../../plugins/request-schemas.js'
import { HotspotClassSchema } from '../hotspots/schemas.js'
import { incidentFilterProperties } from '../incidents/schemas.js'
import { CAMERA_STATUSES, CAMERA_TYPES } from './camera-types.js'

/**
 * The CCTV routes' requests and answers (issue 14): the contract the client imports as types. Positions are WGS84
 * longitude/latitude; lengths in metres; bearings in degrees clockwise from true north.
 */

export const CameraTypeSchema = literalUnion(CAMERA_TYPES, { description: 'fixed, ptz (pan-tilt-zoom), redeployable or drone' })
export const CameraStatusSchema = literalUnion(CAMERA_STATUSES, { description: 'working, faulty or removed; only working cameras count towards coverage' })

const Id = Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 })
const WardCode = Type.String({ pattern: '^[EWSN]\\d{8}$' })
const Lon = Type.Number({ minimum: -180, maximum: 180 })
const Lat = Type.Number({ minimum: -90, maximum: 90 })
export const LonLat = Type.Object({ lon: Lon, lat: Lat }, { additionalProperties: false })
export type LonLat = Static<typeof LonLat>
const Text = (maxLength: number, description?: string) => Type.String({ maxLength, ...(description ? { description } : {}) })
const Required = (maxLength: number, description?: string) => Type.String({ minLength: 1, maxLength, pattern: '\\S', ...(description ? { description } : {}) })
const Reason = multilineText({ maxLength: 1000, description: 'why, for the audit trail' })
const Version = Type.Integer({ minimum: 1, description: 'the version the change was made on; a stale one is refused with 409 and the current camera' })

const MountingHeight = Type.Number({ minimum: 0, maximum: 500, description: 'metres above the ground' })
const Bearing = Type.Number({ minimum: 0, exclusiveMaximum: 360, description: 'the middle of the view, degrees clockwise from true north' })
const Fov = Type.Number({ exclusiveMinimum: 0, maximum: 360, description: 'field-of-view angle, degrees (PTZ and drones: the full circle)' })
const Range = Type.Number({ exclusiveMinimum: 0, maximum: 5000, description: 'how far it sees usefully, metres' })
const Radius = Type.Number({ exclusiveMinimum: 0, maximum: 20000, description: 'a drone\u2019s operating radius from its base, metres' })
/** In a request: a value, or null for "not known" (the type's default is used and flagged assumed). */
const orUnknown = <T extends ReturnType<typeof Type.Number>>(schema: T) => Type.Union([schema, Type.Null()])

const ViewValues = Type.Object({
  mountingHeightM: Type.Number(),
  bearingDeg: Type.Number(),
  fovDeg: Type.Number(),
  rangeM: Type.Number(),
  radiusM: Type.Number(),
})

export const AssumedFlags = Type.Object(
  {
    type: Type.Boolean(),
    mountingHeightM: Type.Boolean(),
    bearingDeg: Type.Boolean(),
    fovDeg: Type.Boolean(),
    rangeM: Type.Boolean(),
    radiusM: Type.Boolean(),
  },
  { description: 'true: the value is the type\u2019s default (GET /api/cctv/defaults), not known from the register or an analyst' },
)
export type AssumedFlags = Static<typeof AssumedFlags>

const MultiPolygonGeometry = Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Type.Array(Type.Array(Type.Number())))) })
const Person = Type.Object({ id: Type.Integer(), name: Type.String(), email: Type.String() })

const cameraFields = {
  id: Type.Integer(),
  owner: Type.String({ description: 'who runs it; with the reference, unique' }),
  reference: Type.String(),
  name: Type.String(),
  location: Type.String({ description: 'where it is, in words' }),
  statedWard: Type.Union([Type.String(), Type.Null()], { description: 'the ward the source register names, as it names it' }),
  type: CameraTypeSchema,
  status: CameraStatusSchema,
  view: ViewValues,
  assumed: AssumedFlags,
  anyAssumed: Type.Boolean({ description: 'any of the view values (or the type) is assumed' }),
  deployedFrom: Type.Union([Type.String(), Type.Null()]),
  deployedUntil: Type.Union([Type.String(), Type.Null()]),
  notes: Type.String(),
  illustrative: Type.Boolean({ description: 'made up for a demonstration, not a real camera' }),
  source: Type.String({ description: '"manual", or the file it was imported from' }),
  position: Type.Object({ lon: Type.Number(), lat: Type.Number() }),
  ward: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()], { description: 'the ward holding it, of the wards loaded' }),
  viewGeometry: Type.Union([MultiPolygonGeometry, Type.Null()], { description: 'what it sees: its view less what loaded buildings hide' }),
  viewAreaM2: Type.Number(),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.Union([Person, Type.Null()]),
}
export const CameraSchema = Type.Object(cameraFields)
export type Camera = Static<typeof CameraSchema>

export const CameraPositionSchema = Type.Object({
  id: Type.Integer(),
  position: Type.Object({ lon: Type.Number(), lat: Type.Number() }),
  bearingDeg: Type.Number(),
  location: Type.String(),
  fromDate: Type.String(),
  untilDate: Type.Union([Type.String(), Type.Null()], { description: 'null: where it stands now' }),
  reason: Type.String(),
})
export type CameraPosition = Static<typeof CameraPositionSchema>

export const ActivityMonthSchema = Type.Object({
  month: Type.String({ description: 'YYYY-MM' }),
  incidentsSpotted: Type.Integer(),
  assistedArrests: Type.Integer(),
  footageRequests: Type.Integer(),
})
export type ActivityMonth = Static<typeof ActivityMonthSchema>

export const CameraDetail = Type.Object({
  ...cameraFields,
  positions: Type.Array(CameraPositionSchema, { description: 'redeployables and drones: where it stood, oldest first' }),
  activity: Type.Array(ActivityMonthSchema, { description: 'monthly activity, newest first' }),
})
export type CameraDetail = Static<typeof CameraDetail>

export const CameraList = Type.Object({
  items: Type.Array(CameraSchema),
  total: Type.Integer({ description: 'cameras matching, before the limit' }),
})
export type CameraList = Static<typeof CameraList>

export const CameraListQuery = Type.Object(
  {
    type: Type.Optional(Type.String({ pattern: `^(${CAMERA_TYPES.join('|')})(,(${CAMERA_TYPES.join('|')}))*$`, description: 'types, separated by commas' })),
    status: Type.Optional(Type.String({ pattern: `^(${CAMERA_STATUSES.join('|')})(,(${CAMERA_STATUSES.join('|')}))*$`, description: 'statuses, separated by commas' })),
    ward: Type.Optional(WardCode),
    owner: Type.Optional(Text(200)),
    q: Type.Optional(Text(200, 'words found in the reference, name or location (any case)')),
    assumed: Type.Optional(Type.Boolean({ description: 'true: only cameras with an assumed value; false: only those without' })),
    illustrative: Type.Optional(Type.Boolean()),
    geometry: Type.Boolean({ default: true, description: 'false: leave the view polygons out (a lighter list)' }),
    limit: Type.Integer({ minimum: 1, maximum: 5000, default: 1000 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
)
export type CameraListQuery = Static<typeof CameraListQuery>

export const CameraId = Type.Object({ id: Id }, { additionalProperties: false })

export const NewCamera = Type.Object(
  {
    owner: Required(200),
    reference: Required(100),
    name: Required(200),
    location: Type.Optional(Text(500)),
    type: CameraTypeSchema,
    status: Type.Optional(Type.Union([Type.Literal('working'), Type.Literal('faulty')])),
    mountingHeightM: Type.Optional(orUnknown(MountingHeight)),
    bearingDeg: Type.Optional(orUnknown(Bearing)),
    fovDeg: Type.Optional(orUnknown(Fov)),
    rangeM: Type.Optional(orUnknown(Range)),
    radiusM: Type.Optional(orUnknown(Radius)),
    deployedFrom: Type.Optional(Type.Union([Day, Type.Null()])),
    deployedUntil: Type.Optional(Type.Union([Day, Type.Null()])),
    notes: Type.Optional(multilineText({ maxLength: 5000 })),
    illustrative: Type.Optional(Type.Boolean()),
    position: LonLat,
  },
  { additionalProperties: false },
)
export type NewCamera = Static<typeof NewCamera>

/** An edit: any field; a view value set to null goes back to the type's default (assumed). Position: /move. */
export const CameraChange = Type.Object(
  {
    version: Version,
    reason: Type.Optional(Reason),
    owner: Type.Optional(Required(200)),
    reference: Type.Optional(Required(100)),
    name: Type.Optional(Required(200)),
    location: Type.Optional(Text(500)),
    type: Type.Optional(CameraTypeSchema),
    status: Type.Optional(Type.Union([Type.Literal('working'), Type.Literal('faulty')], { description: 'removed: POST /retire' })),
    mountingHeightM: Type.Optional(orUnknown(MountingHeight)),
    bearingDeg: Type.Optional(orUnknown(Bearing)),
    fovDeg: Type.Optional(orUnknown(Fov)),
    rangeM: Type.Optional(orUnknown(Range)),
    radiusM: Type.Optional(orUnknown(Radius)),
    deployedFrom: Type.Optional(Type.Union([Day, Type.Null()])),
    deployedUntil: Type.Optional(Type.Union([Day, Type.Null()])),
    notes: Type.Optional(multilineText({ maxLength: 5000 })),
  },
  { additionalProperties: false, minProperties: 2 },
)
export type CameraChange = Static<typeof CameraChange>

export const CameraMove = Type.Object(
  { version: Version, position: LonLat, reason: Type.Optional(Reason) },
  { additionalProperties: false, description: 'a correction of where it is (dragged on the map); a redeployable moved to a new site is POST /redeploy' },
)
export type CameraMove = Static<typeof CameraMove>

export const CameraRetire = Type.Object(
  { version: Version, date: Type.Optional(Day), reason: multilineText({ minLength: 1, maxLength: 1000, pattern: '\\S' }) },
  { additionalProperties: false, description: 'status removed, deployed until the date (default today, UK time); kept in the register as a record' },
)
export type CameraRetire = Static<typeof CameraRetire>

export const CameraRedeploy = Type.Object(
  {
    version: Version,
    position: LonLat,
    date: Type.Optional(Day),
    bearingDeg: Type.Optional(Bearing),
    location: Type.Optional(Text(500)),
    reason: Type.Optional(Reason),
  },
  { additionalProperties: false, description: 'a redeployable or drone to a new site from the date (default today): its position history gains a row' },
)
export type CameraRedeploy = Static<typeof CameraRedeploy>

export const CameraConflict = Type.Object({
  statusCode: Type.Literal(409),
  error: Type.String(),
  message: Type.String(),
  current: Type.Optional(CameraDetail),
})
export type CameraConflict = Static<typeof CameraConflict>

export const ActivityParams = Type.Object({ id: Id, month: Month }, { additionalProperties: false })
export const ActivityEntry = Type.Object(
  {
    incidentsSpotted: Type.Integer({ minimum: 0, maximum: 100000 }),
    assistedArrests: Type.Integer({ minimum: 0, maximum: 100000 }),
    footageRequests: Type.Integer({ minimum: 0, maximum: 100000 }),
  },
  { additionalProperties: false },
)
export type ActivityEntry = Static<typeof ActivityEntry>

const FileContent = multilineText({ minLength: 1, maxLength: 900_000, description: 'the file\u2019s text (UTF-8)' })
const FileName = Required(200, 'the file\u2019s name, for the audit trail and the camera\u2019s source')

export const RegisterImport = Type.Object(
  {
    fileName: FileName,
    content: FileContent,
    owner: Required(200, 'who runs the cameras (a row\u2019s own owner column wins)'),
    defaultType: Type.Optional({ ...CameraTypeSchema, description: 'the type of rows that give none (flagged assumed); default ptz' }),
    illustrative: Type.Optional(Type.Boolean({ description: 'the file is made up for a demonstration' })),
  },
  { additionalProperties: false },
)
export type RegisterImport = Static<typeof RegisterImport>

export const ActivityTotalsQuery = Type.Object(
  { from: Type.Optional(Month), to: Type.Optional(Month) },
  { additionalProperties: false, description: 'the months added up (either open: every month held that side)' },
)
export type ActivityTotalsQuery = Static<typeof ActivityTotalsQuery>

const ActivityFigures = {
  cameras: Type.Integer({ description: 'cameras with a return in the months' }),
  cameraMonths: Type.Integer({ description: 'monthly returns added up' }),
  incidentsSpotted: Type.Integer(),
  assistedArrests: Type.Integer(),
  footageRequests: Type.Integer(),
}
export const ActivityTotals = Type.Object({
  from: Type.Union([Type.String(), Type.Null()], { description: 'the first month asked for (null: open)' }),
  to: Type.Union([Type.String(), Type.Null()], { description: 'the last month asked for (null: open)' }),
  wards: Type.Array(
    Type.Object({
      ward: Type.Union([Type.Object({ code: Type.String(), name: Type.String(), councilName: Type.String() }), Type.Null()], { description: 'the ward holding the cameras now; null: outside the wards loaded' }),
      ...ActivityFigures,
      firstMonth: Type.String({ description: 'YYYY-MM: the earliest return counted' }),
      lastMonth: Type.String(),
    }),
    { description: 'most assisted arrests first; cameras outside the wards last' },
  ),
  total: Type.Object(ActivityFigures),
})
export type ActivityTotals = Static<typeof ActivityTotals>

export const ActivityImport = Type.Object(
  { fileName: FileName, content: FileContent, owner: Type.Optional(Required(200, 'the owner of the cameras named, when references repeat across owners')) },
  { additionalProperties: false },
)
export type ActivityImport = Static<typeof ActivityImport>

export const RowRejection = Type.Object({
  row: Type.Integer({ description: 'as a spreadsheet shows the file: the header is row 1; for GeoJSON, the feature number from 1' }),
  reason: Type.String(),
})
export type RowRejection = Static<typeof RowRejection>

export const ImportResult = Type.Object({
  fileName: Type.String(),
  format: Type.Union([Type.Literal('csv'), Type.Literal('geojson')]),
  status: Type.Union([Type.Literal('committed'), Type.Literal('rejected')], { description: 'rejected: nothing from the file was stored' }),
  rowsRead: Type.Integer(),
  rowsAdded: Type.Integer(),
  rowsUpdated: Type.Integer({ description: 'activity only: camera-months that were held with other figures' }),
  rowsAlreadyHeld: Type.Integer({ description: 'rows the register (or the activity log) already held as they are: left as they are' }),
  rowsRejected: Type.Integer(),
  errors: Type.Array(RowRejection, { description: 'every rejected row, with its number and reason (at most 500)' }),
  assumed: Type.Record(Type.String(), Type.Integer(), { description: 'register only: how many added cameras took each value from the type defaults' }),
  message: Type.String(),
})
export type ImportResult = Static<typeof ImportResult>

export const BuildingsImport = Type.Object(
  { fileName: FileName, content: FileContent },
  { additionalProperties: false, description: 'GeoJSON building footprints (Polygon or MultiPolygon features); replaces the layer' },
)
export type BuildingsImport = Static<typeof BuildingsImport>

export const BuildingsResult = Type.Object({
  fileName: Type.String(),
  status: Type.Union([Type.Literal('committed'), Type.Literal('rejected')]),
  featuresRead: Type.Integer(),
  footprints: Type.Integer({ description: 'polygons now held (a MultiPolygon gives one per part)' }),
  rowsRejected: Type.Integer(),
  errors: Type.Array(RowRejection),
  message: Type.String(),
})
export type BuildingsResult = Static<typeof BuildingsResult>

export const TypeDefaultSchema = Type.Object({
  type: CameraTypeSchema,
  mountingHeightM: Type.Number(),
  bearingDeg: Type.Number(),
  fovDeg: Type.Number(),
  rangeM: Type.Number(),
  radiusM: Type.Number(),
  basis: Type.String({ description: 'why these values' }),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.Union([Type.String(), Type.Null()], { description: 'email of the last editor; null: as installed' }),
  assumedCameras: Type.Integer({ description: 'cameras of the type (not removed) with a view value still taken from these defaults: a change moves them' }),
})
export type TypeDefault = Static<typeof TypeDefaultSchema>
export const TypeDefaults = Type.Object({ items: Type.Array(TypeDefaultSchema), buildings: Type.Integer({ description: 'building footprints loaded' }) })
export type TypeDefaults = Static<typeof TypeDefaults>

export const TypeDefaultChange = Type.Object(
  {
    type: CameraTypeSchema,
    mountingHeightM: Type.Optional(MountingHeight),
    bearingDeg: Type.Optional(Bearing),
    fovDeg: Type.Optional(Fov),
    rangeM: Type.Optional(Range),
    radiusM: Type.Optional(Radius),
    basis: Type.Optional(Required(1000)),
  },
  { additionalProperties: false, minProperties: 2, description: 'cameras still on an assumed value of the type take the new one' },
)
export type TypeDefaultChange = Static<typeof TypeDefaultChange>

const CoverageFigures = {
  incidents: Type.Integer({ description: 'incidents (with a map point) in the period and categories' }),
  coveredIncidents: Type.Integer({ description: 'of them, at a map point inside a working camera\u2019s view' }),
  incidentShare: Type.Union([Type.Number(), Type.Null()], { description: 'covered / all; null when there are none' }),
  harm: Type.Number({ description: 'their harm: each incident weighted by its category\u2019s harm weight' }),
  coveredHarm: Type.Number(),
  harmShare: Type.Union([Type.Number(), Type.Null()]),
}
const ShownCount = Type.Union([Type.Integer(), Type.String()], { description: 'a count; for councillors "<3" when small, or ">=N" for a total beside a small count' })

const coverageFilter = { from: incidentFilterProperties.from, to: incidentFilterProperties.to, categories: incidentFilterProperties.categories }
export const CoverageQuery = Type.Object(coverageFilter, { additionalProperties: false })
export type CoverageQuery = Static<typeof CoverageQuery>

export const CoverageAnswer = Type.Object({
  period: Type.Union([Period, Type.Null()], { description: 'the months counted; null when there are no data' }),
  categories: Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'null: every category' }),
  caveats: Type.Array(Type.String(), { description: 'say these beside the figures' }),
  workingCameras: Type.Integer(),
  assumedCameras: Type.Integer({ description: 'working cameras whose view rests on an assumed value' }),
  overall: Type.Union([Type.Object(CoverageFigures), Type.Null()], { description: 'every ward together; null for councillors' }),
  wards: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      councilName: Type.String(),
      cameras: Type.Integer({ description: 'working cameras in the ward' }),
      ...CoverageFigures,
    }),
    { description: 'staff: every ward with incidents or cameras; most harm first' },
  ),
  councillorWards: Type.Optional(
    Type.Array(
      Type.Object({
        code: Type.String(),
        name: Type.String(),
        councilName: Type.String(),
        cameras: Type.Integer(),
        incidents: ShownCount,
        coveredIncidents: ShownCount,
        notCoveredIncidents: ShownCount,
        incidentShare: Type.Union([Type.Number(), Type.Null()], { description: 'null when a count is small' }),
        harmShare: Type.Union([Type.Number(), Type.Null()], { description: 'null when a count is small' }),
      }),
      { description: 'councillors only: their wards, one calendar month, small counts protected as in ward reports' },
    ),
  ),
  cameras: Type.Array(
    Type.Object({
      id: Type.Integer(),
      reference: Type.String(),
      name: Type.String(),
      type: CameraTypeSchema,
      anyAssumed: Type.Boolean(),
      incidents: Type.Integer({ description: 'incidents at map points inside its view (a point two cameras see counts for both)' }),
      harm: Type.Number(),
      onlyThisCamera: Type.Integer({ description: 'of them, at points no other working camera sees' }),
      onlyThisCameraHarm: Type.Number(),
    }),
    { description: 'staff only: what each working camera sees, most harm first' },
  ),
})
export type CoverageAnswer = Static<typeof CoverageAnswer>

export const GapsQuery = Type.Object(
  {
    ...coverageFilter,
    res: Type.Integer({ minimum: 6, maximum: 10, default: 9, description: 'H3 resolution of the hot-spot cells' }),
    k: Type.Integer({ minimum: 1, maximum: 3, default: 1 }),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
)
export type GapsQuery = Static<typeof GapsQuery>

const CentreSchema = Type.Object({ lon: Type.Number(), lat: Type.Number() })

export const GapCell = Type.Object({
  rank: Type.Integer(),
  h3: Type.String(),
  class: HotspotClassSchema,
  z: Type.Number(),
  centre: CentreSchema,
  incidents: Type.Integer(),
  harm: Type.Number(),
  uncoveredIncidents: Type.Integer(),
  uncoveredHarm: Type.Number({ description: 'harm at map points outside every working camera\u2019s view: what the ranking is by' }),
})
export type GapCell = Static<typeof GapCell>

export const GapLocation = Type.Object({
  rank: Type.Integer(),
  name: Type.String(),
  problemRank: Type.Integer({ description: 'its rank among problem locations by harm' }),
  ward: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  cells: Type.Array(Type.String()),
  centre: CentreSchema,
  incidents: Type.Integer(),
  harm: Type.Number(),
  uncoveredIncidents: Type.Integer(),
  uncoveredHarm: Type.Number(),
  uncoveredShare: Type.Union([Type.Number(), Type.Null()], { description: 'uncovered harm / harm' }),
})
export type GapLocation = Static<typeof GapLocation>

export const GapsAnswer = Type.Object({
  period: Type.Union([Period, Type.Null()]),
  res: Type.Integer(),
  caveats: Type.Array(Type.String()),
  cells: Type.Array(GapCell, { description: 'significant hot cells (Gi* on harm, any confidence) by harm outside every working camera\u2019s view' }),
  locations: Type.Array(GapLocation, { description: 'problem locations (by harm) by harm outside every view' }),
})
export type GapsAnswer = Static<typeof GapsAnswer>

export const PlacementRequest = Type.Object(
  {
    ...coverageFilter,
    cameras: Type.Integer({ minimum: 1, maximum: 50, description: 'how many cameras to place' }),
    type: Type.Optional(Type.Union([Type.Literal('ptz'), Type.Literal('redeployable'), Type.Literal('drone')], { description: 'their type, for the default range; default redeployable' })),
    rangeM: Type.Optional(Range),
    res: Type.Integer({ minimum: 6, maximum: 10, default: 9, description: 'H3 resolution of the hot cells whose centres are the candidates when no sites are given' }),
    sites: Type.Optional(
      Type.Array(Type.Object({ lon: Lon, lat: Lat, label: Type.Optional(Text(200)) }, { additionalProperties: false }), {
        minItems: 1,
        maxItems: 5000,
        description: 'candidate sites; default: the centres of hot cells (Gi* on harm) with harm outside every view',
      }),
    ),
  },
  { additionalProperties: false },
)
export type PlacementRequest = Static<typeof PlacementRequest>

export const PlacementAnswer = Type.Object({
  period: Type.Union([Period, Type.Null()]),
  caveats: Type.Array(Type.String()),
  rangeM: Type.Number({ description: 'the candidate cameras\u2019 range' }),
  candidates: Type.Integer({ description: 'candidate sites considered' }),
  candidateSource: Type.Union([Type.Literal('sites'), Type.Literal('hot-cells')]),
  today: Type.Object({ harm: Type.Number({ description: 'harm in the period at every map point' }), coveredHarm: Type.Number(), harmShare: Type.Union([Type.Number(), Type.Null()]) }),
  picks: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      site: Type.Object({ lon: Type.Number(), lat: Type.Number(), label: Type.Union([Type.String(), Type.Null()]) }),
      gainHarm: Type.Number({ description: 'harm newly covered by this pick, beyond today\u2019s cameras and the picks before it' }),
      gainIncidents: Type.Integer(),
      coveredHarmAfter: Type.Number(),
      harmShareAfter: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  uplift: Type.Object({ harm: Type.Number({ description: 'harm newly covered by all the picks' }), incidents: Type.Integer(), harmShare: Type.Union([Type.Number(), Type.Null()], { description: 'share of all harm, added to today\u2019s' }) }),
})
export type PlacementAnswer = Static<typeof PlacementAnswer>
