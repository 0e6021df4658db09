import Taro from '@tarojs/taro'

export interface PickedCsv {
  name: string
  text: string
}

/** WeChat: a .csv file from a chat (the usual way a file reaches a phone), read as UTF-8. */
export async function pickCsv(): Promise<PickedCsv | null> {
  let file: { path: string; name: string }
  try {
    const chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv'] })
    file = chosen.tempFiles[0]
  } catch {
    return null
  }
  if (!file) return null
  const text = await new Promise<string>((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      encoding: 'utf8',
      success: (result) => resolve(String(result.data)),
      fail: (error) => reject(new Error(error.errMsg)),
    })
  })
  return { name: file.name, text }
}
