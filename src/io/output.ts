// The output edge: a build replaces the output folder in one step, or leaves it as it was.
//
// The output folder is mlq's own: made by mlq (a marker file says so), written by one build at a time (a
// lock beside it), and never a path through a link, checked on real paths. A folder mlq did not make is
// refused unless it is empty; a build of some formats keeps the folder's other files, its mode and owner.
import { constants } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { chmod, chown, cp, link, lstat, mkdir, mkdtemp, open, readdir, readFile, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { describeFsError, MlqError } from '../errors.js';
import type { OutputFile } from '../writers/writer.js';
import { readRegularFile } from './files.js';

/** The file that says mlq made a folder; a folder without it is not replaced. */
export const OUTPUT_MARKER = '.mlq-output';
const MARKER_TEXT = 'This folder is made by mlq: every build replaces it whole.\n';

function isWithin(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** A path with every link resolved, also when its last parts do not exist yet. */
async function realLocation(file: string): Promise<string> {
  const absolute = path.resolve(file);
  const real = await realpath(absolute).catch(() => null);
  if (real) return real;
  const parent = path.dirname(absolute);
  return parent === absolute ? absolute : path.join(await realLocation(parent), path.basename(absolute));
}

/** The real path of the output folder (its parent's links resolved), which must not itself be a link. */
async function outputLocation(outDir: string): Promise<string> {
  const absolute = path.resolve(outDir);
  return path.join(await realLocation(path.dirname(absolute)), path.basename(absolute));
}

/**
 * A build replaces its output folder whole, so the folder may hold neither the working directory nor
 * `inputs` (the sources and the config's folder), compared as real paths (`../l/work` where l links to
 * the parent is the working directory). It must be mlq's own or empty, a folder, not a link, and
 * writable. Checked before anything is built, and again once the lock is held.
 */
export async function refuseUnsafeOutput(outDir: string, inputs: string[]): Promise<void> {
  const target = await outputLocation(outDir);
  for (const input of [process.cwd(), ...inputs]) {
    if (!isWithin(target, await realLocation(input))) continue;
    const what = input === process.cwd() ? 'the working directory' : input;
    // The output named an input itself (a bank, the config's folder): it is no folder to build into.
    if (input !== process.cwd() && (await realLocation(input)) === target) throw new MlqError(`${outDir}: is an input of the build, not an output folder: choose another`);
    throw new MlqError(`${outDir}: will not replace a folder that holds ${what}: choose another output folder`);
  }
  await refuseForeign(outDir, target);
}

async function refuseForeign(outDir: string, target: string): Promise<void> {
  const info = await lstat(target).catch(() => null);
  if (!info) return;
  if (info.isSymbolicLink()) throw new MlqError(`${outDir}: is a symbolic link: will not write through it (choose a real folder)`);
  if (!info.isDirectory()) throw new MlqError(`${outDir}: exists and is not a folder`);
  if ((info.mode & 0o200) === 0) throw new MlqError(`${outDir}: is read-only: will not replace it`);
  const marker = await lstat(path.join(target, OUTPUT_MARKER)).catch(() => null);
  if (marker?.isFile()) return;
  if ((await readdir(target)).length > 0) {
    throw new MlqError(`${outDir}: was not made by mlq (it has no ${OUTPUT_MARKER}): will not replace it; empty it or choose another output folder`);
  }
}

/**
 * Writes into a temporary sibling folder (seeded with the current outputs, so a build of one format
 * keeps the others), then swaps it in with renames: a failed or interrupted build never leaves a
 * half-written folder behind, and a failed swap puts the previous folder back.
 */
export async function writeOutputs(outDir: string, files: OutputFile[]): Promise<void> {
  await mkdir(path.dirname(path.resolve(outDir)), { recursive: true }).catch(() => {});
  const target = await outputLocation(outDir);
  const lock = await takeLock(outDir, target);
  const signals = holdSignals();
  let staging = '';
  try {
    await refuseForeign(outDir, target);
    await removeStaleStaging(target);
    const existing = await lstat(target).catch(() => null);
    try {
      staging = await mkdtemp(`${target}.tmp-`);
      await writeFileIn(staging, OUTPUT_MARKER, new TextEncoder().encode(MARKER_TEXT));
      // mkdtemp makes it private; a fresh folder is for everyone, an existing one keeps its mode and owner.
      await chmod(staging, existing ? existing.mode & 0o7777 : 0o755);
      if (existing) await chown(staging, existing.uid, existing.gid).catch(() => {});
      // The copy of a large folder takes a while: an interrupt stops it at the next file. Links are copied
      // as links (never followed); pipes and devices are left out.
      const copyable = async (source: string) => {
        signals.stopIfReceived();
        if (path.relative(target, source) === OUTPUT_MARKER) return false;
        const info = await lstat(source);
        return info.isFile() || info.isDirectory() || info.isSymbolicLink();
      };
      if (existing) await cp(target, staging, { recursive: true, verbatimSymlinks: true, force: true, filter: copyable });
      for (const file of files) {
        signals.stopIfReceived();
        await writeFileIn(staging, file.path, file.bytes);
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
    // The new outputs are in place; a leftover copy of the old ones is only untidy (the next build removes it).
    await rm(retired, { recursive: true, force: true }).catch(() => {});
  } finally {
    await lock.release();
    signals.release();
  }
}

/**
 * Writes `relative` inside `root` without following any link: each folder on the way that is a link (or
 * not a folder) is replaced by a real folder, and the file is created new (O_EXCL), replacing whatever
 * was there. So a link committed into the output folder is replaced, never written through.
 */
async function writeFileIn(root: string, relative: string, bytes: Uint8Array): Promise<void> {
  const parts = relative.split('/');
  let folder = root;
  for (const part of parts.slice(0, -1)) {
    folder = path.join(folder, part);
    const info = await lstat(folder).catch(() => null);
    if (info?.isDirectory()) continue;
    if (info) await rm(folder, { force: true, recursive: false });
    await mkdir(folder);
  }
  const file = path.join(folder, parts.at(-1)!);
  await rm(file, { force: true, recursive: true });
  const handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
  try {
    await handle.writeFile(bytes);
  } finally {
    await handle.close();
  }
}

/**
 * One build at a time per output folder: `<out>.lock`, created exclusively, holds the builder's process id
 * and start time. A lock is a stranger's file like any other (it can be committed): it holds the folder
 * only while that process runs, as this user, and started when the lock says; else (a build killed with
 * SIGKILL, a committed `1`) it is stale and taken over.
 */
async function takeLock(outDir: string, target: string): Promise<{ release(): Promise<void> }> {
  const file = `${target}.lock`;
  const holder = `${process.pid} ${await startOf(process.pid)}\n`;
  for (let attempt = 0; ; attempt++) {
    // Written whole under a name of its own, then linked in as the lock (which fails where one exists): another
    // build never reads a lock still empty, which it would take for a stale one and take over.
    const draft = `${file}-${process.pid}-${randomBytes(6).toString('hex')}`;
    try {
      const handle = await open(draft, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
      await handle.writeFile(holder).finally(() => handle.close());
      await link(draft, file);
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new MlqError(`${outDir}: cannot lock the output folder: ${describeFsError(error)}`);
      }
    } finally {
      await rm(draft, { force: true });
    }
    const [pid, start] = (await readRegularFile(file, { maxBytes: 64, noFollow: true }).catch(() => '')).toString().trim().split(' ');
    if (attempt > 0 || (await holdsLock(Number(pid), start ?? ''))) {
      throw new MlqError(`${outDir}: another build is writing it (process ${Number(pid) || 'unknown'}; ${path.basename(file)}): try again when it is done`);
    }
    await rm(file, { force: true });
  }
}

/**
 * A process's start time as the kernel counts it (clock ticks since boot, /proc/PID/stat's 22nd field), so
 * that a process id reused by another process does not hold a lock; '' where there is no /proc.
 */
async function startOf(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // The command name (field 2) is in parentheses and may hold spaces: fields are counted after it.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
}

/** Whether process `pid` is running, is this user's (one mlq may signal), and started at `start`. */
async function holdsLock(pid: number, start: string): Promise<boolean> {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false; // Gone, or another user's (EPERM): no build of this user holds it.
  }
  const owner = await stat(`/proc/${pid}`).catch(() => null);
  if (!owner) return true; // No /proc: running and signalable is all there is to know.
  return owner.uid === process.getuid?.() && (await startOf(pid)) === start;
}

/**
 * Staging and retired folders of builds that were killed: mlq's own (they hold the marker, or are still
 * empty, killed right after mkdtemp), so removed. Runs with the lock held: no build is using them.
 */
async function removeStaleStaging(target: string): Promise<void> {
  const parent = path.dirname(target);
  const base = path.basename(target);
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    if (!name.startsWith(`${base}.tmp-`) && !name.startsWith(`${base}.old-`)) continue;
    const folder = path.join(parent, name);
    const info = await lstat(folder).catch(() => null);
    if (!info?.isDirectory()) continue;
    const marker = await lstat(path.join(folder, OUTPUT_MARKER)).catch(() => null);
    if (marker?.isFile() || (await readdir(folder)).length === 0) await rm(folder, { recursive: true, force: true });
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
