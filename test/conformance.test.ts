// Conformance over real lists: every row of ../shared/lists/TRUTH.tsv (ten public question lists, counted
// by hand) in its range, file by file, as a new user runs mlq: `mlq check --source FILE --reporter json`,
// a refused file (exit 2) counting 0. And mlq is never silently wrong: a file whose count is out of its
// range never exits 0.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readingOf } from '../src/read/layouts/index.js';
import { bankPieces, finishBank, parseBankPart } from '../src/read/parse.js';
import { ROOT } from './support/book.js';

// The CLI as bin/mlq.js runs it: lib/ is bundled by `npm test` before vitest starts.
const { main } = (await import(path.join(ROOT, 'lib/cli.js'))) as { main: (argv: string[], io: object) => Promise<number> };

// The lists live beside the repository: ../shared in a CI clone, ../../shared from a worktree of /work/wt.
const LISTS = [path.join(ROOT, '../shared/lists'), path.join(ROOT, '../../shared/lists')].find((dir) => existsSync(path.join(dir, 'TRUTH.tsv')));

interface Row {
  folder: string;
  files: string;
  min: number;
  max: number;
  layout: string;
}

function truth(dir: string): Row[] {
  const [, ...rows] = readFileSync(path.join(dir, 'TRUTH.tsv'), 'utf8').trim().split('\n');
  return rows.map((row) => {
    const [folder, files, min, max, layout] = row.split('\t') as [string, string, string, string, string];
    return { folder, files, min: Number(min), max: Number(max), layout };
  });
}

/** The files a row counts: one, every `.md` file (`*.md`), or those no other row of the folder names (`REST`). */
function filesOf(row: Row, rows: Row[], dir: string): string[] {
  const all = readdirSync(path.join(dir, row.folder)).filter((f) => f.endsWith('.md')).sort();
  if (row.files === '*.md') return all;
  if (row.files === 'REST') {
    const named = new Set(rows.filter((r) => r.folder === row.folder).map((r) => r.files));
    return all.filter((f) => !named.has(f));
  }
  return [row.files];
}

interface Checked {
  questions: number;
  code: number;
}

const checked = new Map<string, Promise<Checked>>();

/** `mlq check --source FILE --reporter json`, in this process (the CLI's own main), once per file. */
function check(file: string): Promise<Checked> {
  if (!checked.has(file)) {
    let stdout = '';
    const io = { stdout: (text: string) => void (stdout += text), stderr: () => {}, progress: false, color: { stdout: false, stderr: false }, jobSummary: null };
    checked.set(
      file,
      main(['check', '--source', file, '--reporter', 'json'], io).then((code) => ({ code, questions: code === 2 ? 0 : JSON.parse(stdout).summary.questions })),
    );
  }
  return checked.get(file)!;
}

describe('the real lists of ../shared/lists', () => {
  it('are there (a CI clone has shared/ beside it)', () => {
    expect(LISTS, 'no ../shared/lists/TRUTH.tsv beside the repository').toBeDefined();
  });
  if (!LISTS) return;
  const rows = truth(LISTS);

  describe.each(rows.map((row) => [`${row.folder} ${row.files}`, row] as const))('%s', (_, row) => {
    const files = filesOf(row, rows, LISTS);

    it(`reads ${row.min === row.max ? row.min : `${row.min} to ${row.max}`} question(s) per ${row.files === 'REST' ? 'file' : 'row'}`, { timeout: 120_000 }, async () => {
      const results = await Promise.all(files.map(async (file) => ({ file, ...(await check(path.join(LISTS, row.folder, file))) })));
      if (row.files === 'REST') {
        // Each prose file on its own: no question, and no error saying there is none to find.
        for (const r of results) expect({ file: r.file, questions: r.questions }).toEqual({ file: r.file, questions: 0 });
        return;
      }
      const total = results.reduce((sum, r) => sum + r.questions, 0);
      expect(total, results.map((r) => `${r.file}: ${r.questions}`).join('\n')).toBeGreaterThanOrEqual(row.min);
      expect(total, results.map((r) => `${r.file}: ${r.questions}`).join('\n')).toBeLessThanOrEqual(row.max);
    });

    if (row.files !== '*.md' && row.files !== 'REST') {
      it('is never silently wrong: out of its range, the file does not exit 0', { timeout: 120_000 }, async () => {
        const r = await check(path.join(LISTS, row.folder, row.files));
        if (r.questions < row.min || r.questions > row.max) expect(r.code).not.toBe(0);
      });
    }
  });
});

describe('a real list read in pieces', () => {
  if (!LISTS) return;
  const files = readdirSync(LISTS, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md') && f.includes(path.sep)).sort();
  const readIn = (file: string, text: string, pieceChars?: number) => {
    const reading = readingOf(text, file);
    return finishBank(bankPieces(text, reading, pieceChars).map((piece) => parseBankPart(file, piece, reading)), reading);
  };

  it('gives the same bank as read whole (each form in one piece): questions, answers, places and findings', { timeout: 120_000 }, () => {
    let cutInLists = 0;
    for (const file of files) {
      const text = readFileSync(path.join(LISTS, file), 'utf8');
      const reading = readingOf(text, file);
      if (reading.refusal) continue;
      const pieces = bankPieces(text, reading);
      cutInLists += pieces.filter((piece) => piece.opensInList).length;
      if (pieces.length > 1) expect(JSON.stringify(readIn(file, text)), file).toBe(JSON.stringify(readIn(file, text, Infinity)));
    }
    // sudheerj's 478 questions are one list: it is cut inside it, 38 times.
    expect(cutInLists).toBeGreaterThan(30);
  });
});
