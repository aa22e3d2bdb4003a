import { Type, type Static } from 'typebox'

/**
 * Years a month or day parameter may name. police.uk data starts in 2010; the range is wide enough for any record
 * and keeps every period, and the equal period before it that top-wards compares with (at most 300 years back, so no
 * earlier than 1600), inside what PostgreSQL's timestamps and the Europe/London rules compute. Year 0000 or 0001
 * reached the database before and failed there.
 */
const YEAR = '(19|20|21)\\d{2}'
const MONTH = '(0[1-9]|1[0-2])'

export const MONTH_PATTERN = `^${YEAR}-${MONTH}$`
export const DAY_PATTERN = `^${YEAR}-${MONTH}-\\d{2}$`

/** A calendar month, YYYY-MM, from 1900-01 to 2199-12. */
export const Month = Type.String({ pattern: MONTH_PATTERN, description: 'a month, YYYY-MM, 1900-01 to 2199-12' })

/**
 * A calendar day, YYYY-MM-DD, from 1900-01-01 to 2199-12-31. The pattern bounds the year; the `date` format (ajv-formats)
 * refuses days the calendar lacks, such as 2023-02-29.
 */
export const Day = Type.String({
  pattern: DAY_PATTERN,
  format: 'date',
  description: 'a day, YYYY-MM-DD (UK time), 1900-01-01 to 2199-12-31',
})

/** A span of whole months, YYYY-MM to YYYY-MM inclusive, as answers give the period they counted. */
export const Period = Type.Object({ from: Type.String(), to: Type.String() })
export type Period = Static<typeof Period>
