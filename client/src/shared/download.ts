/** Saves text as a file through a temporary link (no server round trip); CSV gets a byte-order mark for Excel. */
export function downloadText(fileName: string, text: string, type: string): void {
  const parts = type.startsWith('text/csv') ? ['\uFEFF', text] : [text]
  const url = URL.createObjectURL(new Blob(parts, { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  window.setTimeout(() => URL.revokeObjectURL(url), 1000)
}
