// Runs the real `mlq` command (bin/mlq.js, compiled by `npm test` before vitest starts).
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { ROOT } from './book.js';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export const MLQ = path.join(ROOT, 'bin/mlq.js');

/** What the tests' `mlq` does not inherit: the job summary, and the colour settings of whoever runs the tests. */
const INHERITED_NOT = new Set(['GITHUB_STEP_SUMMARY', 'NO_COLOR', 'FORCE_COLOR']);

/**
 * The environment of an `mlq` the tests run: as in CI, with a fixed source date, and without the job
 * summary of a GitHub Actions run the tests may be part of, which only a test that sets it may write, nor
 * a colour setting (a test that wants one sets it), with a link cache of the tests' own, not the user's.
 */
export function mlqEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !INHERITED_NOT.has(name)));
  return { ...inherited, CI: 'true', SOURCE_DATE_EPOCH: '1700000000', XDG_CACHE_HOME: path.join(tmpdir(), 'mlq-tests-cache'), ...env };
}

export function mlq(args: string[], options: { cwd?: string; env?: Record<string, string>; timeout?: number } = {}): Run {
  const result = spawnSync(process.execPath, [MLQ, ...args], {
    cwd: options.cwd ?? ROOT,
    timeout: options.timeout,
    encoding: 'utf8',
    env: mlqEnv(options.env),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `mlq build` that must succeed: exit 0 (stderr shown otherwise), and no internal error reported. */
export function mlqBuild(args: string[], cwd = ROOT): void {
  const run = mlq(['build', ...args], { cwd });
  expect(run.stderr).not.toMatch(/internal error/);
  expect(run.code, run.stderr).toBe(0);
}
