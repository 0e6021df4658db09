import Taro from '@tarojs/taro'
import { useEffect, useRef } from 'react'

/** Listens to a Taro.eventCenter event while the component is mounted. */
export function useAppEvent<A extends unknown[]>(name: string, handler: (...args: A) => void) {
  const handlerRef = useRef(handler)
  handlerRef.current = handler
  useEffect(() => {
    const listener = (...args: A) => handlerRef.current(...args)
    Taro.eventCenter.on(name, listener)
    return () => {
      Taro.eventCenter.off(name, listener)
    }
  }, [name])
}
