// The local files a bank refers to (its images): read only from under the bank's own folder.
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** Images beyond this are not embedded: a bank's figures are small, and /dev/zero is not a figure. */
const MAX_ASSET_BYTES = 16 * 1024 * 1024;

/**
 * A local image of a bank: only a regular file under the bank's own folder, so that a contribution cannot
 * make the build read /etc/passwd, wait on a named pipe or swallow a device.
 */
export async function readAsset(ref: string, fromFile: string): Promise<Uint8Array | null> {
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
  const info = await stat(file).catch(() => null);
  if (!info?.isFile() || info.size > MAX_ASSET_BYTES) return null;
  return readFile(file).catch(() => null);
}
