// What an image file is, from its header alone: type and dimensions, before anything decodes it.
// A PDF library handed a fake or truncated image throws from deep inside; a 16000x16000 PNG of 1 MB
// decodes to a gigabyte. So an image is embedded only when its structure checks out and its pixels fit.
import { crc32 } from 'node:zlib';

export interface ImageInfo {
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The image's type and size, or why it is not a PNG or JPEG that can be embedded. */
export function imageInfo(bytes: Uint8Array): ImageInfo | string {
  if (PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) return pngInfo(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegInfo(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return 'is neither PNG nor JPEG';
}

/** Every chunk in bounds with a correct checksum, IHDR first, image data, and an end. */
function pngInfo(png: Buffer): ImageInfo | string {
  let offset = 8;
  let header: ImageInfo | null = null;
  let data = false;
  while (offset + 12 <= png.length) {
    const length = png.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (end > png.length) return 'is a truncated PNG';
    const type = png.toString('latin1', offset + 4, offset + 8);
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) !== png.readUInt32BE(end - 4)) return `is a corrupt PNG (bad ${type} checksum)`;
    if (header === null) {
      if (type !== 'IHDR' || length !== 13) return 'is a corrupt PNG (no header)';
      header = { mime: 'image/png', width: png.readUInt32BE(offset + 8), height: png.readUInt32BE(offset + 12) };
    }
    if (type === 'IDAT') data = true;
    if (type === 'IEND') return data && header.width > 0 && header.height > 0 ? header : 'is a PNG without image data';
    offset = end;
  }
  return 'is a truncated PNG';
}

const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** Segments in bounds up to a start-of-frame marker, which holds the dimensions. */
function jpegInfo(jpeg: Buffer): ImageInfo | string {
  let offset = 2;
  while (offset + 4 <= jpeg.length) {
    if (jpeg[offset] !== 0xff) return 'is a corrupt JPEG';
    const marker = jpeg[offset + 1]!;
    if (marker === 0xff) {
      offset++; // fill byte
      continue;
    }
    const length = jpeg.readUInt16BE(offset + 2);
    if (length < 2 || offset + 2 + length > jpeg.length) return 'is a truncated JPEG';
    if (isStartOfFrame(marker)) {
      if (length < 7) return 'is a corrupt JPEG';
      const height = jpeg.readUInt16BE(offset + 5);
      const width = jpeg.readUInt16BE(offset + 7);
      return width > 0 && height > 0 ? { mime: 'image/jpeg', width, height } : 'is a JPEG without dimensions';
    }
    if (marker === 0xda || marker === 0xd9) break; // image data or end before any frame
    offset += 2 + length;
  }
  return 'is a truncated JPEG';
}
