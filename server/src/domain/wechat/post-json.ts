/** The whole exchange, body included, must finish within this time. */
const TIMEOUT_MS = 5000
/** A real answer is a few hundred bytes; anything past this is not read. */
const MAX_ANSWER_BYTES = 16 * 1024

/** What WeChat's server APIs answer: an object, with `errcode` when something went wrong. */
export type WechatAnswer = Record<string, unknown> & { errcode?: number; errmsg?: string }

/**
 * POSTs JSON to a WeChat server API and reads its JSON answer, capped in size and time. Throws on
 * a network failure, an HTTP error or an answer that is not a JSON object; a WeChat `errcode` is
 * returned for the caller to judge.
 */
export async function postJson(url: string, body: unknown): Promise<WechatAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  })
  if (!response.ok) {
    await response.body?.cancel()
    throw new Error(`HTTP ${response.status}`)
  }
  const declared = Number(response.headers.get('content-length') ?? NaN)
  if (declared > MAX_ANSWER_BYTES || !response.body) {
    await response.body?.cancel()
    throw new Error('answer too large or empty')
  }
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel()
      throw new Error(`answer larger than ${MAX_ANSWER_BYTES} bytes`)
    }
    chunks.push(value)
  }
  // WeChat sometimes labels its JSON as text/plain.
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('answer is not a JSON object')
  }
  return parsed as WechatAnswer
}
