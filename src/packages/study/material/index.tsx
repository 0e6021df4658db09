import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import type { Material, ReadingClosed } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { ApiError, toApiError } from '@/services/api-error'
import * as courses from '@/services/courses'
import { useReading } from './use-reading'
import './index.scss'

interface Block {
  kind: 'heading' | 'paragraph'
  text: string
}

/** Plain text with one paragraph per line; a line starting with `#` is a heading. */
export function articleBlocks(body: string): Block[] {
  return body
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) =>
      line.startsWith('#')
        ? { kind: 'heading', text: line.replace(/^#+\s*/, '') }
        : { kind: 'paragraph', text: line },
    )
}

/** `本次学习N分钟 · 积分 +M`, only when the server awarded points. */
export function readingToast(result: ReadingClosed): string | null {
  if (result.pointsAwarded <= 0) return null
  return `本次学习${result.minutes}分钟 · 积分 +${result.pointsAwarded}`
}

function showReadingToast(result: ReadingClosed) {
  const title = readingToast(result)
  if (title) Taro.showToast({ title, icon: 'none', duration: 2500 }).catch(() => undefined)
}

function MaterialReader({ id }: { id: number }) {
  const [material, setMaterial] = useState<Material | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)

  const load = useCallback(async () => {
    try {
      setMaterial(await courses.material(id))
      setError(null)
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setLoading(false)
    }
  }, [id])

  useEffect(() => {
    if (Number.isInteger(id) && id > 0) void load()
    else {
      setError(new ApiError(404, 'NOT_FOUND', '学习资料不存在或已删除'))
      setLoading(false)
    }
  }, [id, load])

  useReading(id, showReadingToast)

  return (
    <PageShell
      className="material-reader"
      loading={loading}
      error={material ? null : error}
      onRetry={() => {
        setLoading(true)
        void load()
      }}
    >
      {material ? (
        <View className="material-reader__article">
          <Text className="material-reader__title">{material.title}</Text>
          <Text className="material-reader__meta">
            阅读约{material.readMinutes}分钟 · 认真阅读可获得学习积分
          </Text>
          {material.summary ? <Text className="material-reader__summary">{material.summary}</Text> : null}
          <View className="material-reader__body">
            {articleBlocks(material.body).map((block, index) =>
              block.kind === 'heading' ? (
                <Text className="material-reader__heading" key={index}>
                  {block.text}
                </Text>
              ) : (
                <Text className="material-reader__paragraph" key={index}>
                  {block.text}
                </Text>
              ),
            )}
          </View>
        </View>
      ) : null}
    </PageShell>
  )
}

export default function MaterialPage() {
  const session = useAuthGuard()
  const router = useRouter()
  const id = Number(router?.params?.id)
  return session ? <MaterialReader id={id} /> : null
}
