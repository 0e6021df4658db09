import fp from 'fastify-plugin'

declare module 'fastify' {
  interface FastifyInstance {
    /** The current time as the routes see it; tests set it to walk through time-based rules. */
    now: () => Date
  }
}

export default fp<{ now?: () => Date }>(
  async (app, { now }) => {
    app.decorate('now', now ?? (() => new Date()))
  },
  { name: 'clock' },
)
