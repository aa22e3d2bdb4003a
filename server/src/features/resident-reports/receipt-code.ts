import crypto from 'node:crypto'

// Crockford's base32: no I, L, O or U, so a code read aloud or copied from paper is not mistyped.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A new receipt code: 120 random bits as 24 base32 characters in six groups of four. */
export function newReceiptCode(): string {
  const bytes = crypto.randomBytes(15)
  let bits = 0n
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte)
  let text = ''
  for (let i = 0; i < 24; i++) {
    text = ALPHABET[Number(bits & 31n)] + text
    bits >>= 5n
  }
  return text.match(/.{4}/g)!.join('-')
}

/** The code as stored: dashes and case dropped, the letters people confuse read as the digits they look like. */
export function normaliseReceiptCode(code: string): string | null {
  const text = code.toUpperCase().replace(/-/g, '').replace(/[IL]/g, '1').replace(/O/g, '0')
  return /^[0-9A-HJKMNP-TV-Z]{24}$/.test(text) ? text : null
}

/** What the database keeps: SHA-256 of the normalised code (120 random bits need no slow hash). */
export function receiptHash(code: string): Buffer | null {
  const normal = normaliseReceiptCode(code)
  return normal === null ? null : crypto.createHash('sha256').update(normal).digest()
}
