import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useState } from 'react'
import { PrivacyPopup } from '@/components/privacy-popup'
import { ToolsGate } from '@/components/tools-gate'
import { cx } from '@/components/types'
import * as org from '@/services/org'
import type { ImportResult } from '@/services/org'
import { useCareModeClass } from '@/stores/care-mode'
import { toastError, toastInfo, toastSuccess } from '@/utils/toast'
import { pickCsv } from './pick-csv'
import '../shared/org.scss'
import './index.scss'

const HEADER = '姓名,手机号,公司,支部,政治面貌,是否CEO,出生日期'
const EXAMPLE = '张晓明,13800001234,码上通科技,码上通党支部,中共党员,否,1992-03-15'

function Summary({ result }: { result: ImportResult }) {
  const failed = result.errors.length > 0
  return (
    <View className={cx('import-result', failed && 'import-result--failed')}>
      <Text className="import-result__title">
        {failed
          ? `有 ${result.errors.length} 行需要修改，整个文件都没有导入`
          : result.dryRun
            ? '预检通过，可以导入'
            : '导入完成'}
      </Text>
      <Text className="import-result__counts">
        {result.dryRun && !failed ? '将' : ''}新增 {result.created} 人 · 更新 {result.updated} 人 · 不变{' '}
        {result.unchanged} 人
      </Text>
      {failed ? (
        <View className="import-result__errors">
          {result.errors.map((error) => (
            <Text className="import-result__error" key={`${error.line}-${error.message}`}>
              第{error.line}行：{error.message}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}

/** 导入名册: a CSV file (or pasted text), checked by a dry run first; nothing is written while a line fails. */
function ImportPage() {
  const careMode = useCareModeClass()
  const [name, setName] = useState<string | null>(null)
  const [text, setText] = useState('')
  const [preview, setPreview] = useState<ImportResult | null>(null)
  const [done, setDone] = useState<ImportResult | null>(null)
  const [busy, setBusy] = useState(false)

  const changeText = (value: string, fileName: string | null) => {
    setText(value)
    setName(fileName)
    setPreview(null)
    setDone(null)
  }

  const choose = async () => {
    try {
      const picked = await pickCsv()
      if (picked) changeText(picked.text, picked.name)
    } catch (e) {
      toastError(e)
    }
  }

  const run = async (dryRun: boolean) => {
    if (busy) return
    if (!text.trim()) return toastInfo('请先选择CSV文件')
    setBusy(true)
    try {
      const result = await org.importMembers(text, dryRun)
      if (dryRun) setPreview(result)
      else {
        setDone(result)
        setPreview(null)
        if (result.errors.length === 0) toastSuccess('导入完成')
      }
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  const canImport = preview !== null && preview.errors.length === 0 && done === null
  return (
    <View className={cx('org-page', 'org-form', 'member-import', careMode)}>
      <View className="org-form__field">
        <Text className="org-form__label">CSV 文件</Text>
        <Text className="org-form__hint">第一行为表头：{HEADER}</Text>
        <Text className="org-form__hint">例如：{EXAMPLE}</Text>
        <Text className="org-form__hint">
          Excel、WPS 另存为「CSV UTF-8」即可；同一文件重复导入不会重复添加。
        </Text>
        <Button className="org-form__secondary member-import__choose" onClick={() => void choose()}>
          {name ? `已选择：${name}（重新选择）` : '选择CSV文件'}
        </Button>
      </View>
      <View className="org-form__field">
        <Text className="org-form__label">或粘贴CSV内容</Text>
        <Textarea
          className="org-form__textarea member-import__text"
          value={text}
          maxlength={-1}
          placeholder={`${HEADER}\n${EXAMPLE}`}
          onInput={(event) => changeText(event.detail.value, null)}
          aria-label="CSV内容"
        />
      </View>
      {preview ? <Summary result={preview} /> : null}
      {done ? <Summary result={done} /> : null}
      <Button
        className="org-form__secondary member-import__dry-run"
        loading={busy}
        onClick={() => void run(true)}
      >
        预检
      </Button>
      {canImport ? (
        <Button
          className="org-form__submit member-import__run"
          loading={busy}
          onClick={() => void run(false)}
        >
          确认导入
        </Button>
      ) : null}
      <PrivacyPopup />
      {done && done.errors.length === 0 ? (
        <Button className="org-form__secondary" onClick={() => Taro.navigateBack().catch(() => undefined)}>
          返回名册
        </Button>
      ) : null}
    </View>
  )
}

export default function MemberImportPage() {
  return (
    <ToolsGate need="organiser" denied="仅支部书记和园区管理员可以导入名册">
      {() => <ImportPage />}
    </ToolsGate>
  )
}
