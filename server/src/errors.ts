/**
 * A failure the client can act on: it carries the HTTP status and the `{ error: { code, message } }`
 * envelope fields. Anything thrown that is not an AppError (or a Fastify 4xx) becomes a 500.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.name = 'AppError'
  }
}

export const unauthenticated = (message = '请先登录') => new AppError(401, 'UNAUTHENTICATED', message)
export const forbidden = (message = '没有权限执行此操作') => new AppError(403, 'FORBIDDEN', message)
export const notFound = (message = '内容不存在或已被删除') => new AppError(404, 'NOT_FOUND', message)
export const validationFailed = (message: string) => new AppError(400, 'VALIDATION_FAILED', message)
