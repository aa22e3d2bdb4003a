import fs from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'
import { notFound } from '../../lib/errors.js'
import { isPublicReportPath } from '../../features/resident-reports/report-rules.js'

/**
 * The built client at / (null: none, as API-only tests run), and what a path that is no route answers: JSON for the
 * API, the client's report.html for the public report pages, its index.html for any other GET, so the client's own URLs
 * load it.
 */
export default fp<{ clientDir: string | null }>(async (app, { clientDir }) => {
  if (clientDir && fs.existsSync(path.join(clientDir, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt client is served without a restart.
    // preCompressed: the build's .br and .gz copies (client/precompress.ts) go to browsers that accept them.
    await app.register(fastifyStatic, { root: clientDir, wildcard: true, preCompressed: true })
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !clientDir || request.method !== 'GET') {
      throw notFound(`${request.method} ${request.url.split('?')[0]} is not a route`)
    }
    if (!fs.existsSync(path.join(clientDir, 'index.html'))) {
      return reply.code(404).type('text/plain').send('The client is not built: run `npm run build:client`.')
    }
    // The public report form and its receipts have their own page, without the staff's app (client/report.html).
    const publicPage = isPublicReportPath(request.url.split('?')[0]) && fs.existsSync(path.join(clientDir, 'report.html'))
    return reply.sendFile(publicPage ? 'report.html' : 'index.html')
  })
}, { name: 'static' })
