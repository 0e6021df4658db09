import type { FastifyPluginAsync } from 'fastify'
import announcements from './announcements'
import applications from './applications'
import auth from './auth'
import branchStats from './branch-stats'
import branches from './branches'
import cards from './cards'
import categories from './categories'
import checkins from './checkins'
import courses from './courses'
import events from './events'
import health from './health'
import helpPhotos from './help-photos'
import helpRequests from './help-requests'
import healthPackages from './health-packages'
import me from './me'
import materials from './materials'
import points from './points'
import sessions from './sessions'
import auditLog from './audit-log'
import companies from './companies'
import joinRequests from './join-requests'
import members from './members'
import parkStats from './park-stats'

/** Every route folder, mounted at its URL. */
const routes: FastifyPluginAsync = async (app) => {
  await app.register(health, { prefix: '/api/health' })
  await app.register(auth, { prefix: '/api/auth' })
  await app.register(me, { prefix: '/api/me' })
  await app.register(announcements, { prefix: '/api/announcements' })
  await app.register(events, { prefix: '/api/events' })
  await app.register(categories, { prefix: '/api/categories' })
  await app.register(healthPackages, { prefix: '/api/health-packages' })
  await app.register(courses, { prefix: '/api/courses' })
  await app.register(materials, { prefix: '/api/materials' })
  await app.register(sessions, { prefix: '/api/sessions' })
  await app.register(checkins, { prefix: '/api/checkins' })
  await app.register(points, { prefix: '/api/points' })
  await app.register(cards, { prefix: '/api/cards' })
  await app.register(branchStats, { prefix: '/api/branch-stats' })
  await app.register(branches, { prefix: '/api/branches' })
  await app.register(companies, { prefix: '/api/companies' })
  await app.register(members, { prefix: '/api/members' })
  await app.register(joinRequests, { prefix: '/api/join-requests' })
  await app.register(auditLog, { prefix: '/api/audit-log' })
  await app.register(applications, { prefix: '/api/applications' })
  await app.register(helpRequests, { prefix: '/api/help-requests' })
  await app.register(helpPhotos, { prefix: '/api/help-photos' })
  await app.register(parkStats, { prefix: '/api/park-stats' })
}

export default routes
