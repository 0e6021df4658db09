import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { checkPhotoLink } from '../../domain/help-requests/photo-links'
import { readPhoto } from '../../domain/help-requests/photos'
import { HelpPhotoQuery, IdParams } from '../../schemas'
import { errorResponses } from '../../schemas/http'

/*
 * The photos of help requests, by the signed link the request's detail gives: no session token,
 * since a mini-program `<Image>` cannot send one. Answered as the stored image type, never sniffed,
 * under `default-src 'none'` (plugins/security) so an upload can never run as a page.
 */
const helpPhotos: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:id',
    {
      schema: {
        tags: ['help-requests'],
        summary:
          '求助照片（签名链接，见求助详情 photos[].url）：过期 403 LINK_EXPIRED，签名不符 403 BAD_SIGNATURE',
        params: IdParams,
        querystring: HelpPhotoQuery,
        response: {
          200: {
            description: '图片本身',
            content: {
              'image/jpeg': { schema: Type.String({ format: 'binary' }) },
              'image/png': { schema: Type.String({ format: 'binary' }) },
              'image/webp': { schema: Type.String({ format: 'binary' }) },
            },
          },
          ...errorResponses(400, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const { exp, sig } = request.query
      checkPhotoLink(app.config.jwtSecret, id, exp, sig, app.now())
      const photo = await readPhoto(app.db, id)
      return (
        reply
          .type(photo.content_type)
          .header('cache-control', 'private, max-age=3600')
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; frame-ancestors 'none'")
          // A Buffer goes out as it is (no serializer); the schema above only documents it.
          .send(photo.bytes as unknown as string)
      )
    },
  )
}

export default helpPhotos
