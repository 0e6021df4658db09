import { writeFileSync } from 'node:fs'
import qrcode from 'qrcode-generator'

const WIDTH = 640
const HEIGHT = 480

/**
 * A Y4M video (what Chromium's fake camera plays, `--use-file-for-fake-video-capture`) of a QR code
 * of `text` on a grey background, as a phone camera held over a printed code would see it.
 */
export function writeQrVideo(path: string, text: string, frames = 10) {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  const modules = qr.getModuleCount()
  const cell = Math.floor((HEIGHT * 0.7) / (modules + 8))
  const side = cell * (modules + 8)
  const left = Math.floor((WIDTH - side) / 2)
  const top = Math.floor((HEIGHT - side) / 2)

  const luma = Buffer.alloc(WIDTH * HEIGHT, 140)
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const row = Math.floor(y / cell) - 4
      const column = Math.floor(x / cell) - 4
      const dark = row >= 0 && column >= 0 && row < modules && column < modules && qr.isDark(row, column)
      luma[(top + y) * WIDTH + left + x] = dark ? 16 : 235
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma])
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`)
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]))
}
