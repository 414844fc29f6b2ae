// The pure parts of link checking: collection, addresses, retry timing, cache time-to-live, diff reading, diagnostics.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusedAddress, refusedHost } from '../src/links/address.js';
import { EMPTY_CACHE, freshVerdict, readCache, recordVerdicts } from '../src/links/cache.js';
import { collectUrls } from '../src/links/collect.js';
import { HostLimiter } from '../src/links/limiter.js';
import { retryAfterMs, retryDelay } from '../src/links/retry.js';
import { addedLines, touchedTargets } from '../src/links/since.js';
import { toDiagnostics, type Verdict } from '../src/links/verdict.js';
import { bookOf } from './support/book.js';

describe('collectUrls', () => {
  it('gathers http(s) links from front matter, sources, answer links and inline links, once per URL with every place', () => {
    const book = bookOf([
      '# Bank', // 1
      '',
      'See [Docs](https://Example.org/docs#intro) and [mail](mailto:x@y.z).', // 3
      '',
      '#### 1) Q? [[src]](https://example.org/docs)', // 5
      '',
      'Text [inline](http://example.com/a) [[answer]](https://example.net/) [rel](./local.md)', // 7
      '',
      '## Resources', // 9
      '',
      '- [again](https://example.org/docs#other)', // 11
      '',
    ].join('\n'));
    expect(collectUrls(book)).toEqual([
      {
        url: 'https://example.org/docs',
        places: [
          { file: 'bank1.md', line: 3, column: 5 },
          { file: 'bank1.md', line: 5, column: 12 },
          { file: 'bank1.md', line: 11, column: 3 },
        ],
      },
      { url: 'http://example.com/a', places: [{ file: 'bank1.md', line: 7, column: 6 }] },
      { url: 'https://example.net/', places: [{ file: 'bank1.md', line: 7, column: 37 }] },
    ]);
  });
});

describe('private addresses', () => {
  it.each([
    '127.0.0.1', '127.9.9.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.100.100.200',
    '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00:ec2::254', 'fc00::5', '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe', '64:ff9b::10.0.0.1',
  ])('refuses %s', (address) => expect(refusedAddress(address)).not.toBeNull());

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2620:4f:8000::1'])('allows %s', (address) =>
    expect(refusedAddress(address)).toBeNull(),
  );

  it('refuses a host when any address it resolves to is private, and decimal or bracketed literals', async () => {
    const lookup = async (name: string) => (name === 'mixed.test' ? ['93.184.216.34', '10.0.0.7'] : ['93.184.216.34']);
    expect(await refusedHost('https://mixed.test/x', lookup)).toMatch(/mixed\.test resolves to 10\.0\.0\.7/);
    expect(await refusedHost('https://public.test/x', lookup)).toBeNull();
    expect(await refusedHost('http://2130706433/', lookup)).toMatch(/127\.0\.0\.1/);
    expect(await refusedHost('http://[::1]:8080/', lookup)).toMatch(/::1/);
  });
});

describe('retries', () => {
  const policy = { retries: 2, retryBaseMs: 1000, retryAfterCapMs: 30_000 };
  const answer = (status: number, retryAfter: string | null = null) => ({ kind: 'answer' as const, status, ok: false, location: null, retryAfter });

  it('backs off exponentially for 5xx and network errors, a bounded number of times', () => {
    expect(retryDelay(answer(503), 1, policy, 0, 0)).toBe(1000);
    expect(retryDelay(answer(503), 2, policy, 0, 1)).toBe(2500);
    expect(retryDelay(answer(503), 3, policy, 0, 0)).toBeNull();
    expect(retryDelay({ kind: 'network', reason: 'connection reset' }, 1, policy, 0, 0)).toBe(1000);
  });

  it('does not retry client errors or timeouts', () => {
    expect(retryDelay(answer(404), 1, policy, 0, 0)).toBeNull();
    expect(retryDelay({ kind: 'timeout' }, 1, policy, 0, 0)).toBeNull();
  });

  it('honours Retry-After on 429 up to the cap', () => {
    expect(retryDelay(answer(429, '3'), 1, policy, 0, 0)).toBe(3000);
    expect(retryDelay(answer(429, '3600'), 1, policy, 0, 0)).toBeNull();
    expect(retryDelay(answer(429), 1, policy, 0, 0)).toBe(1000);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('soon', now)).toBeNull();
  });
});

describe('cache', () => {
  const ok: Verdict = { url: 'https://a.test/', state: 'ok', status: 200, reason: '200 OK' };
  const broken: Verdict = { url: 'https://b.test/', state: 'broken', status: 404, reason: '404 Not Found' };
  const refused: Verdict = { url: 'http://10.0.0.1/', state: 'private', status: null, reason: 'private' };
  const t0 = new Date('2025-01-01T00:00:00Z');
  const at = (hours: number) => new Date(t0.getTime() + hours * 3600_000);

  it('keeps OK verdicts seven days and failures one day, and never keeps refusals', () => {
    const cache = recordVerdicts(EMPTY_CACHE, [ok, broken, refused], { now: t0, allowPrivate: false });
    const scope = (hours: number) => ({ now: at(hours), allowPrivate: false });
    expect(freshVerdict(cache, ok.url, scope(23))).toEqual(ok);
    expect(freshVerdict(cache, broken.url, scope(23))).toEqual(broken);
    expect(freshVerdict(cache, broken.url, scope(25))).toBeNull();
    expect(freshVerdict(cache, ok.url, scope(7 * 24 - 1))).toEqual(ok);
    expect(freshVerdict(cache, ok.url, scope(7 * 24))).toBeNull();
    expect(freshVerdict(cache, refused.url, scope(0))).toBeNull();
    // A clock that went backwards does not make entries fresh forever.
    expect(freshVerdict(cache, ok.url, scope(-1))).toBeNull();
    // Expired entries are dropped when the cache is next written.
    expect(Object.keys(recordVerdicts(cache, [], { now: at(48), allowPrivate: false }).entries)).toEqual([ok.url]);
  });

  it('does not let a run that refuses private addresses trust a verdict reached while allowing them', () => {
    const cache = recordVerdicts(EMPTY_CACHE, [ok], { now: t0, allowPrivate: true });
    expect(freshVerdict(cache, ok.url, { now: t0, allowPrivate: false })).toBeNull();
    expect(freshVerdict(cache, ok.url, { now: t0, allowPrivate: true })).toEqual(ok);
  });

  it('reads a cache file, leaving out entries of another shape and files of another kind', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mlq-cache-'));
    try {
      const file = path.join(dir, 'cache.json');
      const good = { verdict: ok, checkedAt: t0.toISOString() };
      await writeFile(file, JSON.stringify({
        version: 1,
        entries: {
          [ok.url]: good,
          'https://no-verdict.test/': { checkedAt: t0.toISOString() },
          'https://null-verdict.test/': { verdict: null, checkedAt: t0.toISOString() },
          'https://other-url.test/': { verdict: broken, checkedAt: t0.toISOString() },
          'https://unknown-state.test/': { verdict: { ...ok, url: 'https://unknown-state.test/', state: 'fine' }, checkedAt: t0.toISOString() },
        },
      }));
      const cache = await readCache(file);
      expect(cache).toEqual({ version: 1, entries: { [ok.url]: good } });
      expect(freshVerdict(cache, ok.url, { now: at(1), allowPrivate: false })).toEqual(ok);
      expect(freshVerdict(cache, 'https://no-verdict.test/', { now: at(1), allowPrivate: false })).toBeNull();
      for (const text of ['null', '[]', '{"version":2,"entries":{}}', 'not json']) {
        await writeFile(file, text);
        expect(await readCache(file), text).toEqual(EMPTY_CACHE);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('--since diff reading', () => {
  it('takes the new-side lines of each hunk, and none for pure deletions', () => {
    const diff = ['diff --git a/b.md b/b.md', '--- a/b.md', '+++ b/b.md', '@@ -3 +3 @@', '-x', '+y', '@@ -10,2 +9,0 @@', '-a', '-b', '@@ -20,0 +19,3 @@ ## Heading', '+1', '+2', '+3'].join('\n');
    expect([...addedLines(diff)]).toEqual([3, 19, 20, 21]);
  });

  it('keeps only places on changed lines', () => {
    const targets = [
      { url: 'https://a.test/', places: [{ file: 'a.md', line: 1, column: 1 }, { file: 'a.md', line: 5, column: 1 }] },
      { url: 'https://b.test/', places: [{ file: 'a.md', line: 2, column: 1 }] },
      { url: 'https://c.test/', places: [{ file: 'new.md', line: 9, column: 1 }] },
    ];
    const changed = new Map<string, Set<number> | 'all'>([['a.md', new Set([5])], ['new.md', 'all']]);
    expect(touchedTargets(targets, changed)).toEqual([
      { url: 'https://a.test/', places: [{ file: 'a.md', line: 5, column: 1 }] },
      { url: 'https://c.test/', places: [{ file: 'new.md', line: 9, column: 1 }] },
    ]);
  });
});

describe('toDiagnostics', () => {
  it('reports each verdict at every place, with the rule ids and severities of issue 6, and skips OK and skipped', () => {
    const place = (line: number) => ({ file: 'a.md', line, column: 2 });
    const verdicts: Verdict[] = [
      { url: 'https://ok.test/', state: 'ok', status: 200, reason: '200 OK' },
      { url: 'https://moved.test/', state: 'ok', status: 200, reason: '200 OK', movedTo: 'https://new.test/' },
      { url: 'https://gone.test/', state: 'broken', status: 404, reason: '404 Not Found' },
      { url: 'https://slow.test/', state: 'timeout', status: null, reason: 'no answer within 10 s' },
      { url: 'http://10.0.0.1/', state: 'private', status: null, reason: '10.0.0.1 is private' },
      { url: 'https://skip.test/', state: 'skipped', status: null, reason: 'matches links.skip' },
    ];
    const targets = verdicts.map((v, i) => ({ url: v.url, places: [place(10 - i)] }));
    targets[2]!.places.push(place(20));
    expect(toDiagnostics(verdicts, targets).map((d) => [d.line, d.rule, d.severity])).toEqual([
      [6, 'link-private', 'error'],
      [7, 'link-timeout', 'warning'],
      [8, 'link-broken', 'error'],
      [9, 'link-redirect', 'info'],
      [20, 'link-broken', 'error'],
    ]);
    expect(toDiagnostics(verdicts, targets)[3]!.hint).toContain('https://new.test/');
  });
});

describe('HostLimiter', () => {
  it('never runs more than the global limit, nor more than the per-host limit on one host', async () => {
    const limiter = new HostLimiter(3, 2);
    let running = 0;
    let peak = 0;
    const perHost = new Map<string, number>();
    let peakPerHost = 0;
    const task = (host: string) =>
      limiter.run(host, async () => {
        running++;
        perHost.set(host, (perHost.get(host) ?? 0) + 1);
        peak = Math.max(peak, running);
        peakPerHost = Math.max(peakPerHost, perHost.get(host)!);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        perHost.set(host, perHost.get(host)! - 1);
        return host;
      });
    const hosts = [...'aaaaaaabbc'];
    expect(await Promise.all(hosts.map(task))).toEqual(hosts);
    expect(peak).toBe(3);
    expect(peakPerHost).toBe(2);
  });
});
