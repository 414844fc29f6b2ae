// Rewriting a file in place, atomically (files.ts's core), and only if the file still holds what mlq read
// (an editor or a git checkout may have changed it meanwhile).
import { realpath, stat } from 'node:fs/promises';
import { describeFsError, MlqError } from '../errors.js';
import { limit } from '../limits.js';
import { readRegularFile, writeThenRename } from './files.js';

export async function replaceFile(file: string, expected: Uint8Array, bytes: Uint8Array): Promise<void> {
  // Through a symbolic link, the file it points to is rewritten; the link stays a link.
  const target = await realpath(file).catch((error) => {
    throw new MlqError(`${file}: cannot write: ${describeFsError(error)}`);
  });
  const { mode } = await stat(target);
  await writeThenRename(target, bytes, {
    mode: mode & 0o7777,
    beforeRename: async () => {
      // Read like every input: a bank swapped for a pipe or a device meanwhile is refused, not waited on.
      const now = await readRegularFile(target, { maxBytes: limit('bankBytes') });
      if (!now.equals(expected)) throw new MlqError(`${file}: changed while mlq was working; not written (run mlq fix again)`);
    },
  });
}
