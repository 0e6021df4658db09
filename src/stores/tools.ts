import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { MeSummary } from '../../types/api'
import * as me from '@/services/me'
import { getSession } from './session'

/** The organiser tools the server says I hold (GET /api/me/summary), kept for the admin pages. */
export type Tools = MeSummary['tools']

const TOOLS_KEY = 'red-e-park:tools'

interface Stored {
  userId: number
  tools: Tools
}

function currentUserId(): number | null {
  return getSession()?.user?.id ?? null
}

/** The tools of the member signed in now, if the server has told us. */
export function getTools(): Tools | null {
  try {
    const stored = Taro.getStorageSync(TOOLS_KEY) as Stored | '' | undefined
    return stored && stored.userId === currentUserId() ? stored.tools : null
  } catch {
    return null
  }
}

export function saveTools(tools: Tools) {
  const userId = currentUserId()
  if (userId === null) return
  try {
    Taro.setStorageSync(TOOLS_KEY, { userId, tools } satisfies Stored)
  } catch {
    // Storage full or unavailable: the pages ask the server again.
  }
}

/**
 * My organiser tools for an admin page: what the server last said, else asked now. Undefined while
 * asking; null when the server could not be asked (the page then leaves the decision to the server).
 */
export function useTools(): Tools | null | undefined {
  const [tools, setTools] = useState<Tools | null | undefined>(() => getTools() ?? undefined)
  useEffect(() => {
    if (tools !== undefined) return
    let alive = true
    me.summary()
      .then((summary) => {
        saveTools(summary.tools)
        if (alive) setTools(summary.tools)
      })
      .catch(() => {
        if (alive) setTools(null)
      })
    return () => {
      alive = false
    }
  }, [tools])
  return tools
}
