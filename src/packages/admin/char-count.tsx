import { Text } from '@tarojs/components'
import './form.scss'

/** `12/60` under a single-line field: characters typed of those the server allows. */
export function CharCount({ value, max }: { value: string; max: number }) {
  return (
    <Text className="admin-form__counter" aria-live="polite">
      {value.length}/{max}
    </Text>
  )
}
