// Two versions of a book, question by question: which questions stayed (perhaps reworded), which were
// added and which removed. Read by the rules that compare versions (`--since REF`) and by `mlq changes`.
import type { Bank, Book, Question } from '../model.js';
import { normalizeTitle } from '../read/ids.js';

export interface Versions {
  /** A question of the book and what it was at the ref. */
  kept: { before: Question; after: Question }[];
  added: Question[];
  removed: Question[];
}

/** A pair scoring this much or more is the same question, reworded. */
const SAME_QUESTION = 0.5;
/** Beyond this many candidate pairs in one bank, only questions at most WINDOW places apart are compared. */
const MAX_PAIRS = 1_000_000;
const WINDOW = 100;

const memo = new WeakMap<Book, Versions>();

/** The book against its `previous` banks (none: every question is new). */
export function versionsOf(book: Book): Versions {
  let versions = memo.get(book);
  if (!versions) {
    const banks = book.banks.map((bank) => compareBanks(book.previous?.banks.find((old) => old.file === bank.file), bank));
    versions = { kept: banks.flatMap((v) => v.kept), added: banks.flatMap((v) => v.added), removed: banks.flatMap((v) => v.removed) };
    memo.set(book, versions);
  }
  return versions;
}

/**
 * Questions keep their id when it is unchanged. The others are matched by how alike their titles and answers
 * are, and by number and position: a reworded question usually keeps its answer and its place.
 */
export function compareBanks(before: Bank | undefined, after: Bank): Versions {
  const old = before?.questions ?? [];
  const byId = new Map(old.map((q) => [q.id, q]));
  const kept: Versions['kept'] = [];
  const taken = new Set<Question>();
  const unmatched: Question[] = [];
  for (const q of after.questions) {
    const same = byId.get(q.id);
    if (same) {
      kept.push({ before: same, after: q });
      taken.add(same);
    } else unmatched.push(q);
  }
  const candidates = old.filter((q) => !taken.has(q));
  const words = new Map([...candidates, ...unmatched].map((q) => [q, { title: wordsOf(q.title), answer: wordsOf(q.answerText) }]));
  const position = new Map([...old.map((q, i) => [q, i] as const), ...after.questions.map((q, i) => [q, i] as const)]);
  const windowed = candidates.length * unmatched.length > MAX_PAIRS;
  const scored: { before: Question; after: Question; score: number }[] = [];
  for (const a of unmatched) {
    for (const b of candidates) {
      const apart = Math.abs(position.get(a)! - position.get(b)!);
      if (windowed && apart > WINDOW) continue;
      const title = dice(words.get(b)!.title, words.get(a)!.title) ?? 0;
      const answer = dice(words.get(b)!.answer, words.get(a)!.answer) ?? title;
      const score = 0.4 * title + 0.4 * answer + (a.number === b.number ? 0.1 : 0) + (apart === 0 ? 0.1 : 0);
      if (score >= SAME_QUESTION && (title >= 0.2 || answer >= 0.9)) scored.push({ before: b, after: a, score });
    }
  }
  const matched = new Set<Question>();
  for (const pair of scored.sort((x, y) => y.score - x.score)) {
    if (matched.has(pair.before) || matched.has(pair.after)) continue;
    matched.add(pair.before).add(pair.after);
    kept.push({ before: pair.before, after: pair.after });
  }
  kept.sort((x, y) => position.get(x.after)! - position.get(y.after)!);
  return { kept, added: unmatched.filter((q) => !matched.has(q)), removed: candidates.filter((q) => !matched.has(q)) };
}

function wordsOf(text: string): Set<string> {
  return new Set(normalizeTitle(text).split(' ').filter(Boolean));
}

/** Sørensen–Dice similarity of two sets of words, or null when both are empty (no evidence either way). */
function dice(a: Set<string>, b: Set<string>): number | null {
  if (a.size === 0 && b.size === 0) return null;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return (2 * shared) / (a.size + b.size);
}
