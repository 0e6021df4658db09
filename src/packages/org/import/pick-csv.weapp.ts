import Taro from '@tarojs/taro'

export interface PickedCsv {
  name: string
  text: string
}

/** WeChat: a .csv file from a chat (the usual way a file reaches a phone), read as UTF-8. */
export async function pickCsv(): Promise<PickedCsv | null> {
  // Taro does not promisify chooseMessageFile: its callbacks it is.
  const file = await new Promise<{ path: string; name: string } | null>((resolve) => {
    Taro.chooseMessageFile({
      count: 1,
      type: 'file',
      extension: ['csv'],
      success: (chosen) => resolve(chosen.tempFiles[0] ?? null),
      fail: () => resolve(null),
    })
  })
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
