// The link checker against a real misbehaving server on 127.0.0.1: verdicts, lines, retries, cache, safety.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runLinkCheck } from '../src/links/index.js';
import type { Diagnostic } from '../src/model.js';
import { startTestServer, type TestServer } from './links-server.js';
import { bookOf } from './support/book.js';

let server: TestServer;
let dir: string;
beforeEach(async () => {
  server = await startTestServer();
  dir = await mkdtemp(path.join(tmpdir(), 'mlq-links-test-'));
});
afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const brief = (d: Diagnostic) => `${d.line} ${d.rule} ${d.severity} ${d.message.replace(server.base, '')}`;

function bank(base: string): string {
  return [
    '# Test Questions', // 1
    '',
    `Intro with [a resource](${base}/ok).`, // 3
    '',
    `#### 1) What is ok? [[src]](${base}/ok)`, // 5
    '',
    `Answer with [a gone page](${base}/gone404) and [another](${base}/gone410).`, // 7
    '',
    '#### 2) What moved?', // 9
    '',
    `[[src]](${base}/moved) [[answer]](${base}/loop-a) [temp](${base}/temporary)`, // 11
    '',
    '#### 3) Which are flaky?', // 13
    '',
    `See [busy](${base}/busy), [flaky](${base}/flaky), [no head](${base}/no-head).`, // 15
    '',
    '#### 4) Which fail on the network?', // 17
    '',
    `See [slow](${base}/slow), [reset](${base}/reset) and again [404](${base}/gone404#part), [mail](mailto:a@b.c).`, // 19
    '',
  ].join('\n');
}

describe('runLinkCheck against a real server', () => {
  it('gives each kind of answer its verdict at every line where the URL is written, within 15 s', async () => {
    const started = Date.now();
    const result = await runLinkCheck({
      book: bookOf(bank(server.base)),
      allowPrivate: true,
      useCache: false,
      timeoutMs: 500,
    });
    const seconds = (Date.now() - started) / 1000;

    expect(result.diagnostics.map(brief)).toEqual([
      '7 link-broken error Broken link /gone404 (404 Not Found).',
      '7 link-broken error Broken link /gone410 (410 Gone).',
      `11 link-redirect info Link /moved is permanently redirected to ${server.base}/ok.`,
      `11 link-broken error Broken link /loop-a (redirect loop (${server.base}/loop-a -> ${server.base}/loop-b -> ${server.base}/loop-a)).`,
      '19 link-timeout warning Link /slow did not answer (no answer within 0.5 s).',
      '19 link-broken error Broken link /reset (connection closed by the server, after 3 tries).',
      '19 link-broken error Broken link /gone404 (404 Not Found).',
    ]);
    expect(result.diagnostics.every((d) => d.file === 'bank1.md' && d.column > 0)).toBe(true);
    const states = Object.fromEntries(result.verdicts.map((v) => [v.url.replace(server.base, ''), v.state]));
    expect(states).toMatchObject({ '/ok': 'ok', '/busy': 'ok', '/flaky': 'ok', '/no-head': 'ok', '/temporary': 'ok' });
    expect(result).toMatchObject({ checked: 11, fromCache: 0 });

    // Each URL once (the 404 written twice, with and without a fragment, is one URL) ...
    expect(server.count('/gone404')).toBe(2); // HEAD, then GET as a last resort
    // ... 503 twice (HEAD and its GET fallback), then a retry after backoff that succeeds ...
    expect(server.requests.filter((r) => r.endsWith(' /flaky'))).toEqual(['HEAD /flaky', 'GET /flaky', 'HEAD /flaky']);
    // ... HEAD refused, GET accepted ...
    expect(server.requests.filter((r) => r.endsWith(' /no-head'))).toEqual(['HEAD /no-head', 'GET /no-head']);
    // ... a connection reset tried 1 + 2 times (HEAD and GET each).
    expect(server.count('/reset')).toBe(6);
    expect(seconds).toBeLessThan(15);
  });

  it('answers fresh verdicts from the cache without a request, and re-checks expired ones', async () => {
    const cacheFile = path.join(dir, 'cache', 'links.json');
    const text = [
      '# Bank',
      '',
      `#### 1) Q? [[src]](${server.base}/ok)`,
      '',
      `Answer [moved](${server.base}/moved) and [gone](${server.base}/gone404).`,
      '',
    ].join('\n');
    const book = bookOf(text);
    const day = 24 * 60 * 60 * 1000;
    const t0 = Date.parse('2025-03-01T12:00:00Z');
    const run = (at: number) => runLinkCheck({ book, allowPrivate: true, cacheFile, now: () => new Date(at) });

    const first = await run(t0);
    expect(first).toMatchObject({ checked: 3, fromCache: 0 });
    const requestsAfterFirst = server.requests.length;
    expect(requestsAfterFirst).toBeGreaterThan(0);

    const second = await run(t0 + 60 * 60 * 1000);
    expect(second).toMatchObject({ checked: 0, fromCache: 3 });
    expect(second.diagnostics).toEqual(first.diagnostics);
    expect(server.requests.length).toBe(requestsAfterFirst);

    // Two days later the failure (kept one day) is checked again; the OK links (kept seven days) are not.
    const third = await run(t0 + 2 * day);
    expect(third).toMatchObject({ checked: 1, fromCache: 2 });
    expect(server.requests.slice(requestsAfterFirst)).toEqual(['HEAD /gone404', 'GET /gone404']);

    // useCache: false requests everything again.
    const before = server.requests.length;
    const uncached = await runLinkCheck({ book, allowPrivate: true, cacheFile, useCache: false });
    expect(uncached).toMatchObject({ checked: 3, fromCache: 0 });
    expect(server.requests.length).toBeGreaterThan(before);
  });

  it('refuses loopback addresses and names that resolve to them unless allowed, sending no request', async () => {
    const port = new URL(server.base).port;
    const text = [
      '# Bank',
      '',
      `#### 1) Q? [[src]](http://127.0.0.1:${port}/ok)`,
      '',
      `Answer [by name](http://localhost:${port}/ok) and [v6](http://[::1]:${port}/ok).`,
      '',
    ].join('\n');
    const cacheFile = path.join(dir, 'cache.json');
    // A verdict reached with private addresses allowed must not be trusted by a run that refuses them.
    await runLinkCheck({ book: bookOf(text.replace(/localhost|\[::1\]/g, '127.0.0.1')), allowPrivate: true, cacheFile });
    const afterAllowed = server.requests.length;
    expect(afterAllowed).toBeGreaterThan(0);

    const result = await runLinkCheck({ book: bookOf(text), cacheFile });
    expect(server.requests.length).toBe(afterAllowed);
    expect(result.diagnostics.map((d) => [d.line, d.rule, d.severity])).toEqual([
      [3, 'link-private', 'error'],
      [5, 'link-private', 'error'],
      [5, 'link-private', 'error'],
    ]);
    expect(result.diagnostics[1]!.message).toContain('localhost resolves to');
  });

  it('does not request URLs matching a skip pattern and does not report them', async () => {
    const text = ['# Bank', '', `#### 1) Q? [[src]](${server.base}/gone404)`, ''].join('\n');
    const result = await runLinkCheck({ book: bookOf(text), allowPrivate: true, useCache: false, skip: ['/gone\\d+$'] });
    expect(result.diagnostics).toEqual([]);
    expect(result.verdicts.map((v) => v.state)).toEqual(['skipped']);
    expect(server.requests).toEqual([]);
  });
});
