import { Type, type Static } from 'typebox'
import { literalUnion } from '../../lib/literal-union.js'
import { multilineText } from '../../plugins/request-schemas.js'
import { ProfileMapping } from '../import/mapped/profile-schema.js'

export { ProfileMapping }

const ProfileName = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'lower-case letters, digits and hyphens, as the CLI\u2019s --profile takes it' })
const Title = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })

export const ProfileNameParams = Type.Object({ name: ProfileName }, { additionalProperties: false })

export const ImportProfileSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  title: Type.String(),
  mapping: Type.Union([ProfileMapping, Type.Null()], { description: 'null: the stored mapping no longer fits (edited by hand); save it again' }),
  shipped: Type.Boolean({ description: 'shipped with Patrolmap for a real log in geodata/timed/' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
})
export type ImportProfileSchema = Static<typeof ImportProfileSchema>

export const ImportProfileList = Type.Object({ items: Type.Array(ImportProfileSchema) })

export const NewImportProfile = Type.Object({ name: ProfileName, title: Title, mapping: ProfileMapping }, { additionalProperties: false })
export type NewImportProfile = Static<typeof NewImportProfile>

export const ImportProfileChange = Type.Object({ title: Title, mapping: ProfileMapping }, { additionalProperties: false })

export const PREVIEW_FIELDS = ['row', 'reference', 'when', 'position'] as const

export const PreviewRequest = Type.Object(
  {
    csv: multilineText({ minLength: 1, maxLength: 256 * 1024, description: 'the file\u2019s first lines (header first), as text' }),
    mapping: ProfileMapping,
    rows: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20, description: 'how many rows to read (default 20)' })),
  },
  { additionalProperties: false },
)

const ParsedRow = Type.Object({
  reference: Type.String(),
  category: Type.String({ description: 'the Patrolmap category the row gets' }),
  sourceCategory: Type.String({ description: 'the value it came from (empty: none)' }),
  periodStart: Type.String({ format: 'date-time', description: 'the instant (UTC)' }),
  localTime: Type.String({ description: 'the same instant as UK local time, YYYY-MM-DD HH:MM, as it is read' }),
  precision: literalUnion(['minute', 'day', 'month'] as const),
  lon: Type.Union([Type.Number(), Type.Null()]),
  lat: Type.Union([Type.Number(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  description: Type.Union([Type.String(), Type.Null()]),
  statedWard: Type.Union([Type.String(), Type.Null()]),
})

export const PreviewAnswer = Type.Object({
  columns: Type.Array(Type.String(), { description: 'the header\u2019s columns' }),
  missingColumns: Type.Array(Type.String(), { description: 'columns the mapping reads that the header lacks: the file would be refused whole' }),
  unknownCategories: Type.Array(Type.String(), { description: 'categories the mapping names that Patrolmap does not have' }),
  rows: Type.Array(
    Type.Object({
      row: Type.Integer({ description: 'as a spreadsheet numbers it: the header is row 1' }),
      values: Type.Array(Type.String()),
      parsed: Type.Union([ParsedRow, Type.Null()]),
      rejected: Type.Union([Type.Object({ field: literalUnion(PREVIEW_FIELDS), reason: Type.String() }), Type.Null()]),
    }),
  ),
  rejectedBy: Type.Object(
    { row: Type.Integer(), reference: Type.Integer(), when: Type.Integer(), position: Type.Integer() },
    { description: 'how many of the rows read each choice rejects (the mapping\u2019s reference, date and time, position)' },
  ),
})
export type PreviewAnswer = Static<typeof PreviewAnswer>

export const MappedImportQuery = Type.Object(
  {
    profile: ProfileName,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[^/\\\\]+$', description: 'the file\u2019s name, for the record' })),
    force: Type.Optional(Type.Boolean({ description: 'read the file again even if these bytes were imported with this mapping' })),
  },
  { additionalProperties: false },
)

export const MappedImportAnswer = Type.Object({
  file: Type.String(),
  profile: Type.String(),
  status: literalUnion(['committed', 'rejected', 'skipped'] as const),
  batchId: Type.Union([Type.Integer(), Type.Null()]),
  rowsRead: Type.Integer(),
  rowsAdded: Type.Integer(),
  rowsChanged: Type.Integer(),
  rowsRemoved: Type.Integer(),
  rowsRejected: Type.Integer(),
  rowsOutside: Type.Integer({ description: 'rows placed outside every loaded ward: kept, counted as outside the area' }),
  rowsUnplaced: Type.Integer({ description: 'rows with no position: kept without a point' }),
  errors: Type.Array(Type.Object({ row: Type.Integer(), reason: Type.String() })),
  message: Type.String(),
})
export type MappedImportAnswer = Static<typeof MappedImportAnswer>
