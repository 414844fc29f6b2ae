// Reading a built EPUB as its checkers and readers do: epubcheck's verdict, Ace by DAISY's, and the files
// unzipped and parsed with a real HTML parser.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { expect } from 'vitest';
import { CHROMIUM } from './browser.js';

export type Node = DefaultTreeAdapterMap['node'];
export type Element = DefaultTreeAdapterMap['element'];

const require = createRequire(import.meta.url);

const EPUBCHECK = '/usr/bin/epubcheck';
const javaRuns = (() => {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
/** Without epubcheck the validator tests are skipped locally, but run (and fail) in CI. */
export const validatorTests = (existsSync(EPUBCHECK) && javaRuns) || Boolean(process.env.CI);
/** Ace drives Debian's Chromium: without it the Ace tests are skipped locally, but run (and fail) in CI. */
export const aceTests = existsSync(CHROMIUM) || Boolean(process.env.CI);

async function withTemporaryFolder<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mlq-epubcheck-'));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface Check {
  counts: { fatal: number; errors: number; warnings: number };
  messages: string[];
}

/**
 * Runs epubcheck and reads its JSON report (a failed check exits non-zero but still writes it).
 * epubcheck 4.2.6 can die of a StackOverflowError on large books and still report 0 errors
 * (w3c/epubcheck#1358): a crash fails the check, and a larger thread stack avoids the crash.
 */
export function epubcheck(bytes: Uint8Array, name: string): Promise<Check> {
  return withTemporaryFolder(async (dir) => {
    const file = path.join(dir, name);
    const report = path.join(dir, `${name}.json`);
    await writeFile(file, bytes);
    const output = await promisify(execFile)('java', ['-Xss64m', '-jar', EPUBCHECK, file, '--json', report]).then(
      ({ stdout, stderr }) => stdout + stderr,
      (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
    );
    const crash = /java\.lang\.\w+(?:Error|Exception)/.exec(output);
    if (crash) throw new Error(`epubcheck crashed: ${crash[0]}`);
    const json = JSON.parse(await readFile(report, 'utf8')) as {
      checker: { nFatal: number; nError: number; nWarning: number };
      messages: { ID: string; severity: string; message: string; locations: { path: string; line: number }[] }[];
    };
    return {
      counts: { fatal: json.checker.nFatal, errors: json.checker.nError, warnings: json.checker.nWarning },
      messages: json.messages.map((m) => `${m.severity} ${m.ID} ${m.message} @ ${m.locations.map((l) => `${l.path}:${l.line}`).join(', ')}`),
    };
  });
}

/** epubcheck finds nothing at all in the book: no fatal error, error or warning. */
export async function expectValid(bytes: Uint8Array, name: string): Promise<void> {
  const check = await epubcheck(bytes, name);
  expect(check.messages).toEqual([]);
  expect(check.counts).toEqual({ fatal: 0, errors: 0, warnings: 0 });
}

const ACE = path.join(path.dirname(require.resolve('@daisy/ace-cli/package.json')), 'bin/ace.js');

/**
 * Ace by DAISY's violations of a book ("file: rule (impact): description"), from its JSON report. Its
 * Puppeteer runs Debian's Chromium: PUPPETEER_EXECUTABLE_PATH names it (and .ci/run's npm ci set
 * PUPPETEER_SKIP_DOWNLOAD, so no browser was ever downloaded).
 */
export function aceViolations(bytes: Uint8Array, name: string): Promise<string[]> {
  return withTemporaryFolder(async (dir) => {
    const file = path.join(dir, name);
    const out = path.join(dir, 'ace');
    await writeFile(file, bytes);
    const env = { ...process.env, PUPPETEER_EXECUTABLE_PATH: CHROMIUM, PUPPETEER_SKIP_DOWNLOAD: '1' };
    await promisify(execFile)(process.execPath, [ACE, '--silent', '--outdir', out, file], { env, maxBuffer: 64 * 1024 * 1024 });
    interface Assertion {
      'earl:test'?: { 'dct:title': string; 'earl:impact': string };
      'earl:result'?: { 'earl:outcome': string; 'dct:description'?: string };
      'earl:testSubject'?: { url: string };
      assertions?: Assertion[];
    }
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as Assertion;
    const violations: string[] = [];
    for (const subject of report.assertions ?? []) {
      for (const check of subject.assertions ?? []) {
        if (check['earl:result']?.['earl:outcome'] !== 'fail') continue;
        violations.push(`${subject['earl:testSubject']?.url}: ${check['earl:test']?.['dct:title']} (${check['earl:test']?.['earl:impact']}): ${check['earl:result']['dct:description'] ?? ''}`);
      }
    }
    return violations;
  });
}

export function elements(node: Node, tagName?: string): Element[] {
  const found: Element[] = [];
  const walk = (n: Node) => {
    if ('tagName' in n && (tagName === undefined || n.tagName === tagName)) found.push(n);
    if ('childNodes' in n) n.childNodes.forEach(walk);
    if ('content' in n && n.content) walk(n.content);
  };
  walk(node);
  return found;
}

export function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

export const attr = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value;
export const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

export interface Unpacked {
  names: string[];
  files: Record<string, Uint8Array>;
  doc(name: string): DefaultTreeAdapterMap['document'];
  /** The XHTML files in reading order, from the package document's spine. */
  spine(): string[];
}

export function unpack(bytes: Uint8Array): Unpacked {
  const files = unzipSync(bytes);
  const doc = (name: string) => parse(strFromU8(files[name]!));
  const opf = doc('OEBPS/content.opf');
  const hrefs = new Map(elements(opf, 'item').map((item) => [attr(item, 'id'), attr(item, 'href')]));
  return {
    names: Object.keys(files),
    files,
    doc,
    spine: () => elements(opf, 'itemref').map((ref) => `OEBPS/${hrefs.get(attr(ref, 'idref'))}`),
  };
}

const HEADING = /^h([1-6])$/;

/**
 * Where the book's headings skip a level, read in reading order (the spine): the first is an h1, each
 * goes at most one level below the one before it, and each page's first is an h1 or an h2 (a page of a
 * part's chapter continues that part). [] when none does.
 */
export function headingSkips(book: Unpacked): string[] {
  const skips: string[] = [];
  let previous = 0;
  for (const name of book.spine()) {
    const headings = elements(book.doc(name)).filter((e) => HEADING.test(e.tagName));
    headings.forEach((heading, i) => {
      const level = Number(HEADING.exec(heading.tagName)![1]);
      const most = i === 0 ? Math.min(2, previous + 1) : previous + 1;
      if (level > Math.max(1, most)) skips.push(`${name}: h${level} "${squash(textOf(heading))}" after h${previous}`);
      previous = level;
    });
  }
  return skips;
}
