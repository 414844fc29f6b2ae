// What an image file is, from its header alone: type and dimensions, before anything decodes it.
// A PDF library handed a fake or truncated image throws from deep inside; a 16000x16000 PNG of 1 MB
// decodes to a gigabyte. So an image is embedded only when its structure checks out and its pixels fit.
import { crc32, inflateSync } from 'node:zlib';

export interface ImageInfo {
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  /** PNG: how many bytes its image data inflates to, when it is whole. */
  dataBytes?: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The image's type and size, or why it is not a PNG or JPEG that can be embedded. */
export function imageInfo(bytes: Uint8Array): ImageInfo | string {
  if (PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) return pngInfo(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegInfo(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return 'is neither PNG nor JPEG';
}

/** Samples per pixel of each PNG colour type. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Adam7's passes: first column and row, then the steps between them. */
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;

/** The bytes of a PNG's filtered scanlines: a filter byte, then the row's samples, per row (per pass if interlaced). */
function inflatedSize(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number {
  const rows = (w: number, h: number) => (w > 0 && h > 0 ? h * (1 + Math.ceil((w * bitsPerPixel) / 8)) : 0);
  if (!interlaced) return rows(width, height);
  return ADAM7.reduce((sum, [x, y, dx, dy]) => sum + rows(Math.ceil((width - x) / dx), Math.ceil((height - y) / dy)), 0);
}

/**
 * Whether a PNG's image data inflates to exactly the size its header promises (the PDF library would
 * throw from deep inside on corrupt data); only called once the pixels are within the limits.
 */
export function pngDataIsWhole(png: Uint8Array, info: ImageInfo): boolean {
  if (info.mime !== 'image/png' || info.dataBytes === undefined) return true;
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  const data: Buffer[] = [];
  for (let offset = 8; offset + 12 <= bytes.length; ) {
    const length = bytes.readUInt32BE(offset);
    if (bytes.toString('latin1', offset + 4, offset + 8) === 'IDAT') data.push(bytes.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  try {
    return inflateSync(Buffer.concat(data), { maxOutputLength: info.dataBytes + 1 }).length === info.dataBytes;
  } catch {
    return false;
  }
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
      const [width, height] = [png.readUInt32BE(offset + 8), png.readUInt32BE(offset + 12)];
      const bits = (png[offset + 16] ?? 0) * (CHANNELS[png[offset + 17] ?? -1] ?? 0);
      if (bits === 0) return 'is a corrupt PNG (unknown colour type)';
      header = { mime: 'image/png', width, height, dataBytes: inflatedSize(width, height, bits, png[offset + 20] === 1) };
    }
    if (type === 'IDAT') data = true;
    if (type === 'IEND') return data && header.width > 0 && header.height > 0 ? header : 'is a PNG without image data';
    offset = end;
  }
  return 'is a truncated PNG';
}

/**
 * The markers pdfkit takes for a frame header: every SOFn, and also DAC (0xcc) and JPG (0xc8), which it cannot
 * tell from one. mlq finds the frame header as pdfkit does, so that what passes here is what pdfkit reads.
 */
const isFrameToPdfkit = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4;
/** The colour spaces pdfkit gives a JPEG, by its number of components. */
const PDFKIT_COMPONENTS = [1, 3, 4];

/**
 * Segments in bounds up to the frame header, which holds the dimensions, walked as pdfkit walks them: each
 * segment's marker right where the one before ends. A fill byte (0xff before a marker), legal in JPEG, makes
 * pdfkit read a length from the marker and throw, so it is refused here.
 */
function jpegInfo(jpeg: Buffer): ImageInfo | string {
  let offset = 2;
  while (offset + 4 <= jpeg.length) {
    if (jpeg[offset] !== 0xff) return 'is a corrupt JPEG';
    const marker = jpeg[offset + 1]!;
    if (marker === 0xff) return 'is a JPEG with fill bytes between its segments, which the PDF library cannot read';
    const length = jpeg.readUInt16BE(offset + 2);
    if (length < 2 || offset + 2 + length > jpeg.length) return 'is a truncated JPEG';
    if (isFrameToPdfkit(marker)) {
      if (length < 8) return 'is a corrupt JPEG';
      const [bits, height, width, components] = [jpeg[offset + 4], jpeg.readUInt16BE(offset + 5), jpeg.readUInt16BE(offset + 7), jpeg[offset + 9]!];
      if (bits !== 8 || !PDFKIT_COMPONENTS.includes(components)) return `is a JPEG of ${bits} bits and ${components} components, which the PDF library cannot embed`;
      return width > 0 && height > 0 ? { mime: 'image/jpeg', width, height } : 'is a JPEG without dimensions';
    }
    if (marker === 0xda || marker === 0xd9) break; // image data or end before any frame
    offset += 2 + length;
  }
  return 'is a truncated JPEG';
}
