// A re-import updates notes only when they are newer: a bank edited but not yet committed must be dated by
// its file, not by its last commit.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { mlq } from './support/cli.js';

const COMMITTED = 1_700_000_000;
const EDITED = 1_750_000_000;

async function noteTimes(dir: string): Promise<number[]> {
  const out = path.join(dir, 'out');
  // No SOURCE_DATE_EPOCH: the date comes from git or the file.
  const run = mlq(['build', '--formats', 'apkg', '--config', path.join(dir, 'mlq.yaml'), '--out', out], { env: { SOURCE_DATE_EPOCH: '' } });
  expect(run.code, run.stderr).toBe(0);
  const SQL = await initSqlJs();
  const db = new SQL.Database(unzipSync(readFileSync(path.join(out, 'deck.apkg')))['collection.anki2']);
  try {
    return db.exec('SELECT DISTINCT mod FROM notes')[0]!.values.map((row) => Number(row[0]));
  } finally {
    db.close();
  }
}

describe('deck.apkg of a bank in a git repository', () => {
  it('dates the notes by the last commit, and by the file once it is edited and not committed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mlq-anki-git-'));
    const bank = path.join(dir, 'bank.md');
    writeFileSync(path.join(dir, 'mlq.yaml'), 'sources:\n  - bank.md\n');
    writeFileSync(bank, '# Bank\n\n#### 1) Why? [[src](https://example.org/a)]\nBecause.\n');
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', ...args], {
        cwd: dir,
        env: { ...process.env, GIT_AUTHOR_DATE: `@${COMMITTED} +0000`, GIT_COMMITTER_DATE: `@${COMMITTED} +0000` },
      });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'bank');
    // A fresh checkout's files are newer than their commit: a clean tree is still dated by the commit.
    utimesSync(bank, EDITED, EDITED);
    expect(await noteTimes(dir)).toEqual([COMMITTED]);

    writeFileSync(bank, '# Bank\n\n#### 1) Why? [[src](https://example.org/a)]\nBecause it is so.\n');
    utimesSync(bank, EDITED, EDITED);
    expect(await noteTimes(dir)).toEqual([EDITED]);
  });
});
