import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectRoot } from '../../server/src/config.js'

// `docker-compose config` validates the file without a Docker engine (none runs on CI).
const composeBinary = ['/usr/bin/docker-compose', '/usr/local/bin/docker-compose'].find((candidate) => fs.existsSync(candidate))
if (!composeBinary && process.env.CI === 'true') throw new Error('docker-compose is not installed; .ci/run installs it')

describe.skipIf(!composeBinary)(`docker-compose.yml${composeBinary ? '' : ' (skipped: docker-compose not installed)'}`, () => {
  it('is a valid compose file with the PostGIS database and the app', () => {
    const output = execFileSync(composeBinary!, ['-f', path.join(projectRoot, 'docker-compose.yml'), 'config'], { encoding: 'utf8', cwd: projectRoot })
    expect(output).toContain('postgis/postgis')
    expect(output).toMatch(/DATABASE_URL: postgres:\/\/patrolmap:patrolmap@db:5432\/patrolmap/)
  })

  it('builds the app from a Dockerfile that starts the server', () => {
    const dockerfile = fs.readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8')
    expect(dockerfile).toMatch(/server\/src\/main\.ts/)
  })
})
