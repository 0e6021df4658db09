/** What a form does with its guard once its input is saved. */
export interface DiscardGuard {
  /** Lets the page leave without asking (call before navigating away after a save). */
  release: () => void
}

export const DISCARD_TITLE = '放弃填写？'
export const DISCARD_MESSAGE = '填写的内容尚未保存，离开后将丢失'
