// The file edge: every file mlq reads and every single file it writes outside the output folder
// (output.ts owns that). A path from a contribution may name a device, a pipe, a link or a huge file,
// so a file is opened once, checked on the open handle (regular file, size) and read under a byte cap.
import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { mkdir, open, rename, rm, lstat } from 'node:fs/promises';
import path from 'node:path';
import { describeFsError, MlqError } from '../errors.js';

export interface ReadOptions {
  /** Refuse more bytes than this (checked on the handle's size, and again while reading). */
  maxBytes: number;
  /** The path itself must not be a symbolic link (links inside a bank's folder could lead out of it). */
  noFollow?: boolean;
}

/** Why a file is refused, without the file's name: "is a directory", "is a device, pipe or socket", ... */
export class FileRefused extends Error {}

const CHUNK = 64 * 1024;

/**
 * The bytes of a regular file. O_NONBLOCK so that opening a named pipe does not wait for a writer;
 * the type and size come from the open handle, so the file checked is the file read.
 */
export async function readRegularFile(file: string, { maxBytes, noFollow = false }: ReadOptions): Promise<Buffer> {
  const flags = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY | (noFollow ? constants.O_NOFOLLOW : 0);
  let handle;
  try {
    handle = await open(file, flags);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP' && noFollow) throw new FileRefused('is a symbolic link');
    throw new FileRefused(describeFsError(error));
  }
  try {
    const info = await handle.stat();
    refuseIrregular(info);
    if (info.size > maxBytes) throw new FileRefused(`too large (${info.size} bytes; the limit is ${maxBytes})`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // Whole chunks: at most one chunk more than the cap is ever held.
      const chunk = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      // The file grew while it was read.
      if (total > maxBytes) throw new FileRefused(`too large (more than ${maxBytes} bytes)`);
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof FileRefused) throw error;
    throw new FileRefused(describeFsError(error));
  } finally {
    await handle.close();
  }
}

function refuseIrregular(info: Stats): void {
  if (info.isDirectory()) throw new FileRefused('is a directory');
  if (!info.isFile()) throw new FileRefused('is a device, pipe or socket, not a regular file');
}

/** readRegularFile, with a refusal as one MlqError naming the file: `${file}: ${what}: ${why}`. */
export async function readInput(file: string, what: string, options: ReadOptions): Promise<Buffer> {
  try {
    return await readRegularFile(file, options);
  } catch (error) {
    const why = error instanceof FileRefused ? error.message : describeFsError(error);
    throw new MlqError(`${file}: ${what}: ${why}`);
  }
}

/**
 * Refuses, before any work, a path that writeFileAtomic must not replace: a folder, a device, a pipe or
 * a socket. A missing file is fine, and so is a link: the rename replaces the link, never its target.
 */
export async function refuseUnwritable(file: string): Promise<void> {
  let info: Stats;
  try {
    info = await lstat(file);
  } catch {
    return; // Missing (or out of reach, which the write then reports).
  }
  if (info.isDirectory()) throw new MlqError(`${file}: is a folder, not a file`);
  if (!info.isFile() && !info.isSymbolicLink()) throw new MlqError(`${file}: exists and is not a regular file`);
}

/**
 * Writes a whole file, or nothing: into a new temporary file beside it (O_EXCL: never through a link
 * someone placed there), then renamed over it. rename replaces a link itself, not its target.
 */
export async function writeFileAtomic(file: string, bytes: string | Uint8Array): Promise<void> {
  await refuseUnwritable(file);
  await writeThenRename(file, bytes, { mode: 0o644 });
}

export interface RenameOptions {
  /** The new file's permissions. */
  mode: number;
  /** Last check before the rename; throwing leaves the target as it was. */
  beforeRename?: () => Promise<void>;
}

/**
 * The one atomic-write core: a temporary file beside the target (its folder made first; a file in its way
 * is a refusal like any other), flushed to disk (a bank rewritten in place must survive a crash whole), then
 * renamed over the target.
 */
export async function writeThenRename(target: string, bytes: string | Uint8Array, options: RenameOptions): Promise<void> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.mlq-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    const handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, options.mode);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.();
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary).catch(() => {}); // It may not have been created.
    if (error instanceof MlqError) throw error;
    throw new MlqError(`${target}: cannot write: ${describeFsError(error)}`);
  }
}
