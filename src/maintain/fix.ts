// mlq fix: the fixes of the rules that found something, written into each bank's text, checked by reading
// the result again; `--check` shows them as a diff, otherwise each bank is replaced atomically.
import type { RuleSetting } from '../config.js';
import { EXIT_INTERNAL, MlqError } from '../errors.js';
import type { Bank, Book } from '../model.js';
import type { Loaded } from '../pipeline.js';
import type { ReadOptions } from '../read/layouts/layout.js';
import { parseBankParallel } from '../read/parse-parallel.js';
import { decodeText } from '../read/source.js';
import { RULES } from '../rules/index.js';
import type { Fix } from '../rules/rule.js';
import { applyFixes, splitLines } from './edit.js';
import { readInput } from '../io/files.js';
import { limit } from '../limits.js';

export interface RuleFix {
  /** The rules whose findings the fix answers (the numbering rules share one renumbering). */
  rules: string[];
  fix: Fix;
}

export interface BankFix {
  file: string;
  /** The file's bytes as read, and as fixed (equal when there is nothing to fix). */
  before: Buffer;
  after: Buffer;
  /** The rules whose fixes changed the file. */
  rules: string[];
  skipped: { rules: string[]; line: number; reason: string }[];
}

/** Ids of the rules that can fix what they find, for `mlq --help` and the README. */
export const FIXABLE_RULES = RULES.filter((rule) => rule.fix).map((rule) => rule.id);

/** The fixes of every rule that is on and found something; one per question and kind (numbering rules share theirs). */
export function fixesOf(book: Book, settings: Record<string, RuleSetting> = {}): RuleFix[] {
  const fixes = new Map<string, RuleFix>();
  for (const rule of RULES) {
    if (!rule.fix || (settings[rule.id] ?? rule.severity) === 'off' || rule.check(book).length === 0) continue;
    for (const fix of rule.fix(book)) {
      const key = fix.kind === 'count' ? `count ${fix.bank.file}` : `${fix.kind} ${fix.question.file}:${fix.question.line}`;
      const same = fixes.get(key);
      if (same) same.rules.push(rule.id);
      else fixes.set(key, { rules: [rule.id], fix });
    }
  }
  return [...fixes.values()];
}

const fileOf = (fix: Fix) => (fix.kind === 'count' ? fix.bank.file : fix.question.file);
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export async function planFixes({ config, book, texts, options }: Loaded): Promise<BankFix[]> {
  const fixes = fixesOf(book, config.rules);
  return Promise.all(
    book.banks.map(async (bank, i) => {
      const before = await readInput(bank.file, 'cannot read', { maxBytes: limit('bankBytes') });
      // The model was read from this text: a file changed since would get fixes meant for another text.
      const text = decodeText(bank.file, before);
      if (text !== texts[i]!.text) throw new MlqError(`${bank.file}: changed while mlq was working; not written (run mlq fix again)`);
      const mine = fixes.filter(({ fix }) => fileOf(fix) === bank.file);
      const edited = applyFixes(text, mine.map(({ fix }) => fix));
      const failed = new Set(edited.skipped.map((s) => s.fix));
      const applied = mine.filter(({ fix }) => !failed.has(fix));
      if (edited.text !== text) await verify(bank, edited.text, applied.map(({ fix }) => fix), options[i]!);
      const bom = before.subarray(0, 3).equals(BOM) ? BOM : Buffer.alloc(0);
      return {
        file: bank.file,
        before,
        after: edited.text === text ? before : Buffer.concat([bom, Buffer.from(edited.text, 'utf8')]),
        rules: RULES.map((rule) => rule.id).filter((id) => applied.some(({ rules }) => rules.includes(id))),
        skipped: edited.skipped.map(({ fix, line, reason }) => ({ rules: mine.find((m) => m.fix === fix)!.rules, line, reason })),
      };
    }),
  );
}

/** Reads the fixed text again: the same questions, with exactly the numbers, depths, ids and count meant. */
async function verify(bank: Bank, text: string, fixes: Fix[], options: ReadOptions): Promise<void> {
  // Read as the bank was: with the layout and numbering mlq.yaml gives it, if any.
  const fixed = await parseBankParallel({ file: bank.file, text }, options);
  const meant = new Map(bank.questions.map((q) => [q, { number: q.number, depth: q.depth, id: q.baseId }]));
  let count = bank.claimedCount;
  for (const fix of fixes) {
    if (fix.kind === 'count') count = fix.count;
    else if (fix.kind === 'number') meant.get(fix.question)!.number = fix.number;
    else if (fix.kind === 'depth') meant.get(fix.question)!.depth = fix.depth;
    else meant.get(fix.question)!.id = fix.id;
  }
  const expected = [...meant.values()];
  const wrong = fixed.questions.length !== expected.length ? 0 : fixed.questions.findIndex((q, i) => q.number !== expected[i]!.number || q.depth !== expected[i]!.depth || q.baseId !== expected[i]!.id);
  if (wrong !== -1 || fixed.claimedCount !== count) {
    const line = bank.questions[Math.max(wrong, 0)]?.line ?? bank.titleLine;
    throw new MlqError(`${bank.file}:${line}: the fixed text does not read as meant; nothing written (please report it)`, EXIT_INTERNAL);
  }
}

/** Lines of context around each change in a diff, as git and diff -u show. */
const CONTEXT = 3;

/**
 * A unified diff of one bank, as `git diff` names the two sides. A fix never adds or removes a line, so the
 * lines of the two versions correspond one to one and no diff search is needed (jsdiff's general one took
 * 70 s on a bank of 6,700 questions with every number changed).
 */
export function diffOf(plan: BankFix): string {
  const before = splitLines(plan.before.toString('utf8'));
  const after = splitLines(plan.after.toString('utf8'));
  if (before.length !== after.length) throw new MlqError(`${plan.file}: a fix changed the number of lines (please report it)`, EXIT_INTERNAL);
  const changed = before.flatMap((line, i) => (line === after[i] ? [] : [i]));
  // Changes closer than twice the context share a hunk.
  const hunks: [number, number][] = [];
  for (const i of changed) {
    const last = hunks.at(-1);
    if (last && i - last[1] <= 2 * CONTEXT) last[1] = i;
    else hunks.push([i, i]);
  }
  const shown = (line: string) => (line.endsWith('\n') ? line.slice(0, -1) : `${line}\n\\ No newline at end of file`);
  const out = [`--- a/${plan.file}`, `+++ b/${plan.file}`];
  for (const [first, last] of hunks) {
    const start = Math.max(0, first - CONTEXT);
    const end = Math.min(before.length - 1, last + CONTEXT);
    const range = end === start ? `${start + 1}` : `${start + 1},${end - start + 1}`;
    out.push(`@@ -${range} +${range} @@`);
    for (let i = start; i <= end; ) {
      if (before[i] === after[i]) {
        out.push(` ${shown(before[i++]!)}`);
        continue;
      }
      // A run of changed lines: the old ones, then the new ones.
      let j = i;
      while (j <= end && before[j] !== after[j]) j++;
      for (let k = i; k < j; k++) out.push(`-${shown(before[k]!)}`);
      for (let k = i; k < j; k++) out.push(`+${shown(after[k]!)}`);
      i = j;
    }
  }
  return `${out.join('\n')}\n`;
}
