// COPY FROM STDIN through pg-copy-streams, as the importer sends rows: every chunk arrives and is counted, and a source
// that fails or a row the server refuses fails the statement, leaving the connection ready for the next one.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { copyFromStdin } from '../../server/src/db/copy-from-stdin.js'

// The embedded database's socket server has no COPY FROM STDIN: the importer sends INSERTs there instead.
describe.skipIf(inject('databaseEngine') !== 'server')('copyFromStdin', () => {
  let client: pg.Client

  beforeAll(async () => {
    client = new pg.Client({ connectionString: inject('databaseUrl') })
    await client.connect()
    await client.query('CREATE TEMP TABLE copied (n int NOT NULL, label text)')
  })
  afterAll(async () => {
    await client?.end()
  })

  it('sends every chunk a generator yields, and answers the rows copied', async () => {
    await client.query('TRUNCATE copied')
    function* rows() {
      for (let n = 1; n <= 5000; n++) yield Buffer.from(`${n}\trow ${n}\n`)
    }
    expect(await copyFromStdin(client, 'COPY copied FROM STDIN', rows())).toBe(5000)
    expect((await client.query('SELECT count(*)::int AS rows, sum(n)::int AS total FROM copied')).rows).toEqual([{ rows: 5000, total: 12_502_500 }])
  })

  it('fails the statement when the source fails part-way, and the connection takes the next statement', async () => {
    await client.query('TRUNCATE copied')
    await client.query('BEGIN')
    async function* failing() {
      yield Buffer.from('1\tfirst\n')
      throw new Error('the file vanished')
    }
    await expect(copyFromStdin(client, 'COPY copied FROM STDIN', failing())).rejects.toThrow('the file vanished')
    await client.query('ROLLBACK')
    expect((await client.query('SELECT count(*)::int AS rows FROM copied')).rows).toEqual([{ rows: 0 }])
  })

  it("fails with the server's error on a row it refuses, and the connection takes the next statement", async () => {
    await client.query('TRUNCATE copied')
    await expect(copyFromStdin(client, 'COPY copied FROM STDIN', [Buffer.from('1\tfine\n\\N\tno number\n')])).rejects.toThrow(/null value/)
    expect((await client.query('SELECT count(*)::int AS rows FROM copied')).rows).toEqual([{ rows: 0 }])
  })
})
