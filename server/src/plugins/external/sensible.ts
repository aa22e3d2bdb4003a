import fastifySensible from '@fastify/sensible'
import fp from 'fastify-plugin'

/** httpErrors and reply helpers; the API's own error answers are built over it in lib/errors.ts. */
export default fp(async (app) => {
  await app.register(fastifySensible)
}, { name: 'sensible' })
