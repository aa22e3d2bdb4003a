import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'

/** The OpenAPI document at /docs/json, made from every route's schema, and its explorer at /docs. */
export default fp(async (app) => {
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Patrolmap API', version: '0.1.0', description: 'Incidents, boundaries and H3 aggregates for community safety partnerships.' },
      tags: [{ name: 'auth' }, { name: 'incidents' }, { name: 'boundaries' }, { name: 'reports' }, { name: 'hotspots' }, { name: 'users' }, { name: 'health' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'pm_session', description: 'set by POST /api/auth/login' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: 'csrfToken from the sign-in answer; required on writes' },
        },
      },
    },
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' })
}, { name: 'swagger' })
