// Ids across rewording and `mlq changes`, on real git repositories: the bank is compared with itself at a ref.
// How questions are matched across versions is stated on banks in memory in test/rules-versions.test.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { read, ROOT } from './support/book.js';
import { MLQ, mlq, mlqEnv } from './support/cli.js';

/** A git repository holding a copy of source/ (the bank and its mlq.yaml), committed. */
function repoWithSource(): { dir: string; bank: string; git: (...args: string[]) => string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlq-versions-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', ...args], { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  cpSync(path.join(ROOT, 'source'), path.join(dir, 'source'), { recursive: true });
  git('add', '.');
  git('commit', '-q', '-m', 'the bank');
  return { dir, bank: path.join(dir, 'source/README.md'), git };
}

const Q12 = '#### 12) How would you remove outliers when trying to estimate a flat plane from noisy samples?';
const Q12_REWORDED = '#### 12) How do you remove outliers when you estimate a flat plane from noisy samples?';
const OLD_ID = 'how-would-you-remove-outliers-when-trying-to-estimate-a-2e478e0f';

function edit(file: string, from: string, to: string): void {
  const text = read(file);
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

describe('ids that survive rewording (--since)', () => {
  it('reports id-changed at the reworded heading with the old id; mlq fix --since keeps it in questions.json', () => {
    const { dir, bank } = repoWithSource();
    edit(bank, Q12, Q12_REWORDED);
    const line = read(bank).split('\n').findIndex((l) => l.startsWith(Q12_REWORDED)) + 1;
    expect(line).toBe(92);

    const check = mlq(['check', '--since', 'HEAD'], { cwd: dir });
    expect(check.code).toBe(0);
    const found = check.stdout.split('\n').filter((l) => l.includes(' id-changed '));
    expect(found).toEqual([
      `source/README.md:92:1 warning id-changed Question 12 was reworded since HEAD: its id changes from "${OLD_ID}" to ` +
        `"how-do-you-remove-outliers-when-you-estimate-a-flat-plane-17605cd6", so learners' Anki cards for it start again and links to #${OLD_ID} break. ` +
        `(hint: Keep the old id: add <!-- id: ${OLD_ID} --> to the heading (mlq fix --since HEAD does it).)`,
    ]);
    // Without --since nothing is compared.
    expect(mlq(['check'], { cwd: dir }).stdout).not.toContain('id-changed');

    expect(mlq(['fix', '--since', 'HEAD'], { cwd: dir })).toMatchObject({ code: 0, stdout: 'source/README.md: fixed id-changed\n' });
    expect(read(bank).split('\n')[91]).toMatch(new RegExp(`^${Q12_REWORDED.replace(/[?()]/g, '\\$&')} \\[\\[src\\]\\(.*\\)\\] <!-- id: ${OLD_ID} -->$`));
    expect(mlq(['check', '--since', 'HEAD'], { cwd: dir }).stdout).not.toContain('id-changed');

    expect(mlq(['build', '--formats', 'json'], { cwd: dir }).code).toBe(0);
    const json = JSON.parse(readFileSync(path.join(dir, 'dist/questions.json'), 'utf8'));
    const q12 = json.banks[0].questions.find((q: { number: number }) => q.number === 12);
    expect(q12).toMatchObject({ id: OLD_ID, title: Q12_REWORDED.replace('#### 12) ', '') });
  });

  it('reports a question removed since the ref as an info where it stood', () => {
    const { dir, bank } = repoWithSource();
    const text = read(bank);
    const start = text.indexOf('#### 13) ');
    writeFileSync(bank, text.slice(0, start) + text.slice(text.indexOf('#### 14) ')));
    const check = mlq(['check', '--since', 'HEAD'], { cwd: dir });
    const removed = check.stdout.split('\n').filter((l) => l.includes('question-removed'));
    expect(removed).toEqual([expect.stringMatching(/^source\/README\.md:99:1 info question-removed Question 13 "How does CBIR work\?" \(id how-does-cbir-work\) was removed since HEAD\./)]);
  });

  it('names a ref git does not know in one line, exit 2', () => {
    const { dir } = repoWithSource();
    const run = mlq(['check', '--since', 'no-such-ref'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mlq: --since no-such-ref: git rev-parse failed: .*\n$/);
  });
});

describe('mlq changes --since', () => {
  it('lists a question added and one reworded, by id, number and title; JSON for tools', () => {
    const { dir, bank } = repoWithSource();
    edit(bank, Q12, Q12_REWORDED);
    edit(bank, '\n## Contributions', '\n#### 68) What is <b>dropout</b>, @someone?\nRandomly zeroing units. [[src]](https://example.org/d)\n\n## Contributions');
    const run = mlq(['changes', '--since', 'HEAD'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        '## Question changes since HEAD',
        '',
        '1 added, 0 removed, 1 reworded, 0 with a changed answer.',
        '',
        '### Added',
        '',
        // Shown literally: no HTML, no @mention.
        // source/ holds two banks: each line names its bank.
        '- 68) What is dropout\\, \u200b\\@someone\\? `what-is-dropout-someone` (source\\/README\\.md)',
        '',
        '### Reworded',
        '',
        `- 12) How do you remove outliers when you estimate a flat plane from noisy samples\\? (source\\/README\\.md) (was 12: How would you remove outliers when trying to estimate a flat plane from noisy samples\\?; id \`${OLD_ID}\` becomes \`how-do-you-remove-outliers-when-you-estimate-a-flat-plane-17605cd6\`)`,
        '',
      ].join('\n'),
    );
    const json = JSON.parse(mlq(['changes', '--since', 'HEAD', '--format', 'json'], { cwd: dir }).stdout);
    expect(json.added).toEqual([{ id: 'what-is-dropout-someone', number: 68, written: '68)', title: 'What is dropout, @someone?', file: 'source/README.md', line: expect.any(Number) }]);
    expect(json.reworded).toEqual([expect.objectContaining({ number: 12, previousId: OLD_ID, previousNumber: 12 })]);
    expect(json).toMatchObject({ since: 'HEAD', removed: [], answerChanged: [] });
  });

  it('says which questions were renumbered, writes numbers as the bank does, and on a terminal shows no Markdown escapes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mlq-changes-'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', ...args], { cwd: dir, encoding: 'utf8' });
    const bank = (questions: string[]) => `# Dotted Bank\n\n${questions.map((q, i) => `### ${i + 1}. ${q}\n\nAn answer. [[src]](https://example.org/${i})\n`).join('\n')}`;
    writeFileSync(path.join(dir, 'bank.md'), bank(['What is a tensor?', 'What is a matrix?', 'What is a vector (1-D)?']));
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'v1');
    // The first question goes: the other two move up a number.
    writeFileSync(path.join(dir, 'bank.md'), bank(['What is a matrix?', 'What is a vector (1-D)?']));
    const run = mlq(['changes', '--since', 'HEAD', '--source', 'bank.md'], { cwd: dir });
    expect(run.stdout).toContain('0 added, 1 removed, 0 reworded, 0 with a changed answer, 2 renumbered (their ids, and learners\' Anki cards, are kept).');
    expect(run.stdout).toContain('### Removed\n\n- 1. What is a tensor\\? `what-is-a-tensor`\n');
    expect(run.stdout).toContain('### Renumbered\n\n- 1. What is a matrix\\? (was 2; id `what-is-a-matrix` kept)\n- 2. What is a vector \\(1\\-D\\)\\? (was 3;');
    expect(JSON.parse(mlq(['changes', '--since', 'HEAD', '--source', 'bank.md', '--format', 'json'], { cwd: dir }).stdout).renumbered).toEqual([
      expect.objectContaining({ number: 1, written: '1.', previousNumber: 2 }),
      expect.objectContaining({ number: 2, written: '2.', previousNumber: 3 }),
    ]);
    // On a terminal (util-linux's script(1)): the same lines, without the escapes Markdown needs.
    const command = [process.execPath, MLQ, 'changes', '--since', 'HEAD~0', '--source', 'bank.md'].map((a) => `'${a}'`).join(' ');
    const terminal = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8', env: mlqEnv() }).stdout.replace(/\r\n/g, '\n');
    expect(terminal).toContain('## Question changes since HEAD~0\n');
    expect(terminal).toContain('- 2. What is a vector (1-D)? (was 3; id `what-is-a-vector-1-d` kept)');
  });

  it('says nothing changed when nothing did, and needs --since', () => {
    const { dir } = repoWithSource();
    expect(mlq(['changes', '--since', 'HEAD'], { cwd: dir }).stdout).toBe('## Question changes since HEAD\n\n0 added, 0 removed, 0 reworded, 0 with a changed answer.\n');
    expect(mlq(['changes'], { cwd: dir })).toMatchObject({ code: 2, stderr: 'mlq: mlq changes needs --since GIT-REF (e.g. the previous release tag)\n' });
  });
});
