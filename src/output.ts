// The output edge: a build replaces the output folder in one step, or leaves it as it was.
import { chmod, cp, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutputFile } from './format.js';

/**
 * Writes into a temporary sibling folder (seeded with the current outputs, so a build of one format
 * keeps the others), then swaps it in with renames: a failed or interrupted build never leaves a
 * half-written folder behind.
 */
export async function writeOutputs(outDir: string, files: OutputFile[]): Promise<void> {
  const target = path.resolve(outDir);
  await mkdir(path.dirname(target), { recursive: true });
  const staging = await mkdtemp(`${target}.tmp-`);
  const retired = `${staging.replace(/\.tmp-/, '.old-')}`;
  try {
    await chmod(staging, 0o755); // mkdtemp makes it private; the outputs are for everyone
    const existing = await stat(target).then((s) => s.isDirectory(), () => false);
    if (existing) await cp(target, staging, { recursive: true });
    for (const file of files) {
      const destination = path.join(staging, file.path);
      await mkdir(path.dirname(destination), { recursive: true });
      await writeFile(destination, file.bytes);
    }
    if (existing) await rename(target, retired);
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await rm(retired, { recursive: true, force: true });
}
