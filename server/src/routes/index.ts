import type { FastifyPluginAsync } from 'fastify'
import announcements from './announcements'
import auth from './auth'
import health from './health'
import me from './me'

/** Every route folder, mounted at its URL. */
const routes: FastifyPluginAsync = async (app) => {
  await app.register(health, { prefix: '/api/health' })
  await app.register(auth, { prefix: '/api/auth' })
  await app.register(me, { prefix: '/api/me' })
  await app.register(announcements, { prefix: '/api/announcements' })
}

export default routes
