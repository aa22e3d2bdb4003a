import { describe, expect, it } from 'vitest'
import { auditUrl } from './admin-api'

describe('audit URLs', () => {
  it('leaves out empty filters and trims the actor', () => {
    expect(auditUrl({ action: null, actor: '  ', from: null, to: null })).toBe('/api/audit?limit=50')
    expect(auditUrl({ action: 'user.update', actor: ' a@b.uk ', from: '2024-01-01', to: null }, '42', 20)).toBe(
      '/api/audit?action=user.update&actor=a%40b.uk&from=2024-01-01&limit=20&cursor=42',
    )
  })
})
