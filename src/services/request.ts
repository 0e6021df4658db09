import Taro from '@tarojs/taro'
import { clearSession, getToken } from '@/stores/session'
import { redirectToLogin } from '@/utils/auth-redirect'
import { ApiError, NETWORK_ERROR_MESSAGE } from './api-error'
import { type EarlyAnswer, takeEarlyAnswer } from './early-answers'

export { ApiError } from './api-error'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RequestOptions {
  method?: HttpMethod
  /**
   * Query for GET, JSON body otherwise; a string or an ArrayBuffer is sent as it is (a CSV file, a
   * photo), with its content type in `header`.
   */
  data?: object | string | ArrayBuffer
  header?: Record<string, string>
  /** Send the session token (default true). */
  auth?: boolean
  /** `text` resolves with the raw body, e.g. a CSV export; errors still come from the JSON envelope. */
  responseType?: 'json' | 'text'
}

export const REQUEST_TIMEOUT_MS = 10_000

/** Empty on H5: the API is served from the page's own origin. */
const API_ORIGIN = process.env.TARO_APP_API || ''

interface ErrorEnvelope {
  error: { code: string; message: string }
}

function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false
  const error = (value as { error: unknown }).error
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  )
}

function fallbackMessage(status: number): string {
  if (status === 401) return '登录已过期，请重新登录'
  if (status === 403) return '没有权限进行此操作'
  if (status === 404) return '内容不存在或已删除'
  if (status === 429) return '操作太频繁，请稍后再试'
  if (status >= 500) return '服务暂时不可用，请稍后重试'
  return `请求失败（${status}）`
}

/** An absolute API URL, for the platform APIs that fetch on their own (e.g. `Taro.downloadFile`). */
export function apiUrl(path: string): string {
  return `${API_ORIGIN}${path}`
}

/** A text answer (or one the platform did not parse) may still hold the JSON error envelope. */
function parsedBody(body: unknown): unknown {
  if (typeof body !== 'string') return body
  try {
    return JSON.parse(body) as unknown
  } catch {
    return body
  }
}

function withoutUndefined(data: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined))
}

/** A plain GET's URL with its query, as the index page names the answers it asks for early. */
function getUrl(path: string, data: RequestOptions['data']): string {
  if (!data || typeof data === 'string' || data instanceof ArrayBuffer) return path
  const query = Object.entries(withoutUndefined(data))
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&')
  return query ? `${path}?${query}` : path
}

/** One call through the platform's request API; a failure to reach the server is a NETWORK_ERROR. */
async function send(
  path: string,
  method: HttpMethod,
  data: RequestOptions['data'],
  header: Record<string, string>,
  responseType: RequestOptions['responseType'],
): Promise<EarlyAnswer> {
  try {
    return await Taro.request<TaroGeneral.IAnyObject | string>({
      url: apiUrl(path),
      method,
      // Non-GET calls always carry a JSON body: an empty one with a JSON content type is a 400 on Fastify,
      // and wx.request always sends that content type.
      data:
        typeof data === 'string' || data instanceof ArrayBuffer
          ? data
          : data
            ? withoutUndefined(data)
            : method === 'GET'
              ? undefined
              : {},
      header,
      timeout: REQUEST_TIMEOUT_MS,
      // Anything but `json` leaves the body as the server sent it, on both platforms.
      dataType: responseType === 'text' ? 'text' : 'json',
    })
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE)
  }
}

/**
 * The one way the app talks to the API: base URL, bearer token, 10 s timeout, JSON in and out.
 * Resolves with the response body; rejects with an ApiError whose message can be shown as is.
 * A 401 means the session is gone: it is cleared and the user is sent to the login page.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', data, auth = true, responseType = 'json' } = options
  const header: Record<string, string> = { Accept: 'application/json', ...options.header }
  if (method !== 'GET' && !header['Content-Type']) header['Content-Type'] = 'application/json'
  const token = auth ? getToken() : null
  if (token) header.Authorization = `Bearer ${token}`

  // H5: the first page's answers may already be on their way (asked for by the index page).
  const early =
    method === 'GET' && responseType === 'json' && !options.header
      ? takeEarlyAnswer(getUrl(path, data), token)
      : null
  const response = (early && (await early)) || (await send(path, method, data, header, responseType))
  const { statusCode, data: body } = response
  if (statusCode >= 200 && statusCode < 300) return body as T

  if (statusCode === 401 && token) {
    clearSession()
    redirectToLogin()
  }
  const envelope = parsedBody(body)
  if (isErrorEnvelope(envelope)) throw new ApiError(statusCode, envelope.error.code, envelope.error.message)
  throw new ApiError(statusCode, `HTTP_${statusCode}`, fallbackMessage(statusCode))
}
