import { useEffect, type PropsWithChildren } from 'react'
import { useOfflineCheckins } from '@/hooks/use-offline-checkins'
import { applyStoredCareMode } from '@/stores/care-mode'
import { useAppTabBadges } from '@/stores/tab-badges'
import { watchPageLoadErrors } from '@/utils/page-load-errors'
import './app.scss'

// 关怀模式 applies before the first page renders.
applyStoredCareMode()

// Pages render themselves; the app carries global styles, sends sign-ins queued offline and fetches
// the tab bar's unread counts once, whichever page it opens on.
function App({ children }: PropsWithChildren) {
  useOfflineCheckins()
  useAppTabBadges()
  // H5: a page that cannot be fetched (offline) is said so, not left half-opened. Once mounted,
  // the router and its history exist.
  useEffect(() => watchPageLoadErrors(), [])
  return <>{children}</>
}

export default App
