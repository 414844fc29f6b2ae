// mlq fix: renumbering, heading depths and the title's count written into the bank, nothing else touched.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import fc from 'fast-check';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MlqError } from '../src/errors.js';
import { replaceFile } from '../src/io/replace-file.js';
import { applyFixes, splitLines } from '../src/maintain/edit.js';
import { FIXABLE_RULES, fixesOf, planFixes } from '../src/maintain/fix.js';
import { load } from '../src/pipeline.js';
import { bookOf, CORPUS, read, ROOT, SOURCE } from './support/book.js';
import { mlq } from './support/cli.js';

const temp = () => mkdtempSync(path.join(tmpdir(), 'mlq-fix-'));

/** A copy of a bank in a folder of its own; mlq runs there, so the file is named as given. */
function bankCopy(text: string | Buffer, name = 'bank.md'): { dir: string; file: string } {
  const dir = temp();
  writeFileSync(path.join(dir, name), text);
  return { dir, file: path.join(dir, name) };
}

describe('mlq fix on the verbatim upstream README', () => {
  it('--check exits 1, changes nothing, and prints a diff that renumbers the second 66 to 67', () => {
    const before = readFileSync(CORPUS);
    const run = mlq(['fix', '--check', '--source', CORPUS]);
    expect(run.code).toBe(1);
    expect(readFileSync(CORPUS).equals(before)).toBe(true);
    const file = path.relative(ROOT, CORPUS);
    expect(run.stdout.startsWith(`--- a/${file}\n+++ b/${file}\n@@ -1,4 +1,4 @@\n`)).toBe(true);
    const changes = run.stdout.split('\n').filter((line) => /^[-+](?![-+])/.test(line));
    expect(changes).toEqual([
      '-# 65 Machine Learning Interview Questions 2025',
      '+# 67 Machine Learning Interview Questions 2025',
      expect.stringMatching(/^-### 66\) What is the basic difference between LSTM and Transformers\?/),
      expect.stringMatching(/^\+#### 66\) What is the basic difference between LSTM and Transformers\?/),
      '-### 66) What are RCNNs? [[src]](https://towardsdatascience.com/learn-rcnns-with-this-toy-dataset-be19dce380ec)',
      '+#### 67) What are RCNNs? [[src]](https://towardsdatascience.com/learn-rcnns-with-this-toy-dataset-be19dce380ec)',
    ]);
  });

  it('on a copy, makes mlq check exit 0 and changes only the title and the two 66 headings', () => {
    const { dir, file } = bankCopy(readFileSync(CORPUS), 'README.md');
    expect(mlq(['check', '--source', 'README.md'], { cwd: dir }).code).toBe(1);
    const run = mlq(['fix', '--source', 'README.md'], { cwd: dir });
    expect(run).toMatchObject({ code: 0, stdout: 'README.md: fixed duplicate-number, mixed-heading-depth, title-count\n', stderr: '' });
    const before = read(CORPUS).split('\n');
    const after = read(file).split('\n');
    expect(after).toHaveLength(before.length);
    expect(after.flatMap((line, i) => (line === before[i] ? [] : [i + 1]))).toEqual([1, 416, 419]);
    // Exactly the three fixes the maintainers of source/ made by hand.
    expect(read(file)).toBe(read(SOURCE));
    const check = mlq(['check', '--source', 'README.md'], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/67 questions: 0 errors, 2 warnings, 21 infos\n$/);
    // Fixed once, nothing is left to fix; no temporary file stays behind.
    expect(mlq(['fix', '--check', '--source', 'README.md'], { cwd: dir })).toMatchObject({ code: 0, stdout: '' });
    expect(mlq(['fix', '--source', 'README.md'], { cwd: dir }).stdout).toBe('mlq: nothing to fix\n');
    expect(readdirSync(dir)).toEqual(['README.md']);
  });
});

describe('mlq fix keeps everything it does not fix, byte for byte', () => {
  it('keeps a byte-order mark, CRLF line endings, trailing spaces and the rest of each heading', () => {
    const lines = [
      '# 5 Questions  ',
      '',
      '#### <a name="q1"></a>1) First? [[src](https://s.example/1)]   ',
      'Answer one.\t',
      '',
      '#### 3) Second? <!-- note -->',
      'Answer two.',
      '',
      '#### 3) Third? ####  ',
      'Answer three.',
      '',
    ];
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'))]);
    const { dir, file } = bankCopy(bytes);
    expect(mlq(['fix', '--source', 'bank.md'], { cwd: dir }).code).toBe(0);
    const expected = [...lines];
    expected[0] = '# 3 Questions  ';
    expected[5] = '#### 2) Second? <!-- note -->';
    expected[8] = '#### 3) Third? ####  ';
    expect(readFileSync(file).equals(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(expected.join('\r\n'))]))).toBe(true);
  });

  it('renumbers in reading order, the first question 1, gaps closed and order restored', () => {
    const { dir, file } = bankCopy('# Bank\n\n#### 3) A?\nX.\n\n#### 7) B?\nY.\n\n#### 5) C?\nZ.\n');
    expect(mlq(['fix', '--source', 'bank.md'], { cwd: dir }).stdout).toBe('bank.md: fixed numbering-gap, numbering-order, numbering-start\n');
    expect(read(file)).toBe('# Bank\n\n#### 1) A?\nX.\n\n#### 2) B?\nY.\n\n#### 3) C?\nZ.\n');
  });

  it('renumbers per section where the bank numbers each section from 1', () => {
    const text = '# Bank\n\n## Maths\n\n#### 1) A?\nX.\n\n#### 3) B?\nY.\n\n## Code\n\n#### 1) C?\nZ.\n\n#### 1) D?\nW.\n';
    const fixes = fixesOf(bookOf(text)).map(({ fix }) => (fix.kind === 'number' ? [fix.question.title, fix.number] : fix.kind));
    expect(fixes).toEqual([
      ['B?', 2],
      ['D?', 2],
    ]);
  });

  it('renumbers a number with levels in its last level, under its upper level, and keeps the levels', () => {
    const { dir, file } = bankCopy('# Bank\n\n### 1.1.1 A?\nX.\n\n### 1.2.1 B?\nY.\n\n### 1.2.3 C?\nZ.\n');
    expect(mlq(['fix', '--source', 'bank.md'], { cwd: dir }).stdout).toBe('bank.md: fixed numbering-gap\n');
    expect(read(file)).toBe('# Bank\n\n### 1.1.1 A?\nX.\n\n### 1.2.1 B?\nY.\n\n### 1.2.2 C?\nZ.\n');
  });

  it('leaves rules turned off in mlq.yaml alone', () => {
    const { dir, file } = bankCopy('# 9 Questions\n\n#### 1) A?\nX.\n');
    writeFileSync(path.join(dir, 'mlq.yaml'), 'rules:\n  title-count: off\nsources: [bank.md]\n');
    expect(mlq(['fix'], { cwd: dir }).stdout).toBe('mlq: nothing to fix\n');
    expect(read(file)).toBe('# 9 Questions\n\n#### 1) A?\nX.\n');
  });
});

describe('the diff of mlq fix --check', () => {
  /** What diff(1) says between the bank and its fixed copy, without its two header lines. */
  function diffU(before: Buffer, after: Buffer): string {
    const dir = temp();
    writeFileSync(path.join(dir, 'a'), before);
    writeFileSync(path.join(dir, 'b'), after);
    const run = spawnSync('diff', ['-u', 'a', 'b'], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(1);
    return run.stdout.split('\n').slice(2).join('\n');
  }

  it.each([
    ['the upstream README', readFileSync(CORPUS)],
    ['changes near both ends, CRLF, no final newline', Buffer.from('# 9 Questions\r\n#### 2) A?\r\nX.\r\n\r\n'.repeat(1) + 'Text.\r\n'.repeat(8) + '### 7) B?\r\nY.\r\n#### 4) C?')],
  ])('is what diff -u says, hunk for hunk: %s', async (_name, bytes) => {
    const { dir } = bankCopy(bytes);
    const run = mlq(['fix', '--check', '--source', 'bank.md'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout.startsWith('--- a/bank.md\n+++ b/bank.md\n')).toBe(true);
    mlq(['fix', '--source', 'bank.md'], { cwd: dir });
    expect(run.stdout.split('\n').slice(2).join('\n')).toBe(diffU(bytes, readFileSync(path.join(dir, 'bank.md'))));
  });
});

describe('applyFixes', () => {
  const [q1] = bookOf('#### 1) A? ###  \nX.\n').banks[0]!.questions;

  it('puts an id comment before a closing sequence and trailing spaces, or replaces the one there', () => {
    expect(applyFixes('#### 1) A? ###  \nX.\n', [{ kind: 'id', question: q1!, id: 'old-a' }]).text).toBe('#### 1) A? <!-- id: old-a --> ###  \nX.\n');
    const [q] = bookOf('#### 1) A? <!-- id: new -->\nX.\n').banks[0]!.questions;
    expect(applyFixes('#### 1) A? <!-- id: new -->\nX.\n', [{ kind: 'id', question: q!, id: 'old' }]).text).toBe('#### 1) A? <!-- id: old -->\nX.\n');
  });

  it('refuses, with the reason, a fix it cannot place, and leaves the text as it was', () => {
    const edited = applyFixes('Not the heading any more\nX.\n', [{ kind: 'number', question: q1!, number: 2 }]);
    expect(edited).toEqual({ text: 'Not the heading any more\nX.\n', skipped: [{ fix: expect.anything(), line: 1, reason: 'cannot find the number 1 in this heading' }] });
  });
});

describe('writing a fixed bank', () => {
  it('refuses to fix a bank whose file no longer holds the text the model was read from', async () => {
    const { dir } = bankCopy('# 3 Questions\n\n#### 1) A?\nX.\n');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const loaded = await load({ sources: ['bank.md'] });
      writeFileSync('bank.md', '# 3 Questions\n\n#### 1) A?\nEdited meanwhile.\n');
      await expect(planFixes(loaded)).rejects.toThrow('bank.md: changed while mlq was working; not written (run mlq fix again)');
    } finally {
      process.chdir(cwd);
    }
  });

  it('refuses a file that changed while mlq was working, and leaves no temporary file', async () => {
    const { dir, file } = bankCopy('edited meanwhile\n');
    const write = replaceFile(file, Buffer.from('as read\n'), Buffer.from('fixed\n'));
    await expect(write).rejects.toThrow(MlqError);
    await expect(write).rejects.toThrow(/changed while mlq was working; not written/);
    expect(read(file)).toBe('edited meanwhile\n');
    expect(readdirSync(dir)).toEqual(['bank.md']);
  });

  it('replaces the file with a rename, keeping its mode', async () => {
    const { dir, file } = bankCopy('as read\n');
    chmodSync(file, 0o640);
    const inode = statSync(file).ino;
    await replaceFile(file, Buffer.from('as read\n'), Buffer.from('fixed\n'));
    expect(read(file)).toBe('fixed\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(statSync(file).ino).not.toBe(inode);
    expect(readdirSync(dir)).toEqual(['bank.md']);
  });
});

describe('documentation', () => {
  it('mlq --help and the README name the rules mlq fix can fix', () => {
    expect(FIXABLE_RULES).toEqual(['duplicate-number', 'numbering-gap', 'numbering-order', 'numbering-start', 'mixed-heading-depth', 'title-count', 'id-changed']);
    const help = mlq(['--help']).stdout;
    for (const id of FIXABLE_RULES) expect(help).toMatch(new RegExp(`^  ${id} +\\w+ +fix `, 'm'));
    const readme = read(path.join(ROOT, 'README.md'));
    const listed = /`mlq fix` fixes: (.*)\./.exec(readme)?.[1];
    expect(listed?.split(', ')).toEqual(FIXABLE_RULES.map((id) => `\`${id}\``));
  });
});

describe('mlq fix on arbitrary banks', () => {
  // Banks with every numbering and depth defect, odd heading forms, line endings and a claimed count.
  // One depth per bank: a `###` among `####` questions is a topic heading to the reader, not a question.
  const heading = fc.record({
    indent: fc.constantFrom('', ' ', '   '),
    number: fc.integer({ min: 0, max: 120 }),
    mark: fc.constantFrom(')', '.'),
    anchor: fc.constantFrom('', '<a name="q1"></a>', '<a id="x7"></a> '),
    title: fc.constantFrom('What is 12?', 'Why ### not?', 'Q7: how', 'Explain [the](https://x.example) 3 laws', 'Is it λ-calculus?'),
    tail: fc.constantFrom('', ' ', ' ###', ' [[src](https://s.example)]  ', '\t'),
    body: fc.constantFrom('An answer.', '', '```\n#### 9) in code\n```', '- a list\n- of 2 items'),
  });
  const bank = fc.record({
    count: fc.integer({ min: 0, max: 30 }),
    section: fc.boolean(),
    marks: fc.constantFrom('###', '####'),
    questions: fc.array(heading, { minLength: 1, maxLength: 25 }),
    eol: fc.constantFrom('\n', '\r\n'),
  });
  type BankShape = typeof bank extends fc.Arbitrary<infer T> ? T : never;
  const textOf = (b: BankShape) =>
    [`# ${b.count} Interview Questions`, '', ...(b.section ? ['## Part', ''] : []), ...b.questions.flatMap((q) => [`${q.indent}${b.marks} ${q.anchor}${q.number}${q.mark} ${q.title}${q.tail}`, q.body, ''])].join(b.eol);

  it('leaves nothing to fix after one pass, keeps every other line, and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(bank, async (b) => {
        const text = textOf(b);
        let book: ReturnType<typeof bookOf>;
        try {
          book = bookOf(text);
        } catch (error) {
          // A bank the reader refuses as a whole (one clear input error) has nothing to fix.
          if (error instanceof MlqError) return;
          throw error;
        }
        const fixed = applyFixes(text, fixesOf(book).map(({ fix }) => fix));
        expect(fixed.skipped).toEqual([]);
        expect(fixesOf(bookOf(fixed.text))).toEqual([]);
        const before = splitLines(text);
        const after = splitLines(fixed.text);
        expect(after).toHaveLength(before.length);
        const headingLines = new Set([book.banks[0]!.titleLine, ...book.banks[0]!.questions.map((q) => q.line)]);
        before.forEach((line, i) => {
          if (!headingLines.has(i + 1)) expect(after[i]).toBe(line);
        });
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });
});
