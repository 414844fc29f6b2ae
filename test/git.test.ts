// src/io/git.ts, the one module that runs git: which repository it finds, how it runs git, what git gets of
// the environment. The reproductions of issue 21's item 1 are in hostile-git.test.ts.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, GitFailed, gitEnvironment, repositoryOf } from '../src/io/git.js';
import { sourceDateOf } from '../src/io/source-date.js';
import { scratch } from './support/bounded.js';

const BANK = '# Bank\n\n#### 1) What is bias?\n\nAn answer.\n';
const gitIn = (dir: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', ...args], { cwd: dir }).toString();

describe('src/io/git.ts', () => {
  it('finds the folder that holds .git, and only it: a .git that is no repository is no repository', async () => {
    const dir = scratch();
    gitIn(dir, 'init', '-q');
    mkdirSync(path.join(dir, 'inner/deeper'), { recursive: true });
    const top = (await repositoryOf(path.join(dir, 'inner/deeper')))!;
    expect(top.top).toBe(execFileSync('realpath', [dir]).toString().trim());
    expect(top.gitDir).toBe(path.join(top.top, '.git'));
    // An empty .git folder stops the search: git is not let to look above it.
    mkdirSync(path.join(dir, 'inner/.git'));
    expect(await repositoryOf(path.join(dir, 'inner/deeper'))).toBeNull();
    expect(await repositoryOf(scratch())).toBeNull();
    // Nor is a folder dressed as a bare repository beside an empty .git: bare repositories only where named.
    const bare = scratch();
    for (const folder of ['.git', 'objects', 'refs']) mkdirSync(path.join(bare, folder));
    writeFileSync(path.join(bare, 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(path.join(bare, 'config'), '[core]\n\trepositoryformatversion = 0\n\tbare = true\n');
    expect(await repositoryOf(bare)).toBeNull();
    expect(await repositoryOf(path.join(dir, 'missing'))).toBeNull();
  });

  it('runs in the folder asked, and says why it failed', async () => {
    const dir = scratch();
    gitIn(dir, 'init', '-q');
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub/a.md'), 'a');
    const repository = (await repositoryOf(dir))!;
    expect(await git(repository, ['ls-files', '--others'])).toBe('sub/a.md\n');
    expect(await git(repository, ['ls-files', '--others'], path.join(repository.top, 'sub'))).toBe('a.md\n');
    const failure = await git(repository, ['cat-file', 'blob', 'HEAD:nothing']).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GitFailed);
    expect((failure as GitFailed).message).toMatch(/^fatal: /);
    const silent = await git(repository, ['rev-parse', '--verify', '--quiet', 'nothing']).catch((error: unknown) => error);
    expect((silent as GitFailed).message).toBe('');
    // A bank's text at a ref is read whole (banks are up to 64 MB).
    const text = 'x'.repeat(1024 * 1024);
    writeFileSync(path.join(dir, 'big.md'), text);
    gitIn(dir, 'add', 'big.md');
    gitIn(dir, 'commit', '-q', '-m', 'big');
    expect(await git(repository, ['cat-file', 'blob', 'HEAD:big.md'])).toBe(text);
  });

  it('runs no core.fsmonitor of the repository\'s config', async () => {
    const dir = scratch();
    const marker = path.join(dir, 'PWNED');
    gitIn(dir, 'init', '-q');
    writeFileSync(path.join(dir, 'a.md'), BANK);
    gitIn(dir, 'config', 'core.fsmonitor', `touch '${marker}'; false`);
    const repository = (await repositoryOf(dir))!;
    expect(await git(repository, ['status', '--porcelain'])).toBe('?? a.md\n');
    expect(existsSync(marker)).toBe(false);
    // The same status by plain git runs it: the check above can fail.
    gitIn(dir, 'status', '--porcelain');
    expect(existsSync(marker)).toBe(true);
  });

  it('gives git no GIT_* variable of the environment, and no system config', () => {
    expect(gitEnvironment({ PATH: '/bin', HOME: '/h', GIT_DIR: '/x', GIT_EXTERNAL_DIFF: 'evil', GIT_CONFIG_PARAMETERS: "'core.fsmonitor'='evil'", LANG: 'C' })).toEqual({
      PATH: '/bin',
      HOME: '/h',
      LANG: 'C',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_TERMINAL_PROMPT: '0',
      GIT_OPTIONAL_LOCKS: '0',
      GIT_NO_LAZY_FETCH: '1',
    });
  });

  it('dates a bank outside a repository by its file', async () => {
    const dir = scratch();
    const file = path.join(dir, 'bank.md');
    writeFileSync(file, BANK);
    execFileSync('touch', ['-d', '@1600000000', file]);
    const saved = process.env.SOURCE_DATE_EPOCH;
    delete process.env.SOURCE_DATE_EPOCH;
    try {
      expect(await sourceDateOf([file])).toBe(new Date(1600000000 * 1000).toISOString());
    } finally {
      if (saved !== undefined) process.env.SOURCE_DATE_EPOCH = saved;
    }
  });
});
