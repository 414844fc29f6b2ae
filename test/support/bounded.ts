// Runs `mlq` on hostile input under hard bounds: the child is killed (SIGKILL) past a generous time, and
// its heap is capped, so a runaway input fails the test as "killed" instead of hanging CI. No timing asserts.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './book.js';
import { MLQ, mlqEnv } from './cli.js';

export interface BoundedRun {
  code: number | null;
  /** 'SIGKILL' when the bound was hit (or the child crashed on a signal). */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Bounds {
  cwd?: string;
  env?: Record<string, string>;
  /** Killed after this long: ten times what the input should cost, and more. */
  killAfterMs?: number;
  /** V8's old-space cap for the child, in MB: past it the child dies instead of swapping. */
  heapMb?: number;
  input?: string;
}

export function mlqBounded(args: string[], { cwd = ROOT, env = {}, killAfterMs = 30_000, heapMb = 1024, input }: Bounds = {}): BoundedRun {
  const result = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, MLQ, ...args], {
    cwd,
    encoding: 'utf8',
    env: mlqEnv(env),
    timeout: killAfterMs,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
    ...(input !== undefined && { input }),
  });
  return { code: result.status, signal: result.signal, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

export const scratch = (prefix = 'mlq-hostile-') => mkdtempSync(path.join(tmpdir(), prefix));

/** The last line of stderr: mlq's one-line verdict. */
export const verdictLine = (run: BoundedRun) => run.stderr.trim().split('\n').at(-1) ?? '';

/** mlqBounded without blocking the test, for runs that must overlap; killed the same way. */
export function mlqAsync(args: string[], { cwd = ROOT, env = {}, killAfterMs = 60_000, heapMb = 1024 }: Bounds = {}): Promise<BoundedRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, MLQ, ...args], { cwd, env: mlqEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
