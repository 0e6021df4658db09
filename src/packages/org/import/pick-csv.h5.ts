export interface PickedCsv {
  name: string
  text: string
}

/** Browser: a file picker for a .csv file, read as UTF-8 (a BOM, as Excel and WPS write it, is fine). */
export function pickCsv(): Promise<PickedCsv | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.csv,text/csv'
    input.style.display = 'none'
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      input.remove()
      if (!file) return resolve(null)
      file.text().then((text) => resolve({ name: file.name, text }), reject)
    })
    input.addEventListener('cancel', () => {
      input.remove()
      resolve(null)
    })
    document.body.appendChild(input)
    input.click()
  })
}
