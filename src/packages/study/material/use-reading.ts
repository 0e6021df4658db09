import { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import { useCallback, useEffect, useRef } from 'react'
import type { ReadingClosed } from '../../../../types/api'
import * as courses from '@/services/courses'

type Phase = 'idle' | 'opening' | 'open'

/**
 * Reading time, measured by the server: a reading opens while the page shows and closes when it
 * hides or goes away. The client sends no minutes and no points; `onClosed` gets what the server
 * measured and awarded.
 */
export function useReading(materialId: number, onClosed: (result: ReadingClosed) => void) {
  const phase = useRef<Phase>('idle')
  const readingId = useRef<number | null>(null)
  // Hidden while the open call was still on its way: close as soon as it answers.
  const closeWanted = useRef(false)
  const onClosedRef = useRef(onClosed)
  onClosedRef.current = onClosed

  const close = useCallback(
    (id: number) => {
      courses
        .closeReading(materialId, id)
        .then((result) => onClosedRef.current(result))
        .catch(() => undefined)
    },
    [materialId],
  )

  const begin = useCallback(() => {
    if (!(materialId > 0)) return
    closeWanted.current = false
    if (phase.current !== 'idle') return
    phase.current = 'opening'
    courses
      .openReading(materialId)
      .then(({ readingId: id }) => {
        if (closeWanted.current) {
          phase.current = 'idle'
          close(id)
        } else {
          phase.current = 'open'
          readingId.current = id
        }
      })
      .catch(() => {
        // Not timed this time; the article still reads.
        phase.current = 'idle'
      })
  }, [materialId, close])

  const end = useCallback(() => {
    if (phase.current === 'opening') {
      closeWanted.current = true
      return
    }
    if (phase.current !== 'open' || readingId.current === null) return
    const id = readingId.current
    phase.current = 'idle'
    readingId.current = null
    close(id)
  }, [close])

  // Mount and unmount, and the page lifecycle (another page on top, the app in the background).
  useEffect(() => {
    begin()
    return end
  }, [begin, end])
  useDidShow(begin)
  useDidHide(end)
  useUnload(end)
}
