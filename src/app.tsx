import type { PropsWithChildren } from 'react'
import './app.scss'

// Pages render themselves; the app only carries global styles.
function App({ children }: PropsWithChildren) {
  return <>{children}</>
}

export default App
