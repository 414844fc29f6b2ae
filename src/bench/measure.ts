// How the benchmark measures a process: wall time, CPU time (user + system, of all its threads) and peak
// memory (maximum resident set), the last two by GNU time (Debian package `time`) where it is installed. On a
// machine shared with other work, wall time grows with the load; CPU time and memory much less.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Measure {
  seconds: number;
  /** User + system CPU seconds; null without GNU time. */
  cpuSeconds: number | null;
  peakMb: number | null;
}

const GNU_TIME = '/usr/bin/time';
const hasTime = existsSync(GNU_TIME);

/**
 * Runs a command to its end and measures it. Any other exit code than `exitCodes` means the run failed: its
 * time would mean nothing.
 */
export function run(command: string, args: string[], options: SpawnSyncOptions = {}, exitCodes = [0]): Measure {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlq-bench-time-'));
  const report = path.join(dir, 'time');
  try {
    const start = performance.now();
    const result = hasTime
      ? spawnSync(GNU_TIME, ['-f', '%U %S %M', '-o', report, command, ...args], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024, ...options })
      : spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024, ...options });
    const seconds = (performance.now() - start) / 1000;
    if (!exitCodes.includes(result.status ?? -1)) throw new Error(`${path.basename(command)} ${args.join(' ')} failed: ${result.stderr}`);
    if (!hasTime) return { seconds, cpuSeconds: null, peakMb: null };
    // GNU time says "Command exited with non-zero status N" first when it did.
    const [user, system, kilobytes] = readFileSync(report, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
    return { seconds, cpuSeconds: user! + system!, peakMb: kilobytes! / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Steps run one after the other: their times add up, their peak is the larger. */
export function sum(...steps: Measure[]): Measure {
  const known = <K extends 'cpuSeconds' | 'peakMb'>(key: K, combine: (a: number, b: number) => number) =>
    steps.some((step) => step[key] === null) ? null : steps.map((step) => step[key]!).reduce(combine);
  return { seconds: steps.reduce((total, step) => total + step.seconds, 0), cpuSeconds: known('cpuSeconds', (a, b) => a + b), peakMb: known('peakMb', (a, b) => Math.max(a, b)) };
}
