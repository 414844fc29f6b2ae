// Issue 21, items 5 and 10: the regular expressions of mlq.yaml. site.sponsored patterns were checked as RE2
// but run as JavaScript RegExps ("^(a+)+$" on a 30-letter host: a minute; the default patterns quadratic on
// one long host; "(?i)" passed the check, then exit 3), and links.skip had no bound on patterns x URL length
// (2,000 patterns x 15 long URLs: over 250 s before any request). Bounded: killed past a generous time.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlqBounded, scratch, verdictLine } from './support/bounded.js';

/** A bank whose questions cite `urls`, one each. */
const bankCiting = (urls: string[]) => ['# B', '', ...urls.flatMap((url, i) => [`#### ${i + 1}) Question ${i + 1}? [[src](${url})]`, 'An answer.', ''])].join('\n');

function project(config: string, bank: string): string {
  const dir = scratch();
  writeFileSync(path.join(dir, 'mlq.yaml'), `${config}sources: [bank.md]\n`);
  writeFileSync(path.join(dir, 'bank.md'), bank);
  return dir;
}

const buildSite = (dir: string) => mlqBounded(['build', '--config', 'mlq.yaml', '--formats', 'site', '--out', 'out'], { cwd: dir, killAfterMs: 60_000, heapMb: 2048 });

/** The rel of each external link of the site's pages with this href. */
function relsOf(dir: string, href: string): string[] {
  const pages = readdirSync(path.join(dir, 'out/site')).filter((name) => name.endsWith('.html'));
  const attributes = pages.flatMap((page) => [...readFileSync(path.join(dir, 'out/site', page), 'utf8').matchAll(/<a ([^>]*)>/g)].map((m) => m[1]!));
  return attributes.filter((a) => a.includes(`href="${href}"`)).map((a) => /rel="([^"]*)"/.exec(a)?.[1] ?? '');
}

describe('site.sponsored runs on RE2', () => {
  it('"^(a+)+$" on a 30-letter host: built, the host not sponsored', () => {
    const url = `https://${'a'.repeat(30)}b.example/x`;
    const dir = project('site:\n  sponsored: ["^(a+)+$"]\n', bankCiting([url, 'https://amzn.to/x', 'https://example.org/']));
    const run = buildSite(dir);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(relsOf(dir, url)).toEqual(['']);
  });

  it('the default patterns on one long host cited 40 times (a 111 KB bank): built', () => {
    const host = `${'amazon.'.repeat(15_700)}x1`;
    const bank = `${['# B', '', ...Array.from({ length: 40 }, (_, i) => `#### ${i + 1}) Q${i + 1}? [[src]][r]\nA.\n`)].join('\n')}\n[r]: https://${host}/p\n`;
    expect(bank.length).toBeGreaterThan(110_000);
    const dir = project('', bank);
    writeFileSync(path.join(dir, 'mlq.yaml'), 'sources: [bank.md]\n');
    const run = buildSite(dir);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(relsOf(dir, `https://${host}/p`).length).toBeGreaterThan(0);
  });

  it('"(?i)" is RE2 syntax, and works', () => {
    const dir = project('site:\n  sponsored: ["(?i)^AMZN\\\\.TO$"]\n', bankCiting(['https://amzn.to/x', 'https://example.org/']));
    const run = buildSite(dir);
    expect(run.stderr).not.toContain('internal error');
    expect(run.code).toBe(0);
    expect(relsOf(dir, 'https://amzn.to/x')).toEqual(['sponsored nofollow']);
    expect(relsOf(dir, 'https://example.org/')).toEqual(['']);
  });

  it('more patterns x hosts than the budget: refused at the list\'s line of mlq.yaml, exit 2', () => {
    const patterns = Array.from({ length: 2000 }, (_, i) => `  - "^partner${i}[a-z]*\\\\.example$"`).join('\n');
    const hosts = Array.from({ length: 15 }, (_, i) => `https://h${i}${'a'.repeat(60_000)}.example/`);
    const dir = project(`book:\n  title: T\nsite:\n  sponsored:\n${patterns}\n`, bankCiting(hosts));
    const run = buildSite(dir);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(2);
    expect(verdictLine(run)).toMatch(/^mlq: mlq\.yaml:5: site\.sponsored: 2,000 patterns \([\d,]+ RE2 instructions\) x [\d,]+ characters to match exceed patternWork \(100,000,000\): use fewer or simpler patterns$/);
  });
});

describe('links.skip is bounded', () => {
  it('2,000 patterns x 15 long URLs: refused at the line of mlq.yaml before any request, exit 2', () => {
    const patterns = Array.from({ length: 2000 }, (_, i) => `    - "^https://skip${i}[a-z]*\\\\.example/"`).join('\n');
    // Loopback: were anything requested, it would be refused as private, never sent.
    const urls = Array.from({ length: 15 }, (_, i) => `http://127.0.0.1:9/${i}${'a'.repeat(60_000)}`);
    const dir = project(`links:\n  skip:\n${patterns}\n`, bankCiting(urls));
    expect(readFileSync(path.join(dir, 'mlq.yaml')).length).toBeGreaterThan(60_000);
    const run = mlqBounded(['links', '--config', 'mlq.yaml', '--no-cache'], { cwd: dir, killAfterMs: 60_000, heapMb: 2048 });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(2);
    expect(verdictLine(run)).toMatch(/^mlq: mlq\.yaml:3: links\.skip: 2,000 patterns \([\d,]+ RE2 instructions\) x 60,0\d\d characters to match exceed patternWork \(100,000,000\): use fewer or simpler patterns$/);
  });

  it('a few patterns on the same URLs: checked, the matching one skipped', () => {
    const urls = Array.from({ length: 15 }, (_, i) => `http://127.0.0.1:9/${i}${'a'.repeat(60_000)}`);
    const dir = project('links:\n  skip: ["^http://127\\\\.0\\\\.0\\\\.1:9/3a"]\n', bankCiting(urls));
    const run = mlqBounded(['links', '--config', 'mlq.yaml', '--no-cache', '--reporter', 'json'], { cwd: dir, killAfterMs: 60_000 });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { diagnostics: { rule: string; line: number }[] };
    expect(report.diagnostics.filter((d) => d.rule === 'link-private').map((d) => d.line)).toEqual([3, 6, 9, 15, 18, 21, 24, 27, 30, 33, 36, 39, 42, 45]);
  });
});
