// Runs the real `mlq` command (bin/mlq.js, compiled by `npm test` before vitest starts).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './book.js';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function mlq(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/mlq.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', SOURCE_DATE_EPOCH: '1700000000', ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
