import { validationFailed } from '../errors'
import { parseIso } from './park-time'

/*
 * What every write does to a client's fields before a rule looks at them: text is trimmed (and a
 * required field may not be blank once trimmed), times are normalised to the API's UTC form. The
 * schemas have already checked types and lengths; `field` names the body field in the message.
 */

export function requiredText(value: string, field: string): string {
  const text = value.trim()
  if (text === '') throw validationFailed(`body/${field} 不能为空`)
  return text
}

export function optionalText(value: string | undefined): string | undefined {
  return value?.trim()
}

export function isoTime(value: string, field: string): string {
  const at = parseIso(value)
  if (at === null) throw validationFailed(`body/${field} 格式不正确`)
  return at
}
