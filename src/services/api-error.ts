/** The one error type every service call rejects with. `message` is Chinese and ready for a toast. */
export class ApiError extends Error {
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number
  /** UPPER_SNAKE code from the server's error envelope, or NETWORK_ERROR / HTTP_<status>. */
  readonly code: string

  constructor(status: number, code: string, message: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
  }
}

/** Anything thrown, as an ApiError: a service's own error as it is, anything else as UNKNOWN. */
export function toApiError(error: unknown, message = UNKNOWN_ERROR_MESSAGE): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'UNKNOWN', message)
}

export const UNKNOWN_ERROR_MESSAGE = '出了点问题，请稍后重试'
export const NETWORK_ERROR_MESSAGE = '网络不给力，请稍后重试'

/** Turns anything thrown into a message a person can read. */
export function errorMessage(error: unknown): string {
  return toApiError(error).message
}
