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
  ])('refuses %o, naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(name)
  })
})
