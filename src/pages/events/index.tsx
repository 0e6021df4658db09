import { View } from '@tarojs/components'
import { EmptyState } from '@/components/empty-state'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import './index.scss'

export default function EventsPage() {
  const session = useAuthGuard()
  if (!session) return null
  return (
    <View className="events-page">
      <EmptyState
        kind="soon"
        text="活动报名即将开放"
        hint="红色路演、青创沙龙、创业辅导等园区活动将在这里发布，届时可一键报名。"
      />
    </View>
  )
}
