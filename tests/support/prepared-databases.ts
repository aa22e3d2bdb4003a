import pg from 'pg'

// Names and clean-up of the databases test-app.ts copies prepared data from: they belong to one test run, named after
// the test database so that runs against different test databases (other checkouts, CI) leave each other alone.

export const preparedDatabasePrefixes = (testDatabase: string) => ({ template: `${testDatabase}_tpl_`, copy: `${testDatabase}_copy_` })

/** `name` as a quoted SQL identifier. */
export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

/** Runs `work` on a connection to the server's maintenance database: a database is copied or dropped from outside it. */
export async function withMaintenanceConnection<T>(testDatabaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(testDatabaseUrl)
  url.pathname = '/postgres'
  const client = new pg.Client({ connectionString: url.href })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** Drops every template and copy made from this test database (connections to them are ended). */
export async function dropPreparedDatabases(testDatabaseUrl: string): Promise<void> {
  const { template, copy } = preparedDatabasePrefixes(decodeURIComponent(new URL(testDatabaseUrl).pathname.slice(1)))
  await withMaintenanceConnection(testDatabaseUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1) OR starts_with(datname, $2)',
      [template, copy],
    )
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`)
  })
}
