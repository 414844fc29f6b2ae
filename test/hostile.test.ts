// Issue 10: hostile contributions and faults. Each test gives the input an attacker (or a fault) would,
// runs the real command under hard bounds (test/support/bounded.ts) and asserts the verdict.
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlqBounded, scratch, verdictLine } from './support/bounded.js';

const BANK = '# B\n\n#### 1) Why? [[src](https://s.example)]\nBecause.\n';

describe('finding 2: devices and pipes are refused, not read', () => {
  it('a bank that links to /dev/zero, a source /dev/urandom, a FIFO', () => {
    const dir = scratch();
    symlinkSync('/dev/zero', path.join(dir, 'zero.md'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.md')]);
    writeFileSync(path.join(dir, 'mlq.yaml'), 'sources: [/dev/urandom]\n');
    for (const [args, file] of [
      [['check', '--source', 'zero.md'], 'zero.md'],
      [['check', '--source', 'fifo.md'], 'fifo.md'],
      [['check', '--config', 'mlq.yaml'], path.relative(dir, '/dev/urandom')],
    ] as const) {
      const run = mlqBounded([...args], { cwd: dir, killAfterMs: 20_000, heapMb: 256 });
      expect(run.signal).toBeNull();
      expect(run.code).toBe(2);
      expect(verdictLine(run)).toBe(`mlq: ${file}: cannot read: is a device, pipe or socket, not a regular file`);
    }
  });

  it('a link cache that is a FIFO or a folder is refused before any request; one linked to /dev/zero is not read', () => {
    const dir = scratch();
    // Port 9 (discard) on loopback: refused as a private address, so no request leaves the machine.
    writeFileSync(path.join(dir, 'bank.md'), '# B\n\n#### 1) Why? [[src](http://127.0.0.1:9/x)]\nBecause.\n');
    execFileSync('mkfifo', [path.join(dir, 'fifo.json')]);
    mkdirSync(path.join(dir, 'folder.json'));
    for (const [cache, verdict] of [
      ['fifo.json', 'exists and is not a regular file'],
      ['folder.json', 'is a folder, not a file'],
    ]) {
      const run = mlqBounded(['links', '--source', 'bank.md', '--cache', cache!], { cwd: dir, killAfterMs: 20_000, heapMb: 256 });
      expect(run.signal).toBeNull();
      expect(verdictLine(run)).toBe(`mlq: ${cache}: ${verdict}`);
      expect(run.code).toBe(2);
    }
    expect(readdirSync(dir).sort()).toEqual(['bank.md', 'fifo.json', 'folder.json']);
    symlinkSync('/dev/zero', path.join(dir, 'zero.json'));
    const run = mlqBounded(['links', '--source', 'bank.md', '--cache', 'zero.json'], { cwd: dir, killAfterMs: 20_000, heapMb: 256 });
    expect(run.signal).toBeNull();
    expect(run.stdout).toContain('link-private');
    expect(run.stdout).toContain('1 URL: 1 checked, 0 from the cache');
    // The link is replaced by the cache, never written through.
    expect(lstatSync(path.join(dir, 'zero.json')).isFile()).toBe(true);
  });
});
