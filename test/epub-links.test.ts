// Links whose URLs carry what RFC 3986 does not allow (GitHub's old math images: `\`, `^`, `{`, `}`), built by
// the real `mlq build`: the EPUB passes epubcheck, the site's pages the Nu HTML Checker, and both link to the
// same escaped address.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mlq } from './support/cli.js';
import { attr, elements, expectValid, unpack, validatorTests } from './support/epub.js';

const require = createRequire(import.meta.url);
const VNU = path.join(path.dirname(require.resolve('vnu-jar')), 'build/dist/vnu.jar');

const CONFIG = `book:
  title: Escaping
  upstream: https://github.com/example/escaping
site:
  url: https://example.github.io/escaping/
sources: [bank.md]
`;

// As alexeygrigorev/data-science-interviews writes formulas: remote images, which every output turns into
// links (GitHub's own math images are read as the TeX they carry: these come from another renderer); and a
// Markdown link, an autolink and a relative link with the same characters.
const BANK = String.raw`# Escaping

#### 1) How do you find the coefficients? [[src](https://example.org/src?q=a^{b})]

The coefficients <img src="https://latex.codecogs.com/svg.latex?\beta"> minimize the error:
<img src="https://latex.codecogs.com/svg.latex?\beta = (X^{T}X)^{-1}X^{T}y">.

See [the formula](https://latex.codecogs.com/gif.latex?\frac{a}{b}^{2}|x|), <https://example.org/a{b}> and [the notes](notes/a^{b}.md).
`;

/** The addresses every output must link to, escaped as RFC 3986 wants. */
const ESCAPED = [
  'https://latex.codecogs.com/svg.latex?%5Cbeta',
  'https://latex.codecogs.com/svg.latex?%5Cbeta%20=%20(X%5E%7BT%7DX)%5E%7B-1%7DX%5E%7BT%7Dy',
  'https://latex.codecogs.com/gif.latex?%5Cfrac%7Ba%7D%7Bb%7D%5E%7B2%7D%7Cx%7C',
  'https://example.org/a%7Bb%7D',
  'https://github.com/example/escaping/blob/HEAD/notes/a%5E%7Bb%7D.md',
  'https://example.org/src?q=a%5E%7Bb%7D',
];

let work = '';

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'mlq-escaping-'));
  await writeFile(path.join(work, 'mlq.yaml'), CONFIG);
  await writeFile(path.join(work, 'bank.md'), BANK);
  const run = mlq(['build', '--config', path.join(work, 'mlq.yaml'), '--out', path.join(work, 'dist'), '--formats', 'epub,site', '--quiet']);
  expect(run.code, run.stderr).toBe(0);
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('links with \\ ^ { } in their URLs', () => {
  it('are escaped in the EPUB', async () => {
    const book = unpack(await readFile(path.join(work, 'dist/guide.epub')));
    const hrefs = book.spine().flatMap((name) => elements(book.doc(name), 'a').map((a) => attr(a, 'href')));
    expect(hrefs).toEqual(expect.arrayContaining(ESCAPED));
  });

  it('are escaped in the site', async () => {
    const site = path.join(work, 'dist/site');
    const pages = (await readdir(site)).filter((name) => name.endsWith('.html'));
    const html = (await Promise.all(pages.map((name) => readFile(path.join(site, name), 'utf8')))).join('\n');
    for (const href of ESCAPED) expect(html).toContain(`href="${href}"`);
  });

  it.runIf(validatorTests)('pass epubcheck with 0 errors and 0 warnings', async () => {
    await expectValid(await readFile(path.join(work, 'dist/guide.epub')), 'escaping.epub');
  }, 180_000);

  it.runIf(validatorTests)('pass the Nu HTML Checker on every page of the site', async () => {
    const site = path.join(work, 'dist/site');
    const pages = (await readdir(site)).filter((name) => name.endsWith('.html')).map((name) => path.join(site, name));
    const run = await promisify(execFile)('java', ['-jar', VNU, '--errors-only', '--format', 'json', ...pages], { maxBuffer: 64 * 1024 * 1024 }).then(
      ({ stderr }) => stderr,
      (error: { stderr: string }) => error.stderr,
    );
    const messages = (JSON.parse(run) as { messages: { type: string; url: string; lastLine?: number; message: string }[] }).messages;
    expect(pages.length).toBeGreaterThan(1);
    expect(messages.map((m) => `${path.basename(m.url)}:${m.lastLine}: ${m.type}: ${m.message}`)).toEqual([]);
  }, 180_000);
});
