// --since on a real temporary git repository: only links on lines added or changed since the ref are checked.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MlqError } from '../src/errors.js';
import { runLinkCheck } from '../src/links/index.js';
import { changedLines } from '../src/links/since.js';
import { parseBook } from '../src/read/parse.js';
import { startTestServer, type TestServer } from './links-server.js';
import { META } from './support/book.js';

/** A book of one bank at a real path in the repository: `--since` asks git about that file. */
const bankAt = (file: string, text: string) => parseBook({ meta: META, sources: [{ file, text }] });

let server: TestServer;
let repo: string;
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', ...args], { cwd: repo });

beforeEach(async () => {
  server = await startTestServer();
  repo = await mkdtemp(path.join(tmpdir(), 'mlq-since-'));
  git('init', '-q');
});
afterEach(async () => {
  await server.close();
  await rm(repo, { recursive: true, force: true });
});

it('checks only the URLs on lines added or changed since the ref, and reports them there only', async () => {
  const file = path.join(repo, 'bank.md');
  const before = [
    '# Bank',
    '',
    `#### 1) Old? [[src]](${server.base}/gone410)`, // 3: broken, but not touched
    '',
    `Old answer, [old link](${server.base}/page/old).`, // 5
    '',
  ];
  await writeFile(file, before.join('\n'));
  git('add', 'bank.md');
  git('commit', '-q', '-m', 'first');

  const after = [
    ...before.slice(0, 4),
    `Old answer, changed, [old link](${server.base}/page/old) and [new](${server.base}/gone404).`, // 5: changed line
    '',
    `#### 2) New? [[src]](${server.base}/gone410)`, // 7: added, same URL as the untouched line 3
    '',
    `[[answer]](${server.base}/page/new)`, // 9
    '',
  ];
  await writeFile(file, after.join('\n'));

  expect(await changedLines('HEAD', [file])).toEqual(new Map([[file, new Set([5, 6, 7, 8, 9])]]));
  const result = await runLinkCheck({ book: bankAt(file, after.join('\n')), since: 'HEAD', allowPrivate: true, useCache: false });
  expect(result.diagnostics.map((d) => [d.line, d.rule, d.message.replace(server.base, '')])).toEqual([
    [5, 'link-broken', 'Broken link /gone404 (404 Not Found).'],
    [7, 'link-broken', 'Broken link /gone410 (410 Gone).'],
  ]);
  expect(result.checked).toBe(4);
  expect(server.count('/page/old')).toBe(1);

  // Committed: nothing changed since HEAD, nothing is requested.
  git('commit', '-q', '-am', 'second');
  const requests = server.requests.length;
  const none = await runLinkCheck({ book: bankAt(file, after.join('\n')), since: 'HEAD', allowPrivate: true, useCache: false });
  expect(none).toMatchObject({ diagnostics: [], checked: 0 });
  expect(server.requests.length).toBe(requests);

  // Since the first commit, the same lines count again.
  expect((await changedLines('HEAD~1', [file])).get(file)).toEqual(new Set([5, 6, 7, 8, 9]));
});

it('treats a bank git does not track as all new, and names a bad ref clearly', async () => {
  const file = path.join(repo, 'new.md');
  await writeFile(file, '# Bank\n');
  git('commit', '-q', '--allow-empty', '-m', 'empty');
  expect((await changedLines('HEAD', [file])).get(file)).toBe('all');
  await expect(changedLines('no-such-ref', [file])).rejects.toThrow(MlqError);
  await expect(changedLines('no-such-ref', [file])).rejects.toThrow(/--since no-such-ref/);
});
