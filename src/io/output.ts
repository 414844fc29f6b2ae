// The output edge: a build replaces the output folder in one step, or leaves it as it was.
import { chmod, cp, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeFsError, MlqError } from '../errors.js';
import type { OutputFile } from '../writers/writer.js';

function isWithin(folder: string, file: string): boolean {
  const relative = path.relative(folder, path.resolve(file));
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/**
 * A build replaces its output folder whole, so the folder may hold neither the working directory nor
 * `inputs` (the sources and the config's folder). Checked before anything is built.
 */
export function refuseUnsafeOutput(outDir: string, inputs: string[]): void {
  const target = path.resolve(outDir);
  const held = [process.cwd(), ...inputs].find((input) => isWithin(target, input));
  if (held === undefined) return;
  const what = held === process.cwd() ? 'the working directory' : held;
  // The output named an input itself (a bank, the config's folder): it is no folder to build into.
  if (held !== process.cwd() && path.resolve(held) === target) throw new MlqError(`${outDir}: is an input of the build, not an output folder: choose another`);
  throw new MlqError(`${outDir}: will not replace a folder that holds ${what}: choose another output folder`);
}

/**
 * Writes into a temporary sibling folder (seeded with the current outputs, so a build of one format
 * keeps the others), then swaps it in with renames: a failed or interrupted build never leaves a
 * half-written folder behind, and a failed swap puts the previous folder back.
 */
export async function writeOutputs(outDir: string, files: OutputFile[]): Promise<void> {
  const target = path.resolve(outDir);
  const existing = await stat(target).catch(() => null);
  if (existing && !existing.isDirectory()) throw new MlqError(`${outDir}: exists and is not a folder`);
  const signals = holdSignals();
  let staging = '';
  try {
    try {
      await mkdir(path.dirname(target), { recursive: true });
      staging = await mkdtemp(`${target}.tmp-`);
      await chmod(staging, 0o755); // mkdtemp makes it private; the outputs are for everyone
      // The copy of a large folder takes a while: an interrupt stops it at the next file.
      const copyUnlessStopped = () => (signals.stopIfReceived(), true);
      if (existing) await cp(target, staging, { recursive: true, verbatimSymlinks: true, filter: copyUnlessStopped });
      for (const file of files) {
        signals.stopIfReceived();
        const destination = path.join(staging, file.path);
        await mkdir(path.dirname(destination), { recursive: true });
        await writeFile(destination, file.bytes);
      }
      signals.stopIfReceived();
    } catch (error) {
      if (staging) await rm(staging, { recursive: true, force: true });
      throw new MlqError(`${outDir}: cannot write the outputs: ${describeFsError(error)}`);
    }
    const retired = `${target}.old-${path.basename(staging).slice(path.basename(target).length + '.tmp-'.length)}`;
    let moved = false;
    try {
      if (existing) await rename(target, retired);
      moved = Boolean(existing);
      await rename(staging, target);
    } catch (error) {
      if (moved) await rename(retired, target);
      await rm(staging, { recursive: true, force: true });
      throw new MlqError(`${outDir}: cannot replace the outputs: ${describeFsError(error)}`);
    }
    // The new outputs are in place; a leftover copy of the old ones is only untidy.
    await rm(retired, { recursive: true, force: true }).catch(() => {});
  } finally {
    signals.release();
  }
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Holds Ctrl-C and a cancelled CI job's SIGTERM while the outputs are written: staging stops at the next
 * file (copied or written) and its folder is removed, a swap under way is finished, and then the signal is
 * delivered as usual.
 * So an interrupted build leaves neither a missing output folder nor a staging folder behind.
 */
function holdSignals(): { stopIfReceived(): void; release(): void } {
  let received: NodeJS.Signals | null = null;
  const hold = (signal: NodeJS.Signals) => (received ??= signal);
  for (const signal of STOP_SIGNALS) process.on(signal, hold);
  return {
    stopIfReceived() {
      if (received) throw new Error(`interrupted by ${received}`);
    },
    release() {
      for (const signal of STOP_SIGNALS) process.off(signal, hold);
      if (received) process.kill(process.pid, received);
    },
  };
}
