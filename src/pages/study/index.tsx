import { View } from '@tarojs/components'
import { EmptyState } from '@/components/empty-state'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import './index.scss'

export default function StudyPage() {
  const session = useAuthGuard()
  if (!session) return null
  return (
    <View className="study-page">
      <EmptyState
        kind="soon"
        text="学习课程即将上线"
        hint="党务培训课程和学习资料将在这里发布，学习和参加培训可获得积分。"
      />
    </View>
  )
}
