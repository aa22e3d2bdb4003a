import { describe, expect, it } from 'vitest'
import { categoryOptions, categorySlug, KNOWN_CATEGORIES } from './categories'

describe('categorySlug', () => {
  it('lowercases and replaces non-alphanumerics with dashes', () => {
    expect(categorySlug('Anti-social behaviour')).toBe('anti-social-behaviour')
    expect(categorySlug('Burglary')).toBe('burglary')
    expect(categorySlug('Violence and sexual offences')).toBe('violence-and-sexual-offences')
  })

  it('gives each known category a distinct slug', () => {
    expect(new Set(KNOWN_CATEGORIES.map(categorySlug)).size).toBe(KNOWN_CATEGORIES.length)
  })
})

describe('categoryOptions', () => {
  it('lists every known category alphabetically with unknown counts before the summary arrives', () => {
    const options = categoryOptions(undefined, [])
    expect(options).toHaveLength(14)
    expect(options[0]).toEqual({ category: 'Anti-social behaviour', count: null })
  })

  it('fills counts from the server and zero for categories it did not mention', () => {
    const options = categoryOptions([{ category: 'Burglary', count: 12 }], [])
    expect(options.find((option) => option.category === 'Burglary')?.count).toBe(12)
    expect(options.find((option) => option.category === 'Drugs')?.count).toBe(0)
  })
})
