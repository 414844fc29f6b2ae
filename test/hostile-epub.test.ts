// Issue 21, item 14: HTML the parser accepts and XHTML's content models refuse, and a language that is no BCP 47
// tag, each of which made guide.epub fail epubcheck. The real command builds the book; epubcheck judges it.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { mlqBounded, scratch, verdictLine } from './support/bounded.js';

vi.setConfig({ testTimeout: 180_000 });

/** epubcheck's errors and warnings on a book, one line each (none: the book is valid). */
function epubcheck(file: string): string[] {
  let output: string;
  try {
    output = execFileSync('java', ['-Xss64m', '-jar', '/usr/bin/epubcheck', file], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    output = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`;
  }
  expect(output).toMatch(/Messages: 0 fatals \/ \d+ errors/);
  return output.split('\n').filter((line) => /^(?:FATAL|ERROR|WARNING)/.test(line));
}

const xhtmlOf = (epub: string) =>
  Object.entries(unzipSync(readFileSync(epub)))
    .filter(([name]) => name.endsWith('.xhtml'))
    .map(([, bytes]) => strFromU8(bytes))
    .join('\n');

// The cases (a <p> in a <sup>, a <dl> without <dd>, a table in a heading), and their kin.
const MISNESTED = [
  '# B',
  '',
  '#### 1) Why <table><tr><td>cell in a title</td></tr></table> <sup><p>para in a title</p></sup>? [[src](https://s.example)]',
  '- <sup><p>para in sup</p></sup>',
  '',
  '| a |',
  '| - |',
  '| <sup><p>para in a cell</p></sup> |',
  '',
  '<dl><dt>term without dd</dt></dl>',
  '',
  '<dl><dd>dd first</dd><dt>term after</dt></dl>',
  '',
  '<h4>Heading <table><tr><td>cell in a heading</td></tr></table></h4>',
  '',
  '<ul>text in ul<li>item</li></ul>',
  '',
  '<div><li>stray li</li></div>',
  '',
  '<pre><div>div in pre</div></pre>',
  '',
  '<em><blockquote>quote in em</blockquote></em>',
  '',
  '<figure><p>a</p><figcaption>caption in the middle</figcaption><p>b</p></figure>',
  '',
  '<details><p>no summary</p></details>',
  '',
  '<table><caption><table><tr><td>table in caption</td></tr></table></caption><tr><td>x</td></tr></table>',
  '',
  '<dt>stray dt</dt> <summary>stray summary</summary> <rt>stray rt</rt>',
  '',
  '<dl><dt><h2>heading in a term</h2></dt><dd>d</dd></dl>',
  '',
].join('\n');

describe('item 14: guide.epub is valid XHTML whatever HTML a bank holds', () => {
  // One book for both (epubcheck takes seconds to start): a BCP 47 tag in another case is written canonically.
  it('misnested HTML is repaired to its content model, keeping its words, and the language is a tag: epubcheck finds nothing', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'bank.md'), MISNESTED);
    writeFileSync(path.join(dir, 'mlq.yaml'), 'book:\n  title: T\n  language: PT-br\nsources: [bank.md]\n');
    const run = mlqBounded(['build', '--config', 'mlq.yaml', '--formats', 'epub', '--out', 'out'], { cwd: dir, killAfterMs: 60_000 });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(epubcheck(path.join(dir, 'out/guide.epub'))).toEqual([]);
    const xhtml = xhtmlOf(path.join(dir, 'out/guide.epub'));
    for (const words of ['para in a cell', 'para in sup', 'term without dd', 'dd first', 'cell in a heading', 'text in ul', 'stray li', 'div in pre', 'quote in em', 'caption in the middle', 'no summary', 'table in caption', 'stray dt', 'stray summary', 'stray rt', 'heading in a term']) {
      expect(xhtml).toContain(words);
    }
    expect(xhtml).toContain('<li><sup> para in sup </sup></li>');
    expect(xhtml).toContain('<div><div>term without dd</div></div>');
    expect(xhtml).toContain('<ul><li>text in ul</li><li>item</li></ul>');
    expect(xhtml).toContain('xml:lang="pt-BR"');
  });

  it.each([
    ['en us', 'book.language: expected a BCP 47 language tag, such as en, pt-BR or zh-Hant'],
    ['en_US', 'book.language: expected a BCP 47 language tag, such as en, pt-BR or zh-Hant'],
    ['"<x>"', 'book.language: expected a BCP 47 language tag, such as en, pt-BR or zh-Hant'],
    ['""', 'book.language: expected a BCP 47 language tag, such as en, pt-BR or zh-Hant'],
    ['42', 'book.language: expected a BCP 47 language tag, such as en, pt-BR or zh-Hant'],
  ])('book.language %s is refused at its line in mlq.yaml', (language, message) => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'bank.md'), '# B\n\n#### 1) Why? [[src](https://s.example)]\nBecause.\n');
    writeFileSync(path.join(dir, 'mlq.yaml'), `book:\n  title: T\n  language: ${language}\nsources: [bank.md]\n`);
    const run = mlqBounded(['build', '--config', 'mlq.yaml', '--formats', 'epub', '--out', 'out'], { cwd: dir, killAfterMs: 30_000 });
    expect(run.code).toBe(2);
    expect(verdictLine(run)).toBe(`mlq: mlq.yaml:3: ${message}`);
  });
});
