import type { PropsWithChildren } from 'react'
import { useOfflineCheckins } from '@/hooks/use-offline-checkins'
import { applyStoredCareMode } from '@/stores/care-mode'
import './app.scss'

// 关怀模式 applies before the first page renders.
applyStoredCareMode()

// Pages render themselves; the app carries global styles and sends sign-ins queued offline.
function App({ children }: PropsWithChildren) {
  useOfflineCheckins()
  return <>{children}</>
}

export default App
