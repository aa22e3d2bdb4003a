import { describe, expect, it } from 'vitest'
import { londonInstant, londonWallTime } from './london-time.js'
import { parseWhen, parseTimeOfDay, type DateFormat, type TimeSource, type WhenInput } from './parse-when.js'

const IN_DATE: TimeSource = { kind: 'in-date' }
const TIME_COLUMN: TimeSource = { kind: 'column', column: 'time' }
const HOUR_MINUTE: TimeSource = { kind: 'hour-minute', hourColumn: 'hr', minuteColumn: 'min' }

const instantOf = (input: WhenInput, format: DateFormat, time: TimeSource = IN_DATE) => {
  const result = parseWhen(input, format, time)
  if (!result.ok) throw new Error(result.reason)
  return result.when
}
const reasonOf = (input: WhenInput, format: DateFormat, time: TimeSource = IN_DATE) => {
  const result = parseWhen(input, format, time)
  return result.ok ? null : result.reason
}

/** Excel's serial for a date (days since 1899-12-30) plus a fraction of a day. */
const serial = (year: number, month: number, day: number, hour = 0, minute = 0) =>
  String((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000 + (hour * 60 + minute) / 1440)

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const two = (n: number) => String(n).padStart(2, '0')

/** One wall time written in every supported form, each with how it is read. */
function everyForm(year: number, month: number, day: number, hour: number, minute: number): [string, WhenInput, DateFormat, TimeSource][] {
  const dmy = `${two(day)}/${two(month)}/${year}`
  const h12 = hour % 12 === 0 ? 12 : hour % 12
  const ampm = hour < 12 ? 'AM' : 'PM'
  return [
    ['dd/mm/yyyy hh:mm', { date: `${dmy} ${two(hour)}:${two(minute)}` }, 'dd/mm/yyyy', IN_DATE],
    ['dd/mm/yyyy hh:mm:ss AM/PM', { date: `${dmy} ${two(h12)}:${two(minute)}:00 ${ampm}` }, 'dd/mm/yyyy', IN_DATE],
    ['dd-Mon-yy hh:mm', { date: `${two(day)}-${MONTH_NAMES[month - 1]}-${String(year).slice(2)} ${two(hour)}:${two(minute)}` }, 'dd-Mon-yy', IN_DATE],
    ['ISO 8601 local', { date: `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}` }, 'iso8601', IN_DATE],
    ['date and time columns', { date: dmy, time: `${two(hour)}:${two(minute)}` }, 'dd/mm/yyyy', TIME_COLUMN],
    ['date and 12-hour time columns', { date: dmy, time: `${h12}:${two(minute)} ${ampm.toLowerCase()}` }, 'dd/mm/yyyy', TIME_COLUMN],
    ['hour and minute columns', { date: dmy, hour: String(hour), minute: String(minute) }, 'dd/mm/yyyy', HOUR_MINUTE],
    ['Excel serial', { date: serial(year, month, day, hour, minute) }, 'excel-serial', IN_DATE],
    ['auto', { date: `${dmy} ${two(hour)}:${two(minute)}` }, 'auto', IN_DATE],
  ]
}

describe('London wall time', () => {
  it('reads winter as GMT and summer as BST', () => {
    expect(londonInstant({ year: 2019, month: 1, day: 15, hour: 12, minute: 0, second: 0 }).toISOString()).toBe('2019-01-15T12:00:00.000Z')
    expect(londonInstant({ year: 2019, month: 7, day: 15, hour: 12, minute: 0, second: 0 }).toISOString()).toBe('2019-07-15T11:00:00.000Z')
  })

  it('uses the historic rules too (1995 summer time ended on 22 October, not the last Sunday)', () => {
    expect(londonInstant({ year: 1995, month: 10, day: 23, hour: 12, minute: 0, second: 0 }).toISOString()).toBe('1995-10-23T12:00:00.000Z')
    expect(londonInstant({ year: 1995, month: 10, day: 21, hour: 12, minute: 0, second: 0 }).toISOString()).toBe('1995-10-21T11:00:00.000Z')
  })

  it('round-trips every minute across both changes of 2019 except the skipped March hour', () => {
    for (const [month, day] of [[3, 31], [10, 27]]) {
      for (let minute = 0; minute < 24 * 60; minute += 1) {
        const wall = { year: 2019, month, day, hour: Math.floor(minute / 60), minute: minute % 60, second: 0 }
        const back = londonWallTime(londonInstant(wall))
        if (month === 3 && wall.hour === 1) expect(back.hour).toBe(2)
        else expect(back).toEqual(wall)
      }
    }
  })
})

describe('parseWhen across the daylight-saving changes, in every form', () => {
  // 31 March 2019: clocks went forward at 01:00 GMT to 02:00 BST. 27 October 2019: back at 02:00 BST to 01:00 GMT.
  const cases: [string, number, number, number, number, string][] = [
    ['before the March change', 3, 31, 0, 30, '2019-03-31T00:30:00.000Z'],
    ['in the skipped March hour: shifted, read as GMT', 3, 31, 1, 30, '2019-03-31T01:30:00.000Z'],
    ['after the March change', 3, 31, 2, 30, '2019-03-31T01:30:00.000Z'],
    ['the first minute of BST', 3, 31, 2, 0, '2019-03-31T01:00:00.000Z'],
    ['before the October change', 10, 27, 0, 30, '2019-10-26T23:30:00.000Z'],
    ['in the repeated October hour: its first (BST) occurrence', 10, 27, 1, 30, '2019-10-27T00:30:00.000Z'],
    ['after the October change', 10, 27, 2, 30, '2019-10-27T02:30:00.000Z'],
    ['an ordinary summer afternoon', 7, 4, 14, 5, '2019-07-04T13:05:00.000Z'],
    ['midnight in winter', 12, 25, 0, 0, '2019-12-25T00:00:00.000Z'],
    ['noon on the March change day (12 PM)', 3, 31, 12, 0, '2019-03-31T11:00:00.000Z'],
  ]
  for (const [what, month, day, hour, minute, expected] of cases) {
    for (const [form, input, format, time] of everyForm(2019, month, day, hour, minute)) {
      it(`${what}: ${form}`, () => {
        const when = instantOf(input, format, time)
        expect(when.instant.toISOString()).toBe(expected)
        // A whole Excel serial is a date with no time: midnight cannot be told from "no time given".
        expect(when.precision).toBe(form === 'Excel serial' && hour === 0 && minute === 0 ? 'day' : 'minute')
      })
    }
  }

  it('gives a date alone day precision at London midnight, on both change days', () => {
    for (const [date, format] of [['31/03/2019', 'dd/mm/yyyy'], ['31-Mar-19', 'dd-Mon-yy'], ['2019-03-31', 'iso8601'], [serial(2019, 3, 31), 'excel-serial']] as const) {
      expect(instantOf({ date }, format)).toEqual({ instant: new Date('2019-03-31T00:00:00Z'), precision: 'day' })
    }
    for (const [date, format] of [['27/10/2019', 'dd/mm/yyyy'], ['27-Oct-2019', 'dd-Mon-yy'], ['2019-10-27', 'iso8601'], [serial(2019, 10, 27), 'excel-serial']] as const) {
      expect(instantOf({ date }, format)).toEqual({ instant: new Date('2019-10-26T23:00:00Z'), precision: 'day' })
    }
  })

  it('gives a month alone month precision at the first of the month', () => {
    expect(instantOf({ date: '2019-07' }, 'iso8601')).toEqual({ instant: new Date('2019-06-30T23:00:00Z'), precision: 'month' })
    expect(instantOf({ date: '07/2019' }, 'dd/mm/yyyy')).toEqual({ instant: new Date('2019-06-30T23:00:00Z'), precision: 'month' })
    expect(instantOf({ date: 'Jan-19' }, 'dd-Mon-yy')).toEqual({ instant: new Date('2019-01-01T00:00:00Z'), precision: 'month' })
  })

  it('keeps day precision when the time columns are empty', () => {
    expect(instantOf({ date: '04/07/2019', hour: '', minute: '' }, 'dd/mm/yyyy', HOUR_MINUTE).precision).toBe('day')
    expect(instantOf({ date: '04/07/2019', time: ' ' }, 'dd/mm/yyyy', TIME_COLUMN).precision).toBe('day')
  })

  it('takes an ISO 8601 offset as an exact instant', () => {
    expect(instantOf({ date: '2019-10-27T01:30:00Z' }, 'iso8601').instant.toISOString()).toBe('2019-10-27T01:30:00.000Z')
    expect(instantOf({ date: '2019-10-27T01:30+01:00' }, 'iso8601').instant.toISOString()).toBe('2019-10-27T00:30:00.000Z')
  })

  it('reads BANES-style timestamps (12-hour, seconds) and the 12 AM / 12 PM hours', () => {
    expect(instantOf({ date: '11/11/2019 09:36:00 AM' }, 'dd/mm/yyyy').instant.toISOString()).toBe('2019-11-11T09:36:00.000Z')
    expect(instantOf({ date: '11/11/2019 12:05:00 AM' }, 'dd/mm/yyyy').instant.toISOString()).toBe('2019-11-11T00:05:00.000Z')
    expect(instantOf({ date: '11/11/2019 12:05:00 PM' }, 'dd/mm/yyyy').instant.toISOString()).toBe('2019-11-11T12:05:00.000Z')
  })

  it.each([
    [{ date: '' }, 'dd/mm/yyyy', IN_DATE, 'the date is missing'],
    [{ date: '31/02/2019' }, 'dd/mm/yyyy', IN_DATE, "'31/02/2019' has day 31, and that month has 28"],
    [{ date: '12/13/2019' }, 'dd/mm/yyyy', IN_DATE, "'12/13/2019' has month 13 (1 to 12)"],
    [{ date: '2019-12-31' }, 'dd/mm/yyyy', IN_DATE, "'2019-12-31' is not a date like 31/12/2019 or 31/12/2019 11:30:00 PM"],
    [{ date: '01/01/2019 13:00 PM' }, 'dd/mm/yyyy', IN_DATE, "'13:00 PM' has hour 13 on a 12-hour clock (1 to 12)"],
    [{ date: '01/01/2019 24:00' }, 'dd/mm/yyyy', IN_DATE, "'24:00' has hour 24 (0 to 23)"],
    [{ date: '31-Foo-19' }, 'dd-Mon-yy', IN_DATE, "'Foo' is not a month name"],
    [{ date: '01/01/2019', hour: '24', minute: '0' }, 'dd/mm/yyyy', HOUR_MINUTE, "hour '24' is not a whole hour from 0 to 23"],
    [{ date: '01/01/2019', hour: '3', minute: '60' }, 'dd/mm/yyyy', HOUR_MINUTE, "minute '60' is not a whole minute from 0 to 59"],
    [{ date: '01/01/2019 10:00', time: '10:00' }, 'dd/mm/yyyy', TIME_COLUMN, "'01/01/2019 10:00' has a time of day, but the time is set to come from its own column"],
    [{ date: '20' }, 'excel-serial', IN_DATE, 'Excel serial 20 is outside 1 March 1900 to 31 December 9999'],
    [{ date: 'yesterday' }, 'auto', IN_DATE, "'yesterday' is not a date in any supported form (dd/mm/yyyy, dd-Mon-yy, ISO 8601, Excel serial)"],
  ] as const)('rejects %j (%s) with a reason', (input, format, time, reason) => {
    expect(reasonOf(input, format, time)).toBe(reason)
  })

  it('reads times of day in the usual spellings', () => {
    expect(parseTimeOfDay('0930')).toEqual({ hour: 9, minute: 30, second: 0 })
    expect(parseTimeOfDay('9.30 p.m.')).toEqual({ hour: 21, minute: 30, second: 0 })
    expect(parseTimeOfDay('23:59:59')).toEqual({ hour: 23, minute: 59, second: 59 })
  })
})
