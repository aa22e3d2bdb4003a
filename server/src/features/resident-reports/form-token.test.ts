import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { checkFormToken, issueFormToken } from './form-token.js'
import { newReceiptCode, normaliseReceiptCode, receiptHash } from './receipt-code.js'

const key = crypto.randomBytes(32)
const settings = { minSeconds: 3, maxHours: 24 }

describe('the form time check', () => {
  it('refuses a form sent within the minimum time, saying how long to wait, and takes it after', () => {
    const issued = 1_750_000_000_000
    const token = issueFormToken(key, issued)
    expect(checkFormToken(key, token, settings, issued + 1000)).toEqual({ ok: false, reason: 'too-fast', waitSeconds: 2 })
    expect(checkFormToken(key, token, settings, issued + 3000)).toEqual({ ok: true })
    expect(checkFormToken(key, token, settings, issued + 24 * 3_600_000 + 1)).toEqual({ ok: false, reason: 'expired' })
  })

  it('refuses a backdated or forged token, and one signed with another key', () => {
    const issued = 1_750_000_000_000
    const [, signature] = issueFormToken(key, issued).split('.')
    expect(checkFormToken(key, `${issued - 60_000}.${signature}`, settings, issued + 5000).ok).toBe(false)
    expect(checkFormToken(key, issueFormToken(crypto.randomBytes(32), issued), settings, issued + 5000)).toEqual({ ok: false, reason: 'invalid' })
    expect(checkFormToken(key, 'nonsense', settings).ok).toBe(false)
  })
})

describe('receipt codes', () => {
  it('are 24 base32 characters in groups of four, distinct, and read back however they are typed', () => {
    const codes = new Set(Array.from({ length: 1000 }, newReceiptCode))
    expect(codes.size).toBe(1000)
    for (const code of [...codes].slice(0, 50)) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/)
      expect(receiptHash(code.toLowerCase().replace(/-/g, ''))).toEqual(receiptHash(code))
    }
    expect(normaliseReceiptCode('oooo-llll-iiii-0000-1111-2222')).toBe('000011111111000011112222')
    expect(receiptHash('too short')).toBeNull()
    expect(receiptHash('UUUU-UUUU-UUUU-UUUU-UUUU-UUUU')).toBeNull()
  })
})
