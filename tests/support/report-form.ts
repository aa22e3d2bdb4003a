/** A photo as a browser's FormData sends it. */
export interface FormPhoto {
  name: string
  type: string
  bytes: Buffer
}

/** A multipart/form-data body as the public report form sends it: the fields, then the photos named "photo". */
export function reportMultipart(fields: Record<string, string>, photos: FormPhoto[] = []): { payload: Buffer; contentType: string } {
  const boundary = `----patrolmap${Math.random().toString(16).slice(2)}`
  const chunks: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
  }
  for (const photo of photos) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="${photo.name}"\r\nContent-Type: ${photo.type}\r\n\r\n`), photo.bytes, Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` }
}
