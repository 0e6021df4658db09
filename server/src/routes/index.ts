import type { FastifyPluginAsync } from 'fastify'
import announcements from './announcements'
import auth from './auth'
import categories from './categories'
import events from './events'
import health from './health'
import healthPackages from './health-packages'
import me from './me'

/** Every route folder, mounted at its URL. */
const routes: FastifyPluginAsync = async (app) => {
  await app.register(health, { prefix: '/api/health' })
  await app.register(auth, { prefix: '/api/auth' })
  await app.register(me, { prefix: '/api/me' })
  await app.register(announcements, { prefix: '/api/announcements' })
  await app.register(events, { prefix: '/api/events' })
  await app.register(categories, { prefix: '/api/categories' })
  await app.register(healthPackages, { prefix: '/api/health-packages' })
}

export default routes
