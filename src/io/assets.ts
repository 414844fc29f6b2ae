// The local files a bank refers to (its images), for every writer: a file is read only when its reference is a
// plain path inside the bank's own folder, with no hidden or parent segment, and only when its bytes are the
// image its name says. Each real file is read once per build, however many spellings refer to it.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { limit } from '../limits.js';
import type { Asset, ImageType, ReadAsset } from '../writers/writer.js';
import { FileRefused, readRegularFile } from './files.js';

/** The image types a bank may hold, by extension. SVG is not one: a document that can carry script. */
const TYPES_BY_EXTENSION: Record<string, ImageType> = { png: 'png', jpg: 'jpeg', jpeg: 'jpeg', gif: 'gif', webp: 'webp', avif: 'avif' };

export const IMAGE_EXTENSIONS = Object.keys(TYPES_BY_EXTENSION);

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));

/** Each type's signature (its "magic" bytes), as the formats define them. */
const SIGNATURES: Record<ImageType, (bytes: Uint8Array) => boolean> = {
  png: (bytes) => ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n',
  jpeg: (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff,
  gif: (bytes) => ['GIF87a', 'GIF89a'].includes(ascii(bytes, 0, 6)),
  webp: (bytes) => ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP',
  avif: (bytes) => ascii(bytes, 4, 8) === 'ftyp' && ['avif', 'avis'].includes(ascii(bytes, 8, 12)),
};

/** The type a file's bytes say it is, or null. */
export function imageTypeOf(bytes: Uint8Array): ImageType | null {
  return (Object.keys(SIGNATURES) as ImageType[]).find((type) => SIGNATURES[type](bytes)) ?? null;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The path a reference names, relative to its bank's folder, and the type its name says; or why it names no
 * image mlq may read. The reference is a URL as Markdown writes it: percent-decoded one segment at a time, so
 * that `%2Eenv` is `.env` and `a%2Fb` is no way around the segment checks.
 */
export function referencedPath(ref: string): { segments: string[]; extension: string; type: ImageType } | string {
  if (SCHEME.test(ref) || ref.startsWith('//')) return 'is not a local file';
  const extra = /[?#]/.exec(ref);
  // GitHub shows `x.png?raw=true` as x.png, but what mlq reads must be what the reference says, all of it.
  if (extra) return `has a query or fragment ("${ref.slice(extra.index)}"): a local image is named by its path alone`;
  if (ref.startsWith('/')) return 'is an absolute path: a local image is named relative to its bank';
  let segments: string[];
  try {
    segments = ref.split('/').map(decodeURIComponent);
  } catch {
    return 'is not a valid path (a broken %-escape)';
  }
  if (segments.some((segment) => /[/\\\0]/.test(segment))) return 'has an encoded separator or NUL in a segment';
  const dotted = segments.find((segment) => segment.startsWith('.') && segment !== '.');
  if (dotted) return `goes through "${dotted}": hidden files and parent folders are not published`;
  const extension = path.extname(segments.at(-1)!).slice(1).toLowerCase();
  if (extension === 'svg') return 'is an SVG, which can carry script: SVG images are not published';
  const type = Object.hasOwn(TYPES_BY_EXTENSION, extension) ? TYPES_BY_EXTENSION[extension]! : null;
  if (!type) return `is not named as an image (.${IMAGE_EXTENSIONS.join(', .')})`;
  return { segments, extension, type };
}

type Read = { bytes: Uint8Array; type: ImageType | null } | string;

/**
 * A reader of a build's images: `(ref, fromFile)` gives the image `ref` names, relative to the bank `fromFile`,
 * or why there is none. Every file is read and identified once, by its real path.
 */
export function assetReader(): ReadAsset {
  const byRealPath = new Map<string, Promise<Read>>();
  return async (ref, fromFile) => {
    const named = referencedPath(ref);
    if (typeof named === 'string') return named;
    // Real paths: a symbolic link in the bank's folder must not lead out of it, nor to a hidden file in it.
    let folder: string;
    let realPath: string;
    try {
      folder = await realpath(path.dirname(fromFile));
      realPath = await realpath(path.join(folder, ...named.segments));
    } catch {
      return 'was not found';
    }
    // Outside the folder, the relative path starts with "..".
    if (path.relative(folder, realPath).split(path.sep).some((segment) => segment.startsWith('.'))) {
      return "leads outside the bank's folder or to a hidden file (through a symbolic link)";
    }
    let read = byRealPath.get(realPath);
    if (!read) {
      read = readImage(realPath);
      byRealPath.set(realPath, read);
    }
    const found = await read;
    if (typeof found === 'string') return found;
    if (found.type !== named.type) return `is named .${named.extension} but its bytes are ${found.type ? `a ${found.type.toUpperCase()} image` : 'no image mlq knows'}`;
    return { bytes: found.bytes, realPath, type: found.type } satisfies Asset;
  };
}

/** A file's bytes and the type they say; opened without following a link (a link swapped in since is refused). */
export async function readImage(realPath: string): Promise<Read> {
  try {
    const bytes = await readRegularFile(realPath, { maxBytes: limit('imageBytes'), noFollow: true });
    return { bytes, type: imageTypeOf(bytes) };
  } catch (error) {
    // readRegularFile refuses with a FileRefused, whose message says why.
    return `cannot be read: ${(error as FileRefused).message}`;
  }
}
