// Issue 21, item 1: git runs only where mlq says, with nothing of the tree's config. A pull request that adds
// HEAD, config, objects/ and refs/ beside the bank made `git log`/`git status` (run in the bank's folder) take
// that folder for a repository and run its core.fsmonitor command on `mlq build`.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlqBounded, scratch } from './support/bounded.js';

const BANK = '# Bank\n\n#### 1) What is bias?\n\nAn answer.\n\n#### 2) What is variance?\n\nAnother answer.\n\n#### 3) What is a loss?\n\nA third.\n';
/** 2023-11-14T22:13:20Z */
const COMMITTED = 1700000000;

/** The contribution: a bank whose folder also looks like a git repository whose config runs a command. */
function hostileSource(dir: string, marker: string): void {
  mkdirSync(path.join(dir, 'source/objects'), { recursive: true });
  mkdirSync(path.join(dir, 'source/refs'));
  writeFileSync(path.join(dir, 'source/objects/.keep'), '');
  writeFileSync(path.join(dir, 'source/refs/.keep'), '');
  writeFileSync(path.join(dir, 'source/HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(path.join(dir, 'source/config'), `[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = .\n\tfsmonitor = "touch '${marker}'; false"\n`);
  writeFileSync(path.join(dir, 'source/README.md'), BANK);
}

/** git as a test runs it to set a repository up (never through mlq's module). */
const gitIn = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', ...args], {
    cwd: dir,
    env: { ...process.env, GIT_COMMITTER_DATE: `@${COMMITTED} +0000`, GIT_AUTHOR_DATE: `@${COMMITTED} +0000` },
  }).toString();

/** A build with the date taken from git, as a maintainer's or CI's build without SOURCE_DATE_EPOCH. */
const buildDated = (dir: string, { source = 'source/README.md', env = {} }: { source?: string; env?: Record<string, string> } = {}) =>
  mlqBounded(['build', '--source', source, '--formats', 'json', '--out', 'out'], { cwd: dir, env: { SOURCE_DATE_EPOCH: '', ...env }, killAfterMs: 60_000 });

const sourceDate = (dir: string) => (JSON.parse(readFileSync(path.join(dir, 'out/questions.json'), 'utf8')) as { book: { sourceDate: string } }).book.sourceDate;

describe('a bank folder that looks like a repository', () => {
  it('outside any repository: the build runs no command of it, and dates the bank by its file', () => {
    const dir = scratch();
    const marker = path.join(dir, 'PWNED');
    hostileSource(dir, marker);
    const run = buildDated(dir);
    expect(run.code).toBe(0);
    expect(existsSync(marker)).toBe(false);
    expect(run.stderr).not.toContain('mlq: warning');
  });

  it('inside a repository: git is the repository\'s, the date is the last commit, and the contributed config runs nothing', () => {
    const dir = scratch();
    const marker = path.join(dir, 'PWNED');
    hostileSource(dir, marker);
    gitIn(dir, 'init', '-q');
    gitIn(dir, 'add', '.');
    gitIn(dir, 'commit', '-q', '-m', 'the pull request');
    expect(buildDated(dir).code).toBe(0);
    expect(existsSync(marker)).toBe(false);
    expect(sourceDate(dir)).toBe(new Date(COMMITTED * 1000).toISOString());

    // --since and changes read the bank at a ref through the same module.
    for (const args of [['check', '--since', 'HEAD'], ['changes', '--since', 'HEAD'], ['fix', '--check', '--since', 'HEAD']]) {
      const run = mlqBounded([...args, '--source', 'source/README.md'], { cwd: dir, env: { SOURCE_DATE_EPOCH: '' } });
      expect(run.stderr).not.toMatch(/^mlq: /m);
      expect(existsSync(marker)).toBe(false);
    }
  });

  it('the repository\'s own core.fsmonitor runs nothing either, and no GIT_* variable of the environment reaches git', () => {
    const dir = scratch();
    const marker = path.join(dir, 'PWNED');
    writeFileSync(path.join(dir, 'README.md'), BANK);
    gitIn(dir, 'init', '-q');
    gitIn(dir, 'add', '.');
    gitIn(dir, 'commit', '-q', '-m', 'bank');
    gitIn(dir, 'config', 'core.fsmonitor', `touch '${marker}'; false`);
    expect(buildDated(dir, { source: 'README.md' }).code).toBe(0);
    expect(existsSync(marker)).toBe(false);
    // Config given in the environment is not given to git; nor is a GIT_DIR (else git fails: dated by the file).
    const env = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.fsmonitor', GIT_CONFIG_VALUE_0: `touch '${marker}'; false` };
    expect(buildDated(dir, { source: 'README.md', env }).code).toBe(0);
    expect(existsSync(marker)).toBe(false);
    expect(buildDated(dir, { source: 'README.md', env: { GIT_DIR: path.join(dir, 'nowhere') } }).code).toBe(0);
    expect(sourceDate(dir)).toBe(new Date(COMMITTED * 1000).toISOString());
    // Edited since the commit: dated by the file (status saw the change in the repository named).
    writeFileSync(path.join(dir, 'README.md'), `${BANK}\nEdited.\n`);
    expect(buildDated(dir, { source: 'README.md' }).code).toBe(0);
    expect(Date.parse(sourceDate(dir)) / 1000).toBeGreaterThan(COMMITTED);
    expect(existsSync(marker)).toBe(false);
  });

  it('with SOURCE_DATE_EPOCH, no git runs at all', () => {
    const dir = scratch();
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    const called = path.join(dir, 'git-called');
    writeFileSync(path.join(bin, 'git'), `#!/bin/sh\ntouch '${called}'\nexit 1\n`);
    chmodSync(path.join(bin, 'git'), 0o755);
    writeFileSync(path.join(dir, 'README.md'), BANK);
    mkdirSync(path.join(dir, '.git'));
    const env = { PATH: `${bin}:${process.env.PATH}` };
    const reproducible = mlqBounded(['build', '--source', 'README.md', '--formats', 'json', '--out', 'out'], { cwd: dir, env });
    expect(reproducible.code).toBe(0);
    expect(existsSync(called)).toBe(false);
    // The same build without it asks git (the stand-in above): the check above can fail.
    expect(buildDated(dir, { source: 'README.md', env }).code).toBe(0);
    expect(existsSync(called)).toBe(true);
  });
});
