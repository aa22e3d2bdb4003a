import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { NoQuery } from '../../lib/no-query.js'
import { ClientConfig } from './schemas.js'

export const ATTRIBUTION =
  'Contains public sector information licensed under the Open Government Licence v3.0. ' +
  'Contains OS data © Crown copyright and database right. Incident data: police.uk.'

/** What the client needs to know at start that only the server's configuration says. */
export const clientConfigRoutes: FastifyPluginAsyncTypebox<{ basemapStyleUrl: string }> = async (app, options) => {
  app.get(
    '/api/config',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Client settings: basemap style and attribution',
        querystring: NoQuery,
        tags: ['health'],
        response: { 200: ClientConfig },
      },
    },
    async () => ({ basemapStyleUrl: options.basemapStyleUrl || null, attribution: ATTRIBUTION }),
  )
}
