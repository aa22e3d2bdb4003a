import { describe, expect, it } from 'vitest'
import { readWdd, type AreaValues, type WddReadingContext } from './read-wdd.js'
import { wdd, wddHarm, type PrePost } from './wdd.js'

/** The reading of counts in a task area, its control and (when given) the ring around the task area. */
function readCounts(counts: AreaValues, context: Partial<WddReadingContext> = {}, alpha?: number) {
  const result = wdd({
    treated: counts.treated,
    control: counts.control,
    displacementTreated: counts.buffer ?? undefined,
    displacementControl: counts.controlBuffer ?? undefined,
    alpha,
  })
  return readWdd(result, {
    measure: 'count',
    counts,
    bufferMetres: 250,
    periodMonths: 6,
    monthsOnly: false,
    overlappingTasks: [],
    ...context,
  })
}

const quiet = { treated: [60, 58], control: [62, 61], buffer: [40, 41] } satisfies AreaValues

describe('readWdd: what changed', () => {
  it('reads Wheeler & Ratcliffe\'s worked example in plain words, beyond chance at 95%', () => {
    const reading = readCounts({ control: [308, 318], treated: [207, 110], controlBuffer: [150, 140], buffer: [178, 157] }, {}, 0.05)
    expect(reading.findings).toEqual([
      'In the task area, incidents fell from 207 to 110 (−97, −47%); in the control area, they rose from 308 to 318 (+10, +3%).',
      'Against the control, the task area had 107 fewer incidents than if it had changed as the control did.',
      'In the 250 m ring around it, they fell from 178 to 157 (−21, −12%); in the ring around the control, they fell from 150 to 140 (−10, −7%).',
      'The change in the 250 m ring is within what chance alone could give (p = 0.66): no clear sign of displacement or of a diffusion of benefit.',
      'Task area and ring together: 118 fewer incidents than the control\'s change would give (95% interval −196 to −40; z = −2.98, p = 0.003).',
      'That change is beyond chance at the 95% level.',
    ])
    expect([reading.direction, reading.beyondChanceAt]).toEqual(['fewer', 95])
    expect(reading.limits).toEqual([])
  })

  it('puts the interval on the local sentence when no ring was counted', () => {
    const reading = readCounts({ control: [20, 20], treated: [20, 10], buffer: null })
    expect(reading.findings[1]).toBe(
      'Against the control, the task area had 10 fewer incidents than if it had changed as the control did (90% interval −24 to +3.8; z = −1.20, p = 0.23).',
    )
    expect(reading.findings).toHaveLength(3)
  })

  it('says beyond chance at 90% but not 95% when 0.05 ≤ p < 0.1', () => {
    const reading = readCounts({ control: [20, 20], treated: [20, 10], buffer: [20, 10], controlBuffer: [20, 20] })
    expect(reading.beyondChanceAt).toBe(90)
    expect(reading.findings.at(-1)).toBe('That change is beyond chance at the 90% level, but not at 95%.')
  })

  it('says a change within chance shows neither that the task worked nor that it did not', () => {
    const reading = readCounts(quiet)
    expect(reading.beyondChanceAt).toBeNull()
    expect(reading.findings.at(-1)).toBe(
      'That change is within what chance alone could give (not beyond chance at 90%): the figures neither show that the task worked nor that it did not.',
    )
  })

  it('reads a rise against the control as more incidents', () => {
    const reading = readCounts({ control: [50, 50], treated: [20, 45], buffer: null })
    expect(reading.direction).toBe('more')
    expect(reading.findings[0]).toBe('In the task area, incidents rose from 20 to 45 (+25, +125%); in the control area, they stayed at 50.')
    expect(reading.findings[1]).toMatch(/^Against the control, the task area had 25 more incidents than/)
  })

  it('has no percentage where nothing happened before, and says when nothing was counted', () => {
    expect(readCounts({ control: [0, 0], treated: [0, 3], buffer: null }).findings[0]).toMatch(/^In the task area, incidents rose from 0 to 3 \(\+3\);/)
    const nothing = readCounts({ control: [0, 0], treated: [0, 0], buffer: null })
    expect(nothing.direction).toBe('same')
    expect(nothing.findings[1]).toBe(
      'Against the control, the task area had as many incidents as if it had changed as the control did (90% interval 0 to 0; z = 0.00, p = 1.00).',
    )
    expect(nothing.findings.at(-1)).toMatch(/\(nothing was counted\)\.$/)
  })
})

describe('readWdd: the ring around the task area', () => {
  const falling = { control: [100, 100], treated: [100, 50] } satisfies Partial<AreaValues>

  it('names displacement when the ring rose beyond chance while the task area fell', () => {
    const reading = readCounts({ ...falling, buffer: [40, 70] })
    expect(reading.findings[3]).toBe(
      'The rise in the 250 m ring is beyond chance (p = 0.004): some incidents may have moved there from the task area (displacement).',
    )
  })

  it('names a diffusion of benefit when the ring fell beyond chance too', () => {
    const reading = readCounts({ ...falling, buffer: [70, 40] }, { bufferMetres: 400 })
    expect(reading.findings[2]).toMatch(/^In the 400 m ring around it, they fell from 70 to 40/)
    expect(reading.findings[3]).toBe(
      'The fall in the 400 m ring is beyond chance (p = 0.004): the benefit may have spread beyond the task area (a diffusion of benefit).',
    )
  })

  it('calls a ring change beside no fall in the task area neither', () => {
    const reading = readCounts({ control: [100, 100], treated: [100, 110], buffer: [40, 70] })
    expect(reading.findings[3]).toBe(
      'The rise in the 250 m ring is beyond chance (p = 0.004), but with no fall in the task area against the control it is not displacement or a spread of its effect.',
    )
  })
})

describe('readWdd: honest limits', () => {
  it('lists every area and period with under 10 incidents', () => {
    const reading = readCounts({ control: [30, 9], treated: [6, 2], buffer: [12, 14] })
    expect(reading.limits).toEqual([
      'Small numbers: the task area had 6 before and 2 after and the control area had 9 after. Under about 10, the ' +
        'normal approximation behind z and p is rough, and a few incidents either way change the reading.',
      expect.stringMatching(/^Unlike control: the control area had 5 times as many incidents before as the task area\./),
    ])
  })

  it('counts the ring among the small numbers', () => {
    const reading = readCounts({ ...quiet, buffer: [3, 12] })
    expect(reading.limits).toEqual([expect.stringMatching(/^Small numbers: the 250 m ring had 3 before\. /)])
  })

  it('calls periods under 3 months short', () => {
    expect(readCounts(quiet, { periodMonths: 1 }).limits).toEqual([expect.stringMatching(/^Short periods: 1 month before and 1 month after\. /)])
    expect(readCounts(quiet, { periodMonths: 2 }).limits).toEqual([expect.stringMatching(/^Short periods: 2 months before and 2 months after\. /)])
    expect(readCounts(quiet, { periodMonths: 3 }).limits).toEqual([])
  })

  it('says what month-only data cannot show', () => {
    expect(readCounts(quiet, { monthsOnly: true }).limits).toEqual([
      'Months only: the data gives each incident\'s month, not its day or time, so the periods are whole calendar ' +
        'months (they may start before or end after the task\'s dates), and whether incidents fell at the key times ' +
        'patrolled cannot be seen.',
    ])
  })

  it('names overlapping tasks', () => {
    expect(readCounts(quiet, { overlappingTasks: ['Bus station evenings'] }).limits).toEqual([
      'Another task (Bus station evenings) ran in these places over the same months: the change cannot be put down to this task alone.',
    ])
    expect(readCounts(quiet, { overlappingTasks: ['A', 'B'] }).limits[0]).toMatch(/^2 other tasks \(A; B\) ran in these places/)
  })

  it('warns of a control much larger or smaller than the task area before', () => {
    expect(readCounts({ ...quiet, control: [25, 25] }).limits).toEqual([expect.stringMatching(/^Unlike control: the control area had 0\.42 times as many/)])
    expect(readCounts({ ...quiet, control: [120, 118] }).limits).toEqual([])
  })

  it('warns of regression to the mean where the area was picked for its high counts', () => {
    expect(readCounts(quiet, { pickedForHighCounts: true }).limits).toEqual([expect.stringMatching(/regression to the mean/)])
  })
})

describe('readWdd on harm', () => {
  const counts = { treated: [30, 20], control: [32, 31], buffer: [15, 15] } satisfies AreaValues
  const harmOf = (pairs: Array<[number, PrePost]>): PrePost => [
    pairs.reduce((sum, [weight, pair]) => sum + weight * pair[0], 0),
    pairs.reduce((sum, [weight, pair]) => sum + weight * pair[1], 0),
  ]

  it('speaks of harm, takes its figures from the harm values and still checks small numbers on the counts', () => {
    // Anti-social behaviour (weight 5) and a few burglaries (438) in each area.
    const parts = [
      { weight: 5, counts: { treated: [26, 19], control: [28, 28], displacementTreated: [14, 13] } },
      { weight: 438, counts: { treated: [4, 1], control: [4, 3], displacementTreated: [1, 2] } },
    ] as const
    const harm: AreaValues = {
      treated: harmOf(parts.map(({ weight, counts: c }) => [weight, c.treated])),
      control: harmOf(parts.map(({ weight, counts: c }) => [weight, c.control])),
      buffer: harmOf(parts.map(({ weight, counts: c }) => [weight, c.displacementTreated])),
    }
    const reading = readWdd(wddHarm(parts), {
      measure: 'harm',
      counts,
      harm,
      bufferMetres: 250,
      periodMonths: 6,
      monthsOnly: false,
      overlappingTasks: [],
    })
    expect(reading.findings[0]).toBe('In the task area, harm fell from 1,882 to 533 (−1,349, −72%); in the control area, it fell from 1,892 to 1,454 (−438, −23%).')
    expect(reading.findings[1]).toBe('Against the control, the task area had 911 less harm than if it had changed as the control did.')
    expect(reading.limits).toEqual([expect.stringMatching(/^Harm: one serious incident moves the harm figure a lot/)])
  })

  it('refuses to read a harm result without the harm in each area', () => {
    const result = wdd({ control: [1, 1], treated: [1, 1] })
    expect(() =>
      readWdd(result, { measure: 'harm', counts: quiet, bufferMetres: 250, periodMonths: 6, monthsOnly: false, overlappingTasks: [] }),
    ).toThrow(/harm in each area/)
  })
})
