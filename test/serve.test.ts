// mlq serve, as a maintainer uses it while editing: the real command, a real browser, edits on disk.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { fileFor } from '../src/serve/server.js';
import { launchChromium } from './support/browser.js';
import { MLQ, mlq, mlqEnv } from './support/cli.js';

const bank = (first: string) =>
  ['# Small Bank', '', `#### 1) ${first}`, '', 'Alpha is the first letter. [[src]](https://example.org/a)', '', '#### 2) What is beta?', '', 'Beta is the second. [[src]](https://example.org/b)', ''].join('\n');

let dir: string;
let server: ChildProcess;
let url: string;
let browser: Browser;
const stderr: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mlq-serve-'));
  writeFileSync(path.join(dir, 'bank.md'), bank('What is alpha?'));
  server = spawn(process.execPath, [MLQ, 'serve', '--source', 'bank.md', '--port', '0'], { cwd: dir, env: mlqEnv() });
  server.stderr!.on('data', (chunk) => stderr.push(String(chunk)));
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk) => {
      out += String(chunk);
      const found = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (found) resolve(found[1]!);
    });
    server.once('exit', (code) => reject(new Error(`mlq serve exited with ${code}: ${stderr.join('')}`)));
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
});

/** The page of the site that shows a text (the hub links to every page). */
async function pageWith(text: string): Promise<string> {
  const hub = await (await fetch(url)).text();
  for (const [, href] of hub.matchAll(/href="([^"#]+\.html)"/g)) {
    const page = new URL(href!, url).href;
    if ((await (await fetch(page)).text()).includes(text)) return page;
  }
  throw new Error(`no page shows ${text}`);
}

describe('mlq serve', () => {
  it('serves the site on 127.0.0.1 and nothing else: other interfaces refuse, other host names get 403', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const port = Number(new URL(url).port);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && !address.internal && address.family === 'IPv4')
      .map((address) => address!.address);
    for (const address of others) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = net.connect(port, address);
        socket.once('connect', () => (socket.destroy(), resolve('connected')));
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect([address, outcome]).toEqual([address, 'ECONNREFUSED']);
    }
    const rebinding = await new Promise<number>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n'));
      socket.once('data', (data) => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(String(data))?.[1])));
    });
    expect(rebinding).toBe(403);
    expect(fileFor('/', new Map([['index.html', new Uint8Array()]]))).toBe('index.html');
    expect(fileFor('/a/', new Map([['a/index.html', new Uint8Array()]]))).toBe('a/index.html');
    expect(fileFor('/a', new Map([['a/index.html', new Uint8Array()]]))).toBe('a/index.html');
    expect(fileFor('/%E0%A4%A', new Map())).toBeNull();
  });

  it('shows an edit of the bank in the open page; a broken bank gives the overlay and keeps serving', async () => {
    const page = await browser.newPage();
    await page.goto(await pageWith('What is alpha?'));
    writeFileSync(path.join(dir, 'bank.md'), bank('What is alpha, the first letter?'));
    await page.waitForFunction(() => document.body.textContent!.includes('What is alpha, the first letter?'), null, { timeout: 60_000 });

    // A bank mlq cannot read: the page stays, with the error over it; the server keeps serving.
    writeFileSync(path.join(dir, 'bank.md'), '# Small Bank\n\nNo questions any more.\n');
    const overlay = page.locator('#mlq-overlay');
    // A build may read the file while it is being written (empty): the overlay then says so until the next one.
    await page.waitForFunction(() => /no questions found/.test(document.getElementById('mlq-overlay')?.textContent ?? ''), null, { timeout: 60_000 }).catch(async (error) => {
      throw new Error(`${error.message}\noverlay: ${await overlay.textContent().catch(() => 'none')}\nmlq serve said: ${stderr.join('')}`);
    });
    expect(await overlay.textContent()).toMatch(/the last build failed[\s\S]*bank\.md: no questions found/);
    expect((await fetch(url)).status).toBe(200);
    expect(stderr.join('')).toMatch(/mlq serve: rebuilt with errors:\nbank\.md: no questions found/);

    // Fixed: the page reloads without the overlay.
    writeFileSync(path.join(dir, 'bank.md'), bank('What is alpha again?'));
    await page
      .waitForFunction(() => document.body.textContent!.includes('What is alpha again?') && !document.getElementById('mlq-overlay'), null, { timeout: 60_000 })
      .catch(async (error) => {
        throw new Error(`${error.message}\npage: ${(await page.textContent('body'))?.slice(0, 500)}\nmlq serve said: ${stderr.join('')}`);
      });
    await page.close();
  }, 200_000);

  it('refuses a port that is no port, in one line', () => {
    expect(mlq(['serve', '--port', 'eighty'])).toMatchObject({ code: 2, stderr: 'mlq: --port takes a port number from 0 to 65535 (0: any free one), not "eighty"\n' });
  });
});
