import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.js'

describe('loadConfig', () => {
  it('gives working defaults for an empty environment: the embedded database and demo data', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({ PORT: 8080, HOST: '127.0.0.1', DEMO_DATA: true, BASEMAP_STYLE_URL: '', LOG_LEVEL: 'info' })
    expect(config.DATABASE_URL).toBeUndefined()
    expect(config.DATA_DIR).toMatch(/data$/)
  })

  it('reads and coerces the variables it knows', () => {
    const config = loadConfig({ PORT: '9000', DEMO_DATA: 'false', DATABASE_URL: 'postgres://u@db:5432/patrolmap', DATA_DIR: '/srv/pm' })
    expect(config).toMatchObject({ PORT: 9000, DEMO_DATA: false, DATABASE_URL: 'postgres://u@db:5432/patrolmap', DATA_DIR: '/srv/pm' })
  })

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://localhost/db' }, /DATABASE_URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ DB_POOL_SIZE: '0' }, /DB_POOL_SIZE/],
    [{ TRUST_PROXY: 'yes' }, /TRUST_PROXY/],
    [{ TRUST_PROXY: '10.0.0.300' }, /TRUST_PROXY/],
    [{ TRUST_PROXY: '10.0.0.0/33' }, /TRUST_PROXY/],
  ])('refuses %o, naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(name)
  })
})

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false)
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false)
  })

  it('takes the proxies\u2019 addresses and CIDR ranges, comma-separated', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1' }).TRUST_PROXY).toEqual(['10.0.0.1'])
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.0.0.2,172.18.0.0/16,fd00::/8,::1,loopback' }).TRUST_PROXY).toEqual([
      '10.0.0.1',
      '10.0.0.2',
      '172.18.0.0/16',
      'fd00::/8',
      '::1',
      'loopback',
    ])
  })

  it('refuses true, which would believe whatever address a client writes, saying what to give instead', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true .*give the address of the proxy/)
  })

  it('refuses a hop count, which cannot tell a proxy from a client reaching the server directly', () => {
    expect(() => loadConfig({ TRUST_PROXY: '1' })).toThrow(/TRUST_PROXY=1: a hop count .*give the address of the proxy/)
  })
})
