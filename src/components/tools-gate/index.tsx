import type { ReactNode } from 'react'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { useTools, type Tools } from '@/stores/tools'
import { EmptyState } from '../empty-state'
import { PageShell } from '../page-shell'

export interface ToolsGateProps {
  /** `organiser`: a secretary's or the park's tools; `park`: the park admins' own tools. */
  need: 'organiser' | 'park'
  /** What the page says to someone the server gives no such tools. */
  denied: string
  /** The page, given the tools the server says I hold (null when it could not be asked). */
  children: (tools: Tools | null) => ReactNode
  /** Class of the refusal, for pages that style it. */
  deniedClassName?: string
}

function holds(tools: Tools, need: ToolsGateProps['need']): boolean {
  return need === 'park' ? tools.healthPackages : tools.scope !== null
}

/**
 * An organiser page: shown to those the server says hold its tools (GET /api/me/summary). When the
 * server could not be asked, the page shows and the server's own answers decide.
 */
export function ToolsGate({ need, denied, children, deniedClassName }: ToolsGateProps) {
  const session = useAuthGuard()
  const tools = useTools()
  if (!session) return null
  if (tools === undefined) return <PageShell loading />
  if (tools && !holds(tools, need))
    return <EmptyState kind="error" text={denied} className={deniedClassName} />
  return <>{children(tools)}</>
}

export default ToolsGate
