import helmet from '@fastify/helmet'
import fp from 'fastify-plugin'

/**
 * Helmet's headers with a Content-Security-Policy the client runs under: no inline or eval'd script, MapLibre's
 * workers from blob: URLs, and the network limited to this server unless an online basemap style is configured,
 * whose tiles, sprites and glyphs may come from any HTTPS host the style names.
 */
export default fp<{ basemapStyleUrl?: string }>(async (app, options) => {
  const online = options.basemapStyleUrl ? ['https:'] : []
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // MapLibre and deck.gl set element styles at run time; no stylesheet is inlined.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...online],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...online],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Same-origin app; nothing of it is meant to be embedded or read cross-origin.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
  })
  // Every API answer, errors and the public health and config included: most hold police and council data or session
  // state, none is worth a stale copy, and one rule cannot be forgotten by a new route. Shared and browser caches alike.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store')
    return payload
  })
}, { name: 'helmet' })
