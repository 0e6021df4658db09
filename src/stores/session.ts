import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { Me } from '../../types/api'

const TOKEN_KEY = 'red-e-park:token'
const USER_KEY = 'red-e-park:user'

export interface Session {
  token: string
  user: Me | null
}

type Listener = (session: Session | null) => void

const listeners = new Set<Listener>()

function readStorage<T>(key: string): T | null {
  try {
    const value: unknown = Taro.getStorageSync(key)
    return value === '' || value === undefined || value === null ? null : (value as T)
  } catch {
    return null
  }
}

/** The signed-in session as stored on the device, or null when logged out. */
export function getSession(): Session | null {
  const token = readStorage<string>(TOKEN_KEY)
  if (!token) return null
  return { token, user: readStorage<Me>(USER_KEY) }
}

export function getToken(): string | null {
  return readStorage<string>(TOKEN_KEY)
}

function emit() {
  const session = getSession()
  listeners.forEach((listener) => listener(session))
}

export function saveSession(token: string, user: Me) {
  Taro.setStorageSync(TOKEN_KEY, token)
  Taro.setStorageSync(USER_KEY, user)
  emit()
}

/** Keeps the token, refreshes the profile (e.g. after GET /api/me). */
export function updateUser(user: Me) {
  if (!getToken()) return
  Taro.setStorageSync(USER_KEY, user)
  emit()
}

export function clearSession() {
  Taro.removeStorageSync(TOKEN_KEY)
  Taro.removeStorageSync(USER_KEY)
  emit()
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** The current session, re-rendering when it changes. */
export function useSession(): Session | null {
  const [session, setSession] = useState<Session | null>(getSession)
  useEffect(() => {
    // The session may have changed between the first render and this subscription.
    setSession(getSession())
    return subscribe(setSession)
  }, [])
  return session
}
