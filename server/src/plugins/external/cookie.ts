import fastifyCookie from '@fastify/cookie'
import fp from 'fastify-plugin'

/** Session cookies: parsed by a hook of their own, which must run before the access hook reads the session cookie. */
export default fp(async (app) => {
  await app.register(fastifyCookie)
}, { name: 'cookie' })
