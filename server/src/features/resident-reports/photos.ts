import { fileTypeFromBuffer } from 'file-type'
import sharp from 'sharp'
import { REPORT_LIMITS } from './report-rules.js'

/** The kinds a phone camera or a screenshot gives, told by content (the name and the declared type are ignored). */
const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp'])

export interface StoredPhoto {
  image: Buffer
  width: number
  height: number
}

export class PhotoRefused extends Error {}

/**
 * A photo as kept: checked by its bytes, decoded and drawn again as a JPEG no larger than REPORT_LIMITS.photoPixels a
 * side. sharp writes no metadata unless asked (no EXIF, GPS, XMP, IPTC, ICC comment or thumbnail), so where and on
 * what phone it was taken does not survive; the EXIF orientation is applied first, so the picture stays upright.
 */
export async function reencodePhoto(bytes: Buffer, ordinal: number): Promise<StoredPhoto> {
  const kind = await fileTypeFromBuffer(bytes)
  if (!kind || !ACCEPTED.has(kind.mime)) {
    throw new PhotoRefused(`photo ${ordinal}: is not a JPEG, PNG or WebP picture${kind ? ` (it is ${kind.mime})` : ''}`)
  }
  try {
    // limitInputPixels: a small file can claim a huge picture (a decompression bomb); 50 megapixels covers phones.
    const { data, info } = await sharp(bytes, { limitInputPixels: 50_000_000, failOn: 'error' })
      .rotate()
      .resize({ width: REPORT_LIMITS.photoPixels, height: REPORT_LIMITS.photoPixels, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer({ resolveWithObject: true })
    return { image: data, width: info.width, height: info.height }
  } catch {
    throw new PhotoRefused(`photo ${ordinal}: could not be read as a picture (damaged, or larger than 50 megapixels)`)
  }
}
