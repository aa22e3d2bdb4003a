import { Type, type Static } from 'typebox'
import { literalUnion } from '../../lib/literal-union.js'
import { POLICE_UK_CATEGORIES } from '../incidents/categories.js'
import { multilineText } from '../../plugins/request-schemas.js'
import { REPORT_LIMITS, REPORT_STATUSES, REPORTER_CATEGORY_IDS } from './report-rules.js'

const Id = Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 })
export const ReportStatusSchema = literalUnion(REPORT_STATUSES)
export const ReporterCategorySchema = literalUnion(REPORTER_CATEGORY_IDS)

/** The time-check token the form asks for when it opens (GET /api/reports/form). */
export const FormAnswer = Type.Object({
  token: Type.String({ description: 'send back as formToken; a form sent within a few seconds of this is refused as automated' }),
  minSeconds: Type.Integer(),
})
export type FormAnswer = Static<typeof FormAnswer>

/**
 * The receipt code: 24 letters and digits of Crockford's base32 (120 random bits) in groups of four, as the reporter
 * was shown it; lower case and missing dashes are accepted, as people type codes.
 */
export const ReceiptParams = Type.Object(
  { code: Type.String({ minLength: 24, maxLength: 40, pattern: '^[0-9A-Za-z-]+$', description: 'the receipt code' }) },
  { additionalProperties: false },
)

export const SubmitAnswer = Type.Object({
  receipt: Type.String({ description: 'the receipt code: shown once, kept nowhere on the server' }),
  status: ReportStatusSchema,
})
export type SubmitAnswer = Static<typeof SubmitAnswer>

const Message = Type.Object({
  from: literalUnion(['you', 'staff'] as const),
  body: Type.String(),
  sentAt: Type.String(),
})

/** What a receipt shows: the status and the messages, nothing else (no place, description, photos or contact). */
export const ReceiptAnswer = Type.Object({
  status: ReportStatusSchema,
  statusWords: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
  submittedAt: Type.String(),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  messages: Type.Array(Message),
})
export type ReceiptAnswer = Static<typeof ReceiptAnswer>

export const MessageBody = Type.Object(
  { body: multilineText({ minLength: 1, maxLength: REPORT_LIMITS.messageChars, description: 'the message' }) },
  { additionalProperties: false },
)

export const ReportListQuery = Type.Object(
  {
    status: Type.Optional(ReportStatusSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
)

export const ReportId = Type.Object({ id: Id }, { additionalProperties: false })
export const PhotoParams = Type.Object({ id: Id, ordinal: Type.Integer({ minimum: 1, maximum: REPORT_LIMITS.photos }) }, { additionalProperties: false })

const Contact = Type.Object({
  name: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  consent: Type.Boolean(),
  erasedAt: Type.Union([Type.String(), Type.Null()]),
})

export const ReportSummary = Type.Object({
  id: Type.Integer(),
  status: ReportStatusSchema,
  reporterCategory: ReporterCategorySchema,
  category: Type.String(),
  lon: Type.Union([Type.Number(), Type.Null()]),
  lat: Type.Union([Type.Number(), Type.Null()]),
  ward: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  placeText: Type.Union([Type.String(), Type.Null()]),
  happenedAt: Type.Union([Type.String(), Type.Null()]),
  ongoing: Type.Boolean(),
  description: Type.String(),
  photos: Type.Integer(),
  submittedAt: Type.String(),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  incidentId: Type.Union([Type.Integer(), Type.Null()]),
  mergedIntoReport: Type.Union([Type.Integer(), Type.Null()]),
  mergedIntoIncident: Type.Union([Type.Integer(), Type.Null()]),
  handledBy: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  contact: Contact,
})
export type ReportSummary = Static<typeof ReportSummary>

export const ReportList = Type.Object({ items: Type.Array(ReportSummary) })

export const ReportDetail = Type.Object({
  ...ReportSummary.properties,
  messages: Type.Array(Type.Object({ id: Type.Integer(), fromStaff: Type.Boolean(), author: Type.Union([Type.String(), Type.Null()]), body: Type.String(), sentAt: Type.String() })),
})
export type ReportDetail = Static<typeof ReportDetail>

const Version = Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1, description: 'the version the decision was made on' })
const Reason = multilineText({ minLength: 1, maxLength: 1000, description: 'why, in words the reporter reads on the receipt' })

export const AcceptBody = Type.Object(
  {
    version: Version,
    // One of the categories Patrolmap already counts and weighs for harm: a decision never makes a new one.
    category: Type.Optional(literalUnion(POLICE_UK_CATEGORIES, { description: "Patrolmap's category, when the mapped one is wrong" })),
    message: Type.Optional(multilineText({ minLength: 1, maxLength: REPORT_LIMITS.messageChars, description: 'a message to the reporter with the decision' })),
  },
  { additionalProperties: false },
)
export type AcceptBody = Static<typeof AcceptBody>

export const MergeBody = Type.Object(
  {
    version: Version,
    intoReport: Type.Optional(Id),
    intoIncident: Type.Optional(Id),
    message: Type.Optional(multilineText({ minLength: 1, maxLength: REPORT_LIMITS.messageChars })),
  },
  { additionalProperties: false },
)
export type MergeBody = Static<typeof MergeBody>

export const ReasonBody = Type.Object({ version: Version, reason: Reason }, { additionalProperties: false })
export type ReasonBody = Static<typeof ReasonBody>

export const PosterQuery = Type.Object(
  {
    size: Type.Optional(literalUnion(['A4', 'A5'] as const, { default: 'A4' })),
    lon: Type.Optional(Type.Number({ minimum: -9, maximum: 2.5 })),
    lat: Type.Optional(Type.Number({ minimum: 49, maximum: 61 })),
    ward: Type.Optional(Type.String({ pattern: '^[EWSN]\\d{8}$' })),
    place: Type.Optional(Type.String({ minLength: 1, maxLength: 120, description: 'the place named on the poster' })),
  },
  { additionalProperties: false },
)
export type PosterQuery = Static<typeof PosterQuery>

/** The public form's wards: GeoJSON with each ward's code, name and the point to centre on. */
export const PublicWards = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.String(),
      geometry: Type.Unknown(),
      properties: Type.Object({ code: Type.String(), name: Type.String(), lon: Type.Number(), lat: Type.Number() }),
    }),
  ),
})
export type PublicWards = Static<typeof PublicWards>

export const CorrectBody = Type.Object(
  {
    version: Version,
    category: Type.Optional(literalUnion(POLICE_UK_CATEGORIES)),
    position: Type.Optional(Type.Object({ lon: Type.Number({ minimum: -9, maximum: 2.5 }), lat: Type.Number({ minimum: 49, maximum: 61 }) }, { additionalProperties: false })),
    happenedAt: Type.Optional(
      Type.Union([Type.String({ pattern: '^(19|20|21)\\d\\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d$', description: 'UK local time, YYYY-MM-DDTHH:MM' }), Type.Null()], {
        description: 'when it happened; null: ongoing',
      }),
    ),
    reason: multilineText({ minLength: 1, maxLength: 1000, description: 'what was wrong, for the audit trail' }),
  },
  { additionalProperties: false },
)
export type CorrectBody = Static<typeof CorrectBody>
