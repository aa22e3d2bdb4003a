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

  it('builds the app from a Dockerfile that starts the compiled server, shipping no dev dependencies', () => {
    const dockerfile = fs.readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8')
    const instructions = dockerfile.split('\n').filter((line) => !line.startsWith('#')).join('\n')
    const stages = instructions.split(/^FROM /m).slice(1)
    expect(stages).toHaveLength(2)
    const [build, runtime] = stages
    expect(build).toMatch(/ AS build\b/)
    expect(build).toMatch(/^RUN npm ci\b/m)
    expect(build).toMatch(/^RUN npm run build$/m)
    // The image that runs: production dependencies only, the build's output, and what is read at run time.
    expect(runtime).toMatch(/^RUN npm ci --omit=dev\b/m)
    expect(runtime).not.toMatch(/^COPY \. /m)
    expect(runtime).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m)
    expect(runtime).toMatch(/^COPY --from=build \/app\/client\/dist \.\/client\/dist$/m)
    expect(runtime).toMatch(/^COPY server\/migrations /m)
    expect(runtime).toMatch(/^COPY geodata /m)
    expect(runtime).toMatch(/^CMD \["node", "dist\/server\/src\/main\.js"\]$/m)
    expect(runtime).not.toMatch(/tsx/)
  })
})
