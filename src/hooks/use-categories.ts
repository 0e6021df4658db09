import { useEffect, useState } from 'react'
import type { Category } from '../../types/api'
import * as events from '@/services/events'

/** The server's list, fetched once per app run: it changes only with a new server version. */
let cached: Category[] | null = null

/** The event categories as the server names them (GET /api/categories); empty until they arrive. */
export function useCategories(): Category[] {
  const [categories, setCategories] = useState<Category[]>(cached ?? [])
  useEffect(() => {
    if (cached) return
    let alive = true
    events
      .categories()
      .then((list) => {
        cached = list
        if (alive) setCategories(list)
      })
      .catch(() => undefined)
    return () => {
      alive = false
    }
  }, [])
  return categories
}
