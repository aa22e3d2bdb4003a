import QRCode from 'qrcode'

export interface PosterSpec {
  size: 'A4' | 'A5'
  /** The form's full address, opening it centred on the place. */
  formUrl: string
  place: string | null
  partnership: string
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * A printable poster as one SVG in millimetres (A4 210 × 297, A5 148 × 210): the partnership's words, the place, and a
 * QR code (the qrcode library, error correction level M, which survives some weather and scuffing on street furniture)
 * that opens the form there, with the address written out for anyone without a camera phone.
 */
export async function posterSvg(spec: PosterSpec): Promise<string> {
  const [width, height] = spec.size === 'A4' ? [210, 297] : [148, 210]
  const scale = width / 210
  const qr = await QRCode.toString(spec.formUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } })
  const qrSide = 120 * scale
  const qrX = (width - qrSide) / 2
  const qrY = 105 * scale
  const inner = qr.replace(/^<svg /, `<svg x="${qrX}" y="${qrY}" width="${qrSide}" height="${qrSide}" `)
  const text = (y: number, size: number, content: string, weight = 'normal') =>
    `<text x="${width / 2}" y="${y * scale}" font-size="${size * scale}" font-weight="${weight}" text-anchor="middle">${escape(content)}</text>`
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}mm" height="${height}mm" viewBox="0 0 ${width} ${height}" font-family="Arial, Helvetica, sans-serif" fill="#0b0c0c">`,
    `<title>${escape(`Report anti-social behaviour${spec.place ? ` at ${spec.place}` : ''}`)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<rect width="${width}" height="${42 * scale}" fill="#1d70b8"/>`,
    `<text x="${width / 2}" y="${26 * scale}" font-size="${11 * scale}" font-weight="bold" text-anchor="middle" fill="#ffffff">${escape(spec.partnership)}</text>`,
    text(62, 13, 'Seen anti-social behaviour here?', 'bold'),
    text(78, 9, spec.place ? `Near ${spec.place}` : 'Tell us where and what happened'),
    text(94, 7, 'Scan the code to report it: no account or app needed'),
    inner,
    text(240, 6, 'Or type this address:'),
    text(250, 5.2, spec.formUrl),
    text(266, 5, 'You get a receipt code to follow your report and read our replies.'),
    text(276, 5, 'In an emergency, or if a crime is happening now, call 999.', 'bold'),
    text(286, 4, 'Contact details are optional, seen only by the staff who handle reports, and erased after a set time.'),
    '</svg>',
  ].join('\n')
}
