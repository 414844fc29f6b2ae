// The command line on banks of other layouts, and input errors in every reporter.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlq } from './support/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mlq-layouts-'));
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

const TOPICS = `# Deep Learning Questions\n\n### Basics\n\n#### 1) What is a neuron? [[src](https://s.example/1)]\nA unit.\n\n#### 2) What is a layer? [[src](https://s.example/2)]\nUnits.\n\n### Training\n\n#### 1) What is SGD? [[src](https://s.example/3)]\nA method.\n`;

describe('an input error in every reporter', () => {
  const empty = () => file('empty.md', '\n');

  it('json: the documented object with one input-error diagnostic, exit 2', () => {
    const run = mlq(['check', '--source', empty(), '--reporter', 'json']);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout);
    expect(report.diagnostics).toHaveLength(1);
    expect(report.diagnostics[0]).toMatchObject({ rule: 'input-error', severity: 'error', message: 'empty file' });
    expect(report.diagnostics[0].file).toMatch(/empty\.md$/);
    expect(report.summary).toEqual({ errors: 1, warnings: 0, infos: 0, questions: 0 });
    expect(run.stderr).toMatch(/^mlq: .*empty\.md: empty file\n$/);
  });

  it('github: an ::error line with the file, and the line where known, exit 2', () => {
    const run = mlq(['check', '--source', empty(), '--reporter', 'github']);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^::error file=[^,]*empty\.md,title=input-error::empty file$/m);
    const none = mlq(['links', '--source', file('none.md', '# Bank\n\n#### 1 What is bias\nText.\n'), '--reporter=github']);
    expect(none.code).toBe(2);
    expect(none.stdout).toMatch(/^::error file=[^,]*none\.md,line=3,col=1,title=input-error::no questions found: line 3 looks like a question/m);
  });

  it('text: the one line on stderr, as before', () => {
    const run = mlq(['check', '--source', empty()]);
    expect([run.code, run.stdout]).toEqual([2, '']);
  });
});

describe('mlq check --explain', () => {
  it('says which layout, depth and numbering were read, and why', () => {
    const run = mlq(['check', '--source', file('topics.md', TOPICS), '--explain']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/topics\.md: layout headings, questions are #### headings, numbering section; 3 questions in 2 sections, title "Deep Learning Questions"/);
    expect(run.stdout).toMatch(/topic sections: the depth-3 headings followed by questions/);
    expect(run.stdout).toMatch(/numbering: section \(numbers start again at 1 in 1 of 1 later sections\)/);
  });

  it('keeps stdout for the report with --reporter json', () => {
    const run = mlq(['check', '--source', file('topics.md', TOPICS), '--explain', '--reporter', 'json']);
    expect(JSON.parse(run.stdout).summary.questions).toBe(3);
    expect(run.stderr).toMatch(/layout headings/);
  });
});

describe('mlq.yaml sources with a layout', () => {
  it('reads a source as set, and plain file names still work', () => {
    file('topics.md', TOPICS);
    file('other.md', '# Other\n\n#### 1) One? [[src](https://s.example/o)]\nA.\n');
    const config = file('set.yaml', 'sources:\n  - {file: topics.md, layout: headings, numbering: book}\n  - other.md\n');
    const run = mlq(['check', '--config', config, '--explain']);
    expect(run.stdout).toMatch(/numbering: book, set in mlq\.yaml/);
    expect(run.stdout).toMatch(/duplicate-number Question number 1 is used twice/);
    expect(run.stdout).toMatch(/other\.md: layout headings/);
    expect(run.code).toBe(1);
  });

  it('gives a bank with no title heading the title of mlq.yaml', () => {
    file('untitled.md', '## Basics\n\n### 1) One? [[src](https://s.example/u)]\nA.\n\n## More\n\n### 2) Two? [[src](https://s.example/v)]\nB.\n');
    const run = mlq(['check', '--config', file('titled.yaml', 'book:\n  title: My Book\nsources:\n  - untitled.md\n'), '--explain']);
    expect(run.stdout).toMatch(/untitled\.md: layout headings, questions are ### headings, numbering book; 2 questions in 2 sections, title "My Book"/);
  });

  it('refuses an unknown layout at its line', () => {
    const run = mlq(['check', '--config', file('bad.yaml', 'sources:\n  - file: topics.md\n    layout: table\n')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.yaml:3: sources\[0\]\.layout: expected one of headings, list, bold, details\n$/);
  });
});

describe('a large file with no question lines', () => {
  it('is refused after a scan of its lines, naming the lines that looked like questions', () => {
    const text = `# Notes\n\n${'Some prose about models, with a [link](https://x.example) and *emphasis*.\n\n'.repeat(7000)}## 12 - What is bias\n`;
    const run = mlq(['check', '--source', file('large.md', text)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/large\.md:14003: no questions found: line 14003 looks like a question but fits no layout/);
  });
});
