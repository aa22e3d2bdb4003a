import { describe, expect, it } from 'vitest'
import { csvField, formatCount } from './format'

describe('CSV export', () => {
  it('quotes fields that need it and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a, b')).toBe('"a, b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvField('-1')).toBe("'-1")
    expect(csvField(-1)).toBe('-1')
    expect(csvField('<3')).toBe('<3')
  })
})

describe('formatCount', () => {
  it('groups thousands as en-GB does', () => {
    expect(formatCount(0)).toBe('0')
    expect(formatCount(12345)).toBe('12,345')
  })
})
