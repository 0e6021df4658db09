import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useEffect, useState } from 'react'
import type { Material } from '../../../../types/api'
import { LIMITS } from '../../../../server/src/schemas/limits'
import { EmptyState } from '@/components/empty-state'
import { PageShell } from '@/components/page-shell'
import { ToolsGate } from '@/components/tools-gate'
import { cx } from '@/components/types'
import { useDiscardGuard } from '@/hooks/use-discard-guard'
import { toApiError, type ApiError } from '@/services/api-error'
import * as courses from '@/services/courses'
import { useCareModeClass } from '@/stores/care-mode'
import { toastError, toastSuccess } from '@/utils/toast'
import { CharCount } from '../char-count'
import '../form.scss'

/** A heading line the reader shows in bold: `# 小标题`, added on a line of its own. */
export function withHeading(body: string): string {
  const joined = body === '' || body.endsWith('\n') ? body : `${body}\n`
  return `${joined}# 小标题\n`
}

/** 学习资料: a title and a body, a paragraph per line and `#` for headings; the server times it. */
function MaterialForm({ courseId, material }: { courseId: number; material: Material | null }) {
  const careMode = useCareModeClass()
  const [title, setTitle] = useState(material?.title ?? '')
  const [body, setBody] = useState(material?.body ?? '')
  const [busy, setBusy] = useState(false)
  const dirty = title !== (material?.title ?? '') || body !== (material?.body ?? '')
  const guard = useDiscardGuard(dirty)

  const save = async () => {
    if (busy) return
    if (!title.trim()) return void Taro.showToast({ title: '请填写标题', icon: 'none' })
    if (!body.trim()) return void Taro.showToast({ title: '请填写正文', icon: 'none' })
    setBusy(true)
    try {
      const saved = material
        ? await courses.updateMaterial(material.id, { title: title.trim(), body: body.trim() })
        : await courses.createMaterial(courseId, { title: title.trim(), body: body.trim() })
      guard.release()
      toastSuccess(`已保存 · 约${saved.readMinutes}分钟`)
      setTimeout(() => {
        Taro.navigateBack().catch(() => undefined)
      }, 1200)
    } catch (e) {
      toastError(e)
      setBusy(false)
    }
  }

  return (
    <View className={cx('admin-form material-form', careMode)}>
      <View className="admin-form__field">
        <Text className="admin-form__label">标题</Text>
        <Input
          className="admin-form__input material-form__title"
          value={title}
          maxlength={LIMITS.materialTitle}
          placeholder="例如：读书班导读"
          onInput={(e) => setTitle(e.detail.value)}
          aria-label="标题"
        />
        <CharCount value={title} max={LIMITS.materialTitle} />
      </View>
      <View className="admin-form__field">
        <View className="material-form__bar">
          <Text className="admin-form__label">正文</Text>
          <Text className="material-form__heading" onClick={() => setBody((current) => withHeading(current))}>
            + 小标题
          </Text>
        </View>
        <Textarea
          className="admin-form__textarea material-form__body"
          value={body}
          maxlength={LIMITS.materialBody}
          placeholder="每行一段；以 # 开头的行显示为小标题"
          onInput={(e) => setBody(e.detail.value)}
          aria-label="正文"
        />
        <Text className="admin-form__hint material-form__minutes">
          {material ? `当前阅读时长约${material.readMinutes}分钟，` : ''}保存后按正文长度计算阅读时长
        </Text>
      </View>
      <Button className="admin-form__submit material-form__submit" loading={busy} onClick={() => void save()}>
        保存
      </Button>
    </View>
  )
}

function EditMaterial({ id }: { id: number }) {
  const [material, setMaterial] = useState<Material | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  useEffect(() => {
    Taro.setNavigationBarTitle({ title: '编辑学习资料' }).catch(() => undefined)
    courses
      .material(id)
      .then(setMaterial)
      .catch((e: unknown) => setError(toApiError(e)))
  }, [id])
  if (error) return <PageShell error={error} />
  if (!material) return <PageShell loading />
  return <MaterialForm courseId={material.courseId} material={material} />
}

export default function MaterialEditPage() {
  const router = useRouter()
  const id = Number(router?.params?.id)
  const courseId = Number(router?.params?.courseId)
  return (
    <ToolsGate need="organiser" denied="仅支部书记和园区管理员可以编辑学习资料">
      {() =>
        Number.isInteger(id) && id > 0 ? (
          <EditMaterial id={id} />
        ) : Number.isInteger(courseId) && courseId > 0 ? (
          <MaterialForm courseId={courseId} material={null} />
        ) : (
          <EmptyState kind="error" text="没有指定课程" />
        )
      }
    </ToolsGate>
  )
}
