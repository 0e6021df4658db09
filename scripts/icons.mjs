// Draws the tab bar icons as SVG and rasterises them to 81×81 PNGs (normal + selected) in
// src/assets/tabbar/. Mini-programs only accept bitmap tab icons, hence PNG.
// Usage: node scripts/icons.mjs   (needs Chromium; CHROMIUM_PATH overrides /usr/bin/chromium)
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outDir = path.join(root, 'src/assets/tabbar')
const SIZE = 81

const GREY = '#595959'
const RED = '#C8161D'
const RED_TINT = 'rgba(200, 22, 29, 0.14)'

// Each icon is drawn on a 48×48 grid with round 3-unit strokes; `fill` is the selected tint.
const ICONS = {
  home: (stroke, fill) => `
    <path d="M7 22 L24 8 L41 22" fill="none" stroke="${stroke}" />
    <path d="M11 19 V40 H37 V19" fill="${fill}" stroke="${stroke}" />
    <path d="M20 40 V29 H28 V40" fill="none" stroke="${stroke}" />`,
  events: (stroke, fill) => `
    <path d="M12 42 V6" fill="none" stroke="${stroke}" />
    <path d="M12 8 C19 4 25 12 32 8 C35 6.5 38 6.5 40 7.5 V25 C38 24 35 24 32 25.5 C25 29.5 19 21.5 12 25.5 Z"
      fill="${fill}" stroke="${stroke}" />`,
  study: (stroke, fill) => `
    <path d="M24 13 C19 9 12 8.5 6 9.5 V37 C12 36 19 36.5 24 40 C29 36.5 36 36 42 37 V9.5 C36 8.5 29 9 24 13 Z"
      fill="${fill}" stroke="${stroke}" />
    <path d="M24 13 V40" fill="none" stroke="${stroke}" />
    <path d="M11 17 C14 16.7 17 17.2 19.5 18.3 M11 24 C14 23.7 17 24.2 19.5 25.3" fill="none" stroke="${stroke}" />`,
  me: (stroke, fill) => `
    <circle cx="24" cy="16" r="8" fill="${fill}" stroke="${stroke}" />
    <path d="M8 41 C8 32 15 27 24 27 C33 27 40 32 40 41 Z" fill="${fill}" stroke="${stroke}" />`,
}

function svg(draw, stroke, fill) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 48 48"
    stroke-width="3" stroke-linecap="round" stroke-linejoin="round">${draw(stroke, fill)}</svg>`
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
  ],
})
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 })
  await mkdir(outDir, { recursive: true })
  for (const [name, draw] of Object.entries(ICONS)) {
    for (const [suffix, stroke, fill] of [
      ['', GREY, 'none'],
      ['-active', RED, RED_TINT],
    ]) {
      await page.setContent(
        `<html><body style="margin:0;background:transparent">${svg(draw, stroke, fill)}</body></html>`,
      )
      const png = await page.locator('svg').screenshot({ omitBackground: true })
      const file = path.join(outDir, `${name}${suffix}.png`)
      await writeFile(file, png)
      console.log(`${path.relative(root, file)} ${png.length} bytes`)
    }
  }
} finally {
  await browser.close()
}
