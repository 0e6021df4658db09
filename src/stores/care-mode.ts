import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { markRoot } from './care-mode-root'

const CARE_MODE_KEY = 'red-e-park:care-mode'

/** The class that switches 关怀模式 on for everything inside it (see app.scss). */
export const CARE_MODE_CLASS = 'care-mode'

type Listener = (on: boolean) => void

const listeners = new Set<Listener>()

/** Whether 关怀模式 (larger text, higher contrast) is on on this device. */
export function isCareMode(): boolean {
  try {
    return Taro.getStorageSync(CARE_MODE_KEY) === true
  } catch {
    return false
  }
}

/** Stores the choice on the device (it outlives logging out) and applies it at once. */
export function setCareMode(on: boolean) {
  Taro.setStorageSync(CARE_MODE_KEY, on)
  markRoot(CARE_MODE_CLASS, on)
  listeners.forEach((listener) => listener(on))
}

/** At launch: the stored choice, before the first page renders. */
export function applyStoredCareMode() {
  markRoot(CARE_MODE_CLASS, isCareMode())
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** Whether 关怀模式 is on, re-rendering when it changes. */
export function useCareMode(): boolean {
  const [on, setOn] = useState(isCareMode)
  useEffect(() => {
    setOn(isCareMode())
    return subscribe(setOn)
  }, [])
  return on
}

/**
 * The class a page root carries: `care-mode` or nothing. The mini-program has no document root to
 * mark, so every page root (the page shell, or the root View of a page without it) adds this class.
 */
export function useCareModeClass(): string {
  return useCareMode() ? CARE_MODE_CLASS : ''
}
