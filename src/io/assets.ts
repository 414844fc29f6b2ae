// The local files a bank refers to (its images): read only from under the bank's own folder.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { limit } from '../limits.js';
import type { Asset } from '../writers/writer.js';
import { readRegularFile } from './files.js';

/**
 * A local image of a bank: only a regular file under the bank's own folder, so that a contribution cannot
 * make the build read /etc/passwd, wait on a named pipe or swallow a device.
 */
export async function readAsset(ref: string, fromFile: string): Promise<Asset | null> {
  let decoded: string;
  try {
    decoded = decodeURI(ref);
  } catch {
    return null;
  }
  // Real paths: a symbolic link in the bank's folder must not lead out of it.
  const folder = await realpath(path.dirname(fromFile)).catch(() => null);
  const file = folder && (await realpath(path.resolve(folder, decoded)).catch(() => null));
  if (!folder || !file?.startsWith(folder + path.sep)) return null;
  // Opened without following a link: the path is real already, a link swapped in since is refused.
  const bytes = await readRegularFile(file, { maxBytes: limit('imageBytes'), noFollow: true }).catch(() => null);
  return bytes && { bytes, realPath: file };
}
