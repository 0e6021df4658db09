import Taro from '@tarojs/taro'
import { ApiError, NETWORK_ERROR_MESSAGE } from '@/services/api-error'
import { apiUrl } from '@/services/request'
import { getToken } from '@/stores/session'
import type { CsvExport } from './export-csv-types'

export type { CsvExport } from './export-csv-types'

/**
 * Mini-program: download the CSV with the token into the app's own files, then hand it to a chat
 * (转发给文件传输助手 to get it onto a computer); where sharing files is not offered, open it.
 */
export async function exportCsv({ path, fileName, forbiddenMessage }: CsvExport): Promise<void> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`
  const token = getToken()
  let result: Taro.downloadFile.FileSuccessCallbackResult
  try {
    result = await Taro.downloadFile({
      url: apiUrl(path),
      header: token ? { Authorization: `Bearer ${token}` } : {},
      filePath,
    })
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE)
  }
  if (result.statusCode === 403)
    throw new ApiError(403, 'FORBIDDEN', forbiddenMessage ?? '没有权限导出这份名单')
  if (result.statusCode !== 200)
    throw new ApiError(result.statusCode, `HTTP_${result.statusCode}`, '导出失败，请稍后重试')
  try {
    await Taro.shareFileMessage({ filePath, fileName })
  } catch (error) {
    // The member closed the chat picker: nothing more to do.
    if (/cancel/i.test(String((error as { errMsg?: string })?.errMsg ?? ''))) return
    await Taro.openDocument({ filePath, showMenu: true })
  }
}
