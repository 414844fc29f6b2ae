// mlq init in a copy of the upstream repository's layout: README.md and NLP/README.md, no mlq.yaml.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { CORPUS, read, ROOT } from './support/book.js';
import { mlq } from './support/cli.js';

const NLP = path.join(ROOT, 'test/fixtures/upstream-NLP-README.md');

function upstreamLayout(remote?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlq-init-'));
  copyFileSync(CORPUS, path.join(dir, 'README.md'));
  mkdirSync(path.join(dir, 'NLP'));
  copyFileSync(NLP, path.join(dir, 'NLP/README.md'));
  // Markdown that is not a bank: left out.
  writeFileSync(path.join(dir, 'CONTRIBUTING.md'), '# Contributing\n\n### 1. Fork\n\n### 2. Send a pull request\n');
  execFileSync('git', ['init', '-q'], { cwd: dir });
  if (remote) execFileSync('git', ['remote', 'add', 'origin', remote], { cwd: dir });
  return dir;
}

describe('mlq init', () => {
  it('finds both banks, says what it read, writes a commented mlq.yaml that mlq build --allow-errors uses', () => {
    const dir = upstreamLayout('https://user:secret@github.com/andrewekhalel/MLQuestions.git');
    // Before: mlq reads only README.md.
    expect(mlq(['check', '--reporter', 'json'], { cwd: dir }).stdout).toContain('"questions": 67');

    const run = mlq(['init'], { cwd: dir });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    // What was read in each bank, as mlq check --explain says it.
    const lines = run.stdout.split('\n');
    expect(lines.filter((line) => !line.startsWith('  '))).toEqual([
      'README.md: layout headings, questions are #### headings, numbering book; 67 questions in 1 section, title "65 Machine Learning Interview Questions 2025"',
      'NLP/README.md: layout headings, questions are ### headings, numbering book; 13 questions in 0 sections, title "13 NLP Interview Questions 2025"',
      'wrote mlq.yaml with 2 banks: edit it, then run mlq build',
      '',
    ]);
    expect(lines).toContain('  detected: 13 headings at depth 3 numbered like "12."');
    const text = read(path.join(dir, 'mlq.yaml'));
    expect(text).toMatch(/^# mlq configuration, written by `mlq init`/);
    expect(text).not.toContain('secret');
    const config = parseConfig(text, path.join(dir, 'mlq.yaml'));
    expect(config.sources).toEqual(['README.md', 'NLP/README.md']);
    // How each bank was read, proposed for mlq.yaml where detection cannot know: commented, so detection stays.
    expect(text).toContain('  - file: "NLP/README.md" # 13 questions\n    # layout: headings\n    # depth: 3\n    # numbering: book\n');
    const proposed = text.replace(/^ {4}# (layout|depth|numbering):/gm, '    $1:');
    expect(parseConfig(proposed, path.join(dir, 'mlq.yaml')).sourceOptions['NLP/README.md']).toEqual({ layout: 'headings', depth: 3, numbering: 'book' });
    expect(config.book).toMatchObject({
      title: 'Machine Learning Interview Questions 2025',
      upstream: 'https://github.com/andrewekhalel/MLQuestions',
      authors: ['andrewekhalel and contributors'],
      description: 'A collection of technical interview questions for machine learning and computer vision engineering positions.',
    });
    expect(config.output.dir).toBe('dist');

    const build = mlq(['build', '--allow-errors'], { cwd: dir });
    expect(build.code).toBe(0);
    expect(build.stdout).toContain('dist/guide.epub');
    const json = JSON.parse(readFileSync(path.join(dir, 'dist/questions.json'), 'utf8'));
    expect(json.banks.map((b: { questions: unknown[] }) => b.questions.length)).toEqual([67, 13]);
    expect(json.book.title).toBe('Machine Learning Interview Questions 2025');
  });

  it('refuses to overwrite an existing mlq.yaml, and says so when no file holds questions', () => {
    const dir = upstreamLayout('git@github.com:andrewekhalel/MLQuestions.git');
    expect(mlq(['init'], { cwd: dir }).code).toBe(0);
    expect(read(path.join(dir, 'mlq.yaml'))).toContain('upstream: "https://github.com/andrewekhalel/MLQuestions"');
    writeFileSync(path.join(dir, 'mlq.yaml'), '# mine\n');
    expect(mlq(['init'], { cwd: dir })).toMatchObject({ code: 2, stderr: 'mlq: mlq.yaml already exists: mlq init does not overwrite a configuration\n' });
    expect(read(path.join(dir, 'mlq.yaml'))).toBe('# mine\n');

    const empty = mkdtempSync(path.join(tmpdir(), 'mlq-init-'));
    writeFileSync(path.join(empty, 'notes.md'), '# Notes\n\nNo questions here.\n');
    expect(mlq(['init'], { cwd: empty })).toMatchObject({ code: 2, stderr: 'mlq: no Markdown file in . holds questions (expected headings such as "#### 1) What is ...?")\n' });
    expect(existsSync(path.join(empty, 'mlq.yaml'))).toBe(false);
  });

  it("in a repository lists only the real banks: never node_modules (untracked, no .gitignore), an ignored folder, another tool's folder or a file git ignores though tracked", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mlq-init-'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    for (const folder of ['topics', 'node_modules/some-package', 'build', '.github', 'vendor/lib', 'old']) mkdirSync(path.join(dir, folder), { recursive: true });
    copyFileSync(NLP, path.join(dir, 'topics/nlp.md'));
    copyFileSync(CORPUS, path.join(dir, 'topics/ml.md'));
    // What `npm install` leaves in a list's repository with no .gitignore: package READMEs, untracked.
    copyFileSync(NLP, path.join(dir, 'node_modules/some-package/README.md'));
    copyFileSync(NLP, path.join(dir, 'build/nlp.md'));
    copyFileSync(NLP, path.join(dir, '.github/nlp.md'));
    copyFileSync(NLP, path.join(dir, 'vendor/lib/nlp.md'));
    copyFileSync(NLP, path.join(dir, 'old/nlp.md'));
    writeFileSync(path.join(dir, '.git/info/exclude'), 'build/\nold/\n');
    git('add', '-f', 'old/nlp.md', 'topics');
    git('commit', '-q', '-m', 'banks');

    const run = mlq(['init'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(parseConfig(read(path.join(dir, 'mlq.yaml')), 'mlq.yaml').sources).toEqual(['topics/ml.md', 'topics/nlp.md']);
    expect(run.stdout).toContain('wrote mlq.yaml with 2 banks');
    // No remote: init says so and what to write; the banks' titles differ and there is no README bank, so the
    // book takes the repository's name.
    expect(run.stderr).toBe('mlq: note: this repository has no git remote "origin"; set book.upstream in mlq.yaml to the list\'s web address (e.g. https://github.com/OWNER/REPO)\n');
    const text = read(path.join(dir, 'mlq.yaml'));
    expect(text).toContain('# No git remote "origin" was found');
    expect(parseConfig(text, 'mlq.yaml').book.title).toBe(path.basename(dir).replace(/[-_]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()));
  });

  it('outside a git repository, searches the folder tree without following links or entering build folders', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mlq-init-'));
    const outside = mkdtempSync(path.join(tmpdir(), 'mlq-outside-'));
    copyFileSync(NLP, path.join(outside, 'bank.md'));
    mkdirSync(path.join(dir, 'banks'));
    mkdirSync(path.join(dir, 'node_modules'));
    copyFileSync(NLP, path.join(dir, 'banks/nlp.md'));
    copyFileSync(NLP, path.join(dir, 'node_modules/other.md'));
    symlinkSync(path.join(outside, 'bank.md'), path.join(dir, 'linked.md'));
    const run = mlq(['init'], { cwd: dir });
    expect(run.stdout.split('\n')[0]).toMatch(/^banks\/nlp\.md: layout headings, questions are ### headings, numbering book; 13 questions/);
    expect(parseConfig(read(path.join(dir, 'mlq.yaml')), 'mlq.yaml').sources).toEqual(['banks/nlp.md']);
  });
});
