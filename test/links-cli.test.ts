// `mlq links` end to end: the real command against a real server on 127.0.0.1.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shownPath } from '../src/io/paths.js';
import { ROOT } from './support/book.js';
import { MLQ, mlqEnv } from './support/cli.js';
import { startTestServer, type TestServer } from './links-server.js';

// Asynchronous, unlike the other CLI tests: the server answers from this process's event loop.
async function mlqLinks(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [MLQ, 'links', ...args], { cwd: ROOT, env: mlqEnv() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('mlq links', () => {
  let server: TestServer;
  let bank: string;
  let cache: string;

  beforeAll(async () => {
    server = await startTestServer();
    const dir = mkdtempSync(path.join(tmpdir(), 'mlq-links-cli-'));
    bank = path.join(dir, 'bank.md');
    cache = path.join(dir, 'cache.json');
    writeFileSync(bank, `# Bank\n\n#### 1) Fine? [[src](${server.base}/ok)]\nYes.\n\n#### 2) Gone?\nNo. [[src]](${server.base}/gone404)\n`);
  });
  afterAll(() => server.close());

  it('refuses loopback addresses by default, without sending a request', async () => {
    const run = await mlqLinks(['--source', bank, '--no-cache']);
    expect(run.code).toBe(1);
    // Named as every diagnostic names a file (relative to the working directory unless that climbs to the root),
    // wherever the clone and the temporary folder are.
    expect(run.stdout).toContain(`${shownPath(bank)}:3:16 error link-private`);
    expect(server.requests).toEqual([]);
  });

  it('reports a broken link at its line with --allow-private, in every reporter', async () => {
    const text = await mlqLinks(['--source', bank, '--allow-private', '--cache', cache]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(new RegExp(`bank\\.md:7:5 error link-broken .*404`));
    expect(text.stdout).not.toContain('/ok');
    expect(text.stdout).toContain('2 URLs: 2 checked, 0 from the cache');
    const github = await mlqLinks(['--source', bank, '--allow-private', '--cache', cache, '--reporter', 'github']);
    expect(github.stdout).toMatch(/::error file=[^,]+bank\.md,line=7,col=5,title=link-broken::/);
    const json = JSON.parse((await mlqLinks(['--source', bank, '--allow-private', '--cache', cache, '--reporter', 'json'])).stdout);
    expect(json.diagnostics.map((d: { rule: string; line: number }) => [d.rule, d.line])).toEqual([['link-broken', 7]]);
  });
});
