import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { totalPoints } from '../../domain/points/repository'
import { toMe } from '../../domain/users/mapper'
import { currentUser } from '../../plugins/auth'
import { Me } from '../../schemas'
import { bearerAuth, errorResponses } from '../../schemas/http'

const me: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['auth'],
        summary: '当前用户',
        security: bearerAuth,
        response: { 200: Me, ...errorResponses(401) },
      },
    },
    async (request) => {
      const user = currentUser(request)
      return toMe(user, await totalPoints(app.db, user.id))
    },
  )
}

export default me
