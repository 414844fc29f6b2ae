// Issue 21, items 13 and 15: committed state is not trusted. A link cache committed in the tree made links to
// the cloud metadata address and dead links pass with exit 0, and a committed `.mlq` link sent the cache
// write outside the repository; a committed `dist.lock` holding `1` blocked every build.
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestServer } from './links-server.js';
import { mlqAsync, mlqBounded, scratch, verdictLine } from './support/bounded.js';

/** A cache file as mlq writes it, saying every URL was fine a minute ago. */
const cacheSaying = (urls: string[]) =>
  JSON.stringify({
    version: 1,
    entries: Object.fromEntries(urls.map((url) => [url, { verdict: { url, state: 'ok', status: 200, reason: 'OK' }, checkedAt: new Date(Date.now() - 60_000).toISOString() }])),
  });

describe('a committed link cache', () => {
  const METADATA = 'http://169.254.169.254/latest/meta-data/';

  it('is not where mlq looks by default: a dead link it calls fine is requested and broken', async () => {
    const server = await startTestServer();
    try {
      const dir = scratch();
      const cacheHome = scratch('mlq-cache-home-');
      const dead = `${server.base}/gone404`;
      writeFileSync(path.join(dir, 'bank.md'), `# B\n\n#### 1) Why? [[src](${dead})]\nBecause.\n`);
      mkdirSync(path.join(dir, '.mlq'));
      const committed = cacheSaying([dead]);
      writeFileSync(path.join(dir, '.mlq/link-cache.json'), committed);
      // Not spawnSync: the test's own server must answer while mlq runs.
      const run = await mlqAsync(['links', '--source', 'bank.md', '--allow-private'], { cwd: dir, env: { XDG_CACHE_HOME: cacheHome } });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`link-broken Broken link ${dead} (404 Not Found).`);
      expect(server.count('/gone404')).toBeGreaterThan(0);
      // The verdict went to the user's cache folder, and the committed file is as it was.
      expect(Object.keys((JSON.parse(readFileSync(path.join(cacheHome, 'mlq/link-cache.json'), 'utf8')) as { entries: object }).entries)).toEqual([dead]);
      expect(readFileSync(path.join(dir, '.mlq/link-cache.json'), 'utf8')).toBe(committed);
    } finally {
      await server.close();
    }
  });

  it('named with --cache, still never spares a URL the address check: the metadata address is refused', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'bank.md'), `# B\n\n#### 1) Why? [[src](${METADATA})]\nBecause.\n`);
    mkdirSync(path.join(dir, '.mlq'));
    writeFileSync(path.join(dir, '.mlq/link-cache.json'), cacheSaying([METADATA]));
    const run = mlqBounded(['links', '--source', 'bank.md', '--cache', '.mlq/link-cache.json'], { cwd: dir, killAfterMs: 30_000 });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/link-private/);
    expect(run.stdout).toContain('1 URL: 1 checked, 0 from the cache');
  });

  it('a committed .mlq link is not written through', () => {
    const dir = scratch();
    const elsewhere = scratch('mlq-elsewhere-');
    writeFileSync(path.join(dir, 'bank.md'), '# B\n\n#### 1) Why? [[src](http://127.0.0.1:9/x)]\nBecause.\n');
    symlinkSync(elsewhere, path.join(dir, '.mlq'));
    const run = mlqBounded(['links', '--source', 'bank.md', '--cache', '.mlq/link-cache.json'], { cwd: dir, killAfterMs: 30_000 });
    expect(run.code).toBe(2);
    expect(verdictLine(run)).toBe('mlq: .mlq/link-cache.json: .mlq is a symbolic link: will not write the link cache through it');
    // By default the cache is outside the tree: the link is not even looked at.
    const cacheHome = scratch('mlq-cache-home-');
    expect(mlqBounded(['links', '--source', 'bank.md'], { cwd: dir, env: { XDG_CACHE_HOME: cacheHome }, killAfterMs: 30_000 }).code).toBe(1);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(existsSync(path.join(cacheHome, 'mlq/link-cache.json'))).toBe(true);
  });
});

describe('a committed output lock', () => {
  const BANK = '# B\n\n#### 1) What is bias?\nAn answer.\n\n#### 2) What is variance?\nAnother.\n';

  it.each([
    ['1', 'process 1, running, but not this user\'s build'],
    [`${process.pid}`, 'a live process of this user, without the start time of the build that took it'],
    [`${process.pid} 1`, 'a live process of this user that started at another time'],
    ['999999999 5', 'no such process'],
    ['garbage', 'no process at all'],
  ])('holding "%s" (%s) is stale: the build takes it over', (holder) => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'bank.md'), BANK);
    writeFileSync(path.join(dir, 'dist.lock'), `${holder}\n`);
    const run = mlqBounded(['build', '--source', 'bank.md', '--formats', 'json'], { cwd: dir });
    expect(run.stderr).not.toContain('another build');
    expect(run.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['bank.md', 'dist']);
  });
});
