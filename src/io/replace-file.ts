// Rewriting a file in place, atomically: a temporary file beside it, renamed over it, and only if the file
// still holds what mlq read (an editor or a git checkout may have changed it meanwhile).
import { randomBytes } from 'node:crypto';
import { open, realpath, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { describeFsError, MlqError } from '../errors.js';
import { limit } from '../limits.js';
import { readRegularFile } from './files.js';

export async function replaceFile(file: string, expected: Uint8Array, bytes: Uint8Array): Promise<void> {
  // Through a symbolic link, the file it points to is rewritten; the link stays a link.
  const target = await realpath(file).catch((error) => {
    throw new MlqError(`${file}: cannot write: ${describeFsError(error)}`);
  });
  const { mode } = await stat(target);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.mlq-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', mode & 0o7777);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // Read like every input: a bank swapped for a pipe or a device meanwhile is refused, not waited on.
    const now = await readRegularFile(target, { maxBytes: limit('bankBytes') });
    if (!now.equals(expected)) throw new MlqError(`${file}: changed while mlq was working; not written (run mlq fix again)`);
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => {});
    if (error instanceof MlqError) throw error;
    throw new MlqError(`${file}: cannot write: ${describeFsError(error)}`);
  }
}
