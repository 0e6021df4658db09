import type { FastifyPluginAsync } from 'fastify'
import article from './article'
import reading from './reading'

/** /api/materials: the article itself, and the open/close of a reading that earns study points. */
const materials: FastifyPluginAsync = async (app) => {
  await app.register(article)
  await app.register(reading)
}

export default materials
