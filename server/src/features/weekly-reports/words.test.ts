import { describe, expect, it } from 'vitest'
import { againstPrevious, againstUsual } from './words.js'

describe('change in words', () => {
  it('says the difference on the period before', () => {
    expect(againstPrevious(30, 18, 'month')).toBe('up 12 on last month')
    expect(againstPrevious(5, 9, 'week')).toBe('down 4 on last week')
    expect(againstPrevious(7, 7, 'week')).toBe('the same as last week')
  })
  it('compares with the usual level in bands', () => {
    expect(againstUsual(30, 27.5)).toBe('about the same as usual')
    expect(againstUsual(40, 27.5)).toBe('higher than usual')
    expect(againstUsual(60, 27.5)).toBe('much higher than usual')
    expect(againstUsual(20, 27.5)).toBe('lower than usual')
    expect(againstUsual(10, 27.5)).toBe('much lower than usual')
    expect(againstUsual(0, 0)).toBe('about the same as usual')
  })
})
