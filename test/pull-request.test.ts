// A pull request's own findings come first: on a list of 300 questions, `check --since BASE --reporter github`
// annotates what the pull request touched (and the errors it causes elsewhere) and counts the rest in the
// job summary. Real git repositories; the real CLI.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bySeverity, countsByRuleAndFile, newErrors, pullRequestView, severitiesOf } from '../src/cli/pull-request.js';
import type { Diagnostic } from '../src/model.js';
import { mlq } from './support/cli.js';

/**
 * 300 numbered questions; every seventh has no source (a no-source info) and every 50th no answer (a
 * no-answer warning): findings the pull request does not touch.
 */
function list(): string[] {
  const lines = ['# Three Hundred Questions', ''];
  for (let n = 1; n <= 300; n++) {
    const source = n % 7 === 0 ? '' : ` [[src](https://example.org/q${n})]`;
    lines.push(`#### ${n}) What does topic number ${n} of the list mean for model number ${n}?${source}`, '');
    if (n % 50 !== 0) lines.push(`It means what answer ${n} says about topic ${n}.`, '');
  }
  return lines;
}

function repository(lines: string[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlq-pull-request-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', ...args], { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  writeFileSync(path.join(dir, 'README.md'), `${lines.join('\n')}\n`);
  git('add', '.');
  git('commit', '-q', '-m', 'the list');
  return { dir, base: git('rev-parse', 'HEAD').trim(), write: (next: string[]) => writeFileSync(path.join(dir, 'README.md'), `${next.join('\n')}\n`) };
}

const annotations = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('::'));
const lineOf = (lines: string[], start: string) => lines.findIndex((l) => l.startsWith(start)) + 1;

function checkPullRequest(dir: string, base: string, extra: string[] = []) {
  const summary = path.join(dir, 'summary.md');
  writeFileSync(summary, '');
  const run = mlq(['check', '--source', 'README.md', '--since', base, '--reporter', 'github', ...extra], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
  return { ...run, summary: readFileSync(summary, 'utf8') };
}

describe('a pull request on a list of 300 questions', () => {
  it('annotates exactly the reworded question and the added insecure link; the summary counts the rest', () => {
    const before = list();
    const { dir, base, write } = repository(before);
    const after = [...before];
    const q12 = lineOf(after, '#### 12) ');
    after[q12 - 1] = '#### 12) What do topic twelve and model twelve of the list mean together? [[src](https://example.org/q12)]';
    after.push('#### 301) What is the newest question of the list? [[src](https://example.org/q301)]', '', 'Read it at http://example.org/new.', '');
    write(after);

    const run = checkPullRequest(dir, base);
    expect(run.code).toBe(0);
    const q301 = lineOf(after, '#### 301) ');
    expect(annotations(run.stdout)).toEqual([
      expect.stringMatching(new RegExp(`^::warning file=README\\.md,line=${q12},col=1,title=id-changed::Question 12 was reworded`)),
      expect.stringMatching(new RegExp(`^::notice file=README\\.md,line=${q301 + 2},col=\\d+,title=insecure-link::Insecure link http://example\\.org/new\\.`)),
    ]);
    // The verdict counts every finding: 42 questions without a source and 6 without an answer, as before.
    expect(run.stdout).toMatch(/301 questions: 0 errors, 7 warnings, 43 infos\n$/);
    expect(run.summary).toContain('Not annotated (on lines this change did not touch): 48 findings.');
    expect(run.summary).toContain('| info | no-source | README\\.md | 42 |');
    expect(run.summary).toContain('| warning | no-answer | README\\.md | 6 |');

    // Everything, on demand; or only the severities asked for.
    expect(annotations(checkPullRequest(dir, base, ['--annotate', 'all']).stdout)).toHaveLength(50);
    expect(annotations(checkPullRequest(dir, base, ['--annotate-severity', 'warning']).stdout)).toEqual([expect.stringMatching(/title=id-changed/)]);
  });

  it('also annotates an error the change causes below its edit (a duplicate number)', () => {
    const before = list();
    const { dir, base, write } = repository(before);
    const after = [...before];
    const q20 = lineOf(after, '#### 20) ');
    after[q20 - 1] = after[q20 - 1]!.replace('#### 20) ', '#### 21) ');
    write(after);

    const run = checkPullRequest(dir, base);
    expect(run.code).toBe(1);
    const found = annotations(run.stdout);
    const q21 = lineOf(after, '#### 21) What does topic number 21');
    expect(found[0]).toMatch(new RegExp(`^::error file=README\\.md,line=${q21},col=1,title=duplicate-number::Question number 21 is used twice \\(first at line ${q20}\\)\\.`));
    // Errors come first; everything else annotated stands on the edited line.
    for (const line of found.slice(1)) expect(line).toMatch(new RegExp(`line=${q20},`));
    expect(run.summary).toMatch(/### ❌ mlq check/);
  });

  it('refuses --annotate changed without --since, and an unknown mode or severity', () => {
    const { dir } = repository(list());
    expect(mlq(['check', '--source', 'README.md', '--reporter', 'github', '--annotate', 'changed'], { cwd: dir })).toMatchObject({ code: 2 });
    expect(mlq(['check', '--source', 'README.md', '--reporter', 'github', '--annotate', 'some'], { cwd: dir }).stdout).toContain('unknown --annotate "some"');
    expect(mlq(['check', '--source', 'README.md', '--reporter', 'github', '--annotate-severity', 'fatal'], { cwd: dir }).stdout).toContain(
      '--annotate-severity takes a list of error, warning, info, not "fatal"',
    );
  });
});

describe('the pull request view, on findings in memory', () => {
  const at = (line: number, severity: Diagnostic['severity'], rule = 'r', message = `m${line}`): Diagnostic => ({ rule, severity, message, hint: '', file: 'a.md', line, column: 1 });

  it('orders errors, warnings, then notices, each in reading order', () => {
    const found = [at(1, 'info'), at(2, 'warning'), at(3, 'error'), at(4, 'warning'), at(5, 'error')];
    expect(bySeverity(found).map((d) => d.line)).toEqual([3, 5, 2, 4, 1]);
  });

  it('counts an error as caused only beyond as many as the base had, whatever line it quotes', () => {
    const before = [at(10, 'error', 'duplicate-number', 'Question number 4 is used twice (first at line 8).')];
    const moved = at(12, 'error', 'duplicate-number', 'Question number 4 is used twice (first at line 10).');
    const extra = at(30, 'error', 'duplicate-number', 'Question number 4 is used twice (first at line 10).');
    expect([...newErrors([moved], before)]).toEqual([]);
    expect([...newErrors([moved, extra], before)]).toEqual([extra]);
    expect([...newErrors([at(3, 'warning')], [])]).toEqual([]);
  });

  it('annotates changed lines and caused errors; the rest is counted per rule and file, errors first', () => {
    const found = [at(1, 'info'), at(2, 'warning'), at(7, 'error', 'e', 'new'), at(9, 'warning'), at(9, 'warning', 's')];
    const view = pullRequestView(found, { mode: 'changed', severities: ['error', 'warning', 'info'], changed: new Map([['a.md', new Set([2])]]), before: [] });
    expect(view.annotated.map((d) => d.line)).toEqual([7, 2]);
    expect(countsByRuleAndFile(view.rest)).toEqual([
      { severity: 'warning', rule: 'r', file: 'a.md', count: 1 },
      { severity: 'warning', rule: 's', file: 'a.md', count: 1 },
      { severity: 'info', rule: 'r', file: 'a.md', count: 1 },
    ]);
    expect(pullRequestView(found, { mode: 'changed', severities: ['error'], changed: new Map([['a.md', 'all']]) }).annotated).toEqual([found[2]]);
  });

  it('reads a list of severities, "notice" as info', () => {
    expect(severitiesOf('error, notice')).toEqual(['error', 'info']);
    expect(severitiesOf('')).toBeNull();
    expect(severitiesOf('error,fatal')).toBeNull();
  });
});
