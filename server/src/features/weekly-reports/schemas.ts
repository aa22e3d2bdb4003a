import { Type, type Static } from 'typebox'
import { literalUnion } from '../../lib/literal-union.js'
import { Count } from '../ward-reports/schemas.js'

const WARD_CODE = '^[EWSN]\\d{8}$'
/** An ISO week (2026-W48) or a month (2025-11), years 1900 to 2199 as every other period parameter. */
const PERIOD = '^(19|20|21)\\d{2}-(W(0[1-9]|[1-4]\\d|5[0-3])|(0[1-9]|1[0-2]))$'

export const WardCode = Type.String({ pattern: WARD_CODE, description: 'ONS ward code, e.g. E05014882' })
export const ReportPeriod = Type.String({ pattern: PERIOD, description: 'an ISO week (2026-W48) or, for a ward whose data are dated to the month only, a month (2025-11)' })

export const CONTACT_KINDS = ['neighbourhood-officer', 'enforcement-officer', 'housing-officer'] as const
export const ContactKind = literalUnion(CONTACT_KINDS)
export type ContactKind = Static<typeof ContactKind>

export const Contact = Type.Object({
  kind: ContactKind,
  name: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
})

/** The report as published: this is the snapshot stored, byte for byte, and the figures every output shows. */
export const WeeklyReport = Type.Object({
  format: Type.Literal(1),
  ward: Type.Object({ code: Type.String(), name: Type.String(), councilName: Type.String() }),
  period: Type.Object({
    id: Type.String(),
    kind: Type.Union([Type.Literal('week'), Type.Literal('month')]),
    label: Type.String(),
    start: Type.String({ description: 'first UK day' }),
    end: Type.String({ description: 'the UK day after the last' }),
    monthsOnly: Type.Boolean({ description: "a month because the ward's data are dated to the month only" }),
  }),
  publishedAt: Type.String(),
  suppressionThreshold: Type.Integer(),
  total: Type.Object({ count: Count, previous: Type.Union([Count, Type.Null()], { description: 'null: no data for the period before' }), words: Type.String() }),
  categories: Type.Array(Type.Object({ category: Type.String(), count: Count, words: Type.String() }), { description: 'every category, zeros included' }),
  trend: Type.Array(Type.Object({ period: Type.String(), label: Type.String(), total: Type.Union([Count, Type.Null()], { description: 'null: no data yet then' }) }), {
    description: 'the 12 periods up to this one, each as its own report shows it',
  }),
  locations: Type.Array(Type.Object({ name: Type.String(), count: Count, previous: Count, words: Type.String(), lon: Type.Number(), lat: Type.Number() })),
  tasks: Type.Array(
    Type.Object({
      id: Type.Integer(),
      title: Type.String(),
      team: Type.Union([Type.String(), Type.Null()]),
      status: Type.String(),
      escalated: Type.Boolean(),
      outcome: Type.Union([Type.String(), Type.Null()]),
      start: Type.String(),
      end: Type.String(),
      visitsTarget: Type.Integer(),
      visits: Type.Integer(),
      minutesTarget: Type.Integer(),
      minutes: Type.Integer(),
    }),
  ),
  cctv: Type.Object({ incidents: Count, covered: Count, share: Type.Union([Type.Number(), Type.Null()]), workingCameras: Type.Integer(), words: Type.String() }),
  residentReports: Type.Object({ recorded: Type.Boolean(), words: Type.String() }),
  contacts: Type.Array(Contact),
  map: Type.Object({
    outline: Type.Unknown({ description: 'the ward outline, GeoJSON MultiPolygon' }),
    bands: Type.Array(Type.Object({ from: Type.Integer(), to: Type.Union([Type.Integer(), Type.Null()]), label: Type.String() }), {
      description: 'the fixed colour scale: the same in every report',
    }),
    cells: Type.Array(Type.Object({ cell: Type.String(), band: Type.Integer() }), { description: 'H3 res 8 cells with at least the threshold, by band; smaller ones not drawn' }),
  }),
  sources: Type.Array(Type.Object({ source: Type.String(), first: Type.String(), last: Type.String(), monthsOnly: Type.Boolean() })),
  caveats: Type.Array(Type.String()),
})
export type WeeklyReport = Static<typeof WeeklyReport>

export const PublishedMeta = Type.Object({
  id: Type.Integer(),
  wardCode: Type.String(),
  wardName: Type.String(),
  period: Type.String(),
  periodKind: Type.Union([Type.Literal('week'), Type.Literal('month')]),
  periodLabel: Type.String(),
  version: Type.Integer(),
  contentHash: Type.String({ description: 'SHA-256 of the report JSON exactly as stored and served' }),
  changes: Type.Union([Type.String(), Type.Null()], { description: 'what this version changed against the one before (null for the first)' }),
  reason: Type.Union([Type.String(), Type.Null()]),
  trigger: Type.String(),
  publishedAt: Type.String(),
})
export type PublishedMeta = Static<typeof PublishedMeta>

export const ArchiveQuery = Type.Object({ ward: Type.Optional(WardCode), period: Type.Optional(ReportPeriod) }, { additionalProperties: false })
export const Archive = Type.Object({ items: Type.Array(PublishedMeta) })

export const ReportParams = Type.Object({ ward: WardCode, period: ReportPeriod })
export const VersionQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }, { additionalProperties: false })

export const PublishBody = Type.Object(
  {
    ward: WardCode,
    period: Type.Optional(ReportPeriod),
    reissue: Type.Optional(Type.Boolean({ description: 'publish a new version even when one exists' })),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
)
export const PublishAnswer = Type.Object({ published: Type.Boolean({ description: 'false: this ward-period was already published, and nothing changed' }), report: PublishedMeta })

export const ContactsQuery = Type.Object({ ward: Type.Optional(WardCode) }, { additionalProperties: false })
export const StoredContact = Type.Object({ wardCode: Type.String(), ...Contact.properties, updatedAt: Type.String() })
export const ContactList = Type.Object({ items: Type.Array(StoredContact) })
export const ContactParams = Type.Object({ ward: WardCode, kind: ContactKind })
export const ContactBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    email: Type.Optional(Type.Union([Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', maxLength: 200 }), Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9 +()-]{3,40}$' }), Type.Null()])),
  },
  { additionalProperties: false },
)

export const UnsentEmail = Type.Object({
  id: Type.Integer(),
  wardCode: Type.String(),
  wardName: Type.String(),
  period: Type.String(),
  periodLabel: Type.String(),
  version: Type.Integer(),
  recipient: Type.String(),
  status: Type.Union([Type.Literal('failed'), Type.Literal('retrying')], { description: 'failed: given up on after every try; retrying: tried again later by itself' }),
  attempts: Type.Integer(),
  lastError: Type.String(),
  nextAttemptAt: Type.Union([Type.String(), Type.Null()], { description: 'when it is tried next (null: given up on)' }),
  queuedAt: Type.String(),
})
export type UnsentEmail = Static<typeof UnsentEmail>
export const UnsentEmailList = Type.Object({
  items: Type.Array(UnsentEmail),
  mailConfigured: Type.Boolean({ description: 'whether this server sends e-mail (SMTP_URL): without it nothing in the outbox goes from here' }),
})
export const EmailParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) })
