// The comparison of two versions of a bank (src/rules/versions.ts) and the rules built on it, on banks held in
// memory: which questions stay (perhaps reworded), which are added and which removed, and where the rules say so.
// Fast and free of git and files: `npm run mutate -- versions` runs these for every mutant.
import { describe, expect, it } from 'vitest';
import type { Bank, Book, Question } from '../src/model.js';
import { idChanged } from '../src/rules/id-changed.js';
import { questionRemoved } from '../src/rules/question-removed.js';
import { renumber } from '../src/rules/renumber.js';
import { compareBanks, versionsOf } from '../src/rules/versions.js';
import { bookOf } from './support/book.js';

interface Spec {
  id: string;
  title?: string;
  answer?: string;
  number?: number;
}

/** A bank of bare questions: compareBanks reads only a question's id, number, title, answer text and place. */
const bank = (...specs: Spec[]): Bank =>
  ({ questions: specs.map(({ id, title = '', answer = '', number = 0 }) => ({ id, title, answerText: answer, number }) as Question) }) as Bank;

/** The outcome by id: [before, after] of each question kept, and the ids added and removed. */
function compare(before: Spec[], after: Spec[]) {
  const { kept, added, removed } = compareBanks(bank(...before), bank(...after));
  return { kept: kept.map((pair) => [pair.before.id, pair.after.id]), added: added.map((q) => q.id), removed: removed.map((q) => q.id) };
}

const same = (before: string, after: string) => ({ kept: [[before, after]], added: [], removed: [] });
const different = (before: string, after: string) => ({ kept: [], added: [after], removed: [before] });

// Titles and answers of single letters, so the share of words two of them have in common (Sørensen–Dice:
// twice the shared words over all words) is plain to see. A pair is the same question when
// 0.4 × title likeness + 0.4 × answer likeness + 0.1 (same number) + 0.1 (same place) reaches 0.5, and the
// titles are at least 0.2 alike or the answers at least 0.9.
describe('compareBanks', () => {
  it('keeps a question whose id is unchanged, whatever else changed, and where it moved', () => {
    expect(
      compare([{ id: 'x', title: 'a b', answer: 'p q', number: 1 }], [{ id: 'new', title: 'z', number: 1 }, { id: 'x', title: 'c d', answer: 'r s', number: 7 }]),
    ).toEqual({ kept: [['x', 'x']], added: ['new'], removed: [] });
  });

  it('holds every question as added when there is no earlier version', () => {
    const now = bank({ id: 'x', title: 'a' }, { id: 'y', title: 'b' });
    expect(compareBanks(undefined, now)).toEqual({ kept: [], added: now.questions, removed: [] });
  });

  it('matches a reworded title by its unchanged answer, elsewhere and under another number', () => {
    // Titles 0.5 alike, answers 1: 0.2 + 0.4.
    const after = [{ id: 'other', title: 'z', answer: 'y', number: 1 }, { id: 'reworded', title: 'a b e f', answer: 'p q r', number: 2 }];
    expect(compare([{ id: 'old', title: 'a b c d', answer: 'p q r', number: 1 }], after)).toEqual({ kept: [['old', 'reworded']], added: ['other'], removed: [] });
  });

  it('matches a question with a new answer by its title, where it keeps its number and place', () => {
    // Titles 0.8 alike, answers 0: 0.32 + 0.1 + 0.1.
    expect(compare([{ id: 'old', title: 'a b c d e', answer: 'p q', number: 1 }], [{ id: 'new', title: 'a b c d f', answer: 'r s', number: 1 }])).toEqual(same('old', 'new'));
    // In another place (0.42), or under another number (0.42), the same two are different questions.
    expect(compare([{ id: 'old', title: 'a b c d e', answer: 'p q', number: 1 }], [{ id: 'first', number: 2 }, { id: 'new', title: 'a b c d f', answer: 'r s', number: 1 }])).toEqual({
      kept: [],
      added: ['first', 'new'],
      removed: ['old'],
    });
    expect(compare([{ id: 'old', title: 'a b c d e', answer: 'p q', number: 1 }], [{ id: 'new', title: 'a b c d f', answer: 'r s', number: 2 }])).toEqual(different('old', 'new'));
  });

  it('takes a score of exactly 0.5 for the same question, by number or by place', () => {
    // Titles and answers 0.5 alike: 0.2 + 0.2, and 0.1 for the number...
    const old = { id: 'old', title: 'a b', answer: 'p q', number: 2 };
    expect(compare([old], [{ id: 'first', number: 1 }, { id: 'new', title: 'a c', answer: 'p r', number: 2 }])).toEqual({ kept: [['old', 'new']], added: ['first'], removed: [] });
    // ... or 0.1 for the place (the second of both banks, so not the first).
    const before = [{ id: 'before', number: 1 }, { ...old, number: 5 }];
    expect(compare(before, [{ id: 'first', number: 2 }, { id: 'new', title: 'a c', answer: 'p r', number: 6 }])).toEqual({ kept: [['old', 'new']], added: ['first'], removed: ['before'] });
    // Neither: 0.4.
    expect(compare([old], [{ id: 'first', number: 1 }, { id: 'new', title: 'a c', answer: 'p r', number: 3 }])).toEqual({ kept: [], added: ['first', 'new'], removed: ['old'] });
  });

  it('does not match questions a little alike in title and answer', () => {
    // 0.25 and 0.25: 0.1 + 0.1, elsewhere and under another number.
    expect(compare([{ id: 'old', title: 'a b c d', answer: 'p q r s', number: 1 }], [{ id: 'first', number: 3 }, { id: 'new', title: 'a e f g', answer: 'p t u v', number: 2 }])).toEqual({
      kept: [],
      added: ['first', 'new'],
      removed: ['old'],
    });
  });

  it('needs titles at least 0.2 alike, or answers at least 0.9, however high the score', () => {
    const old = { id: 'old', title: 'a b c d e', answer: 'p q r s t', number: 1 };
    // Titles 0, answers 0.8, same number and place: 0.52, but a different question asked in the same place.
    expect(compare([old], [{ id: 'new', title: 'v w x y z', answer: 'p q r s u', number: 1 }])).toEqual(different('old', 'new'));
    // Titles 0.2: 0.08 + 0.32 + 0.2.
    expect(compare([old], [{ id: 'new', title: 'a w x y z', answer: 'p q r s u', number: 1 }])).toEqual(same('old', 'new'));
    // Titles 0, answers 0.9 (nine words of ten): 0.36 + 0.2.
    const answer = 'k l m n o p q r s';
    expect(compare([{ id: 'old', title: 'a b', answer: `${answer} t`, number: 1 }], [{ id: 'new', title: 'c d', answer: `${answer} u`, number: 1 }])).toEqual(same('old', 'new'));
  });

  it('compares questions without answers by their titles alone', () => {
    // Titles 0.6 alike, no answers: 0.24 + 0.24 + 0.1 (the number).
    expect(compare([{ id: 'old', title: 'a b c d e', number: 1 }], [{ id: 'first', number: 2 }, { id: 'new', title: 'a b c f g', number: 1 }])).toEqual({
      kept: [['old', 'new']],
      added: ['first'],
      removed: [],
    });
    // Titles 0, no answers, same number and place: 0.2.
    expect(compare([{ id: 'old', title: 'a b', number: 1 }], [{ id: 'new', title: 'c d', number: 1 }])).toEqual(different('old', 'new'));
  });

  it('counts an answer added or taken away as a changed answer, not as none on either side', () => {
    // Titles 0.6, answers 0: 0.24 + 0.1 (the number).
    const after = (answer: string) => [{ id: 'first', number: 2 }, { id: 'new', title: 'a b c f g', answer, number: 1 }];
    expect(compare([{ id: 'old', title: 'a b c d e', number: 1 }], after('p q'))).toEqual({ kept: [], added: ['first', 'new'], removed: ['old'] });
    expect(compare([{ id: 'old', title: 'a b c d e', answer: 'p q', number: 1 }], after(''))).toEqual({ kept: [], added: ['first', 'new'], removed: ['old'] });
  });

  it('reads words, not letters', () => {
    const q = (id: string, title: string, answer: string) => ({ id, title, answer, number: 1 });
    expect(
      compare([q('bias', 'What is the bias of a model?', 'The error from wrong assumptions in the learning algorithm.')], [q('dropout', 'Explain dropout.', 'Randomly zeroing units while training.')]),
    ).toEqual(different('bias', 'dropout'));
  });

  it('matches each question once, the most alike pair first', () => {
    // "best" (titles 1 alike, answers 0.8: 0.72 elsewhere) beats "good" (0.5 and 0.5: 0.6 in the same place
    // under the same number) to the old question, though it comes later.
    const old = { id: 'old', title: 'a b', answer: 'p q', number: 1 };
    const good = { id: 'good', title: 'a c', answer: 'p r', number: 1 };
    const best = { id: 'best', title: 'b a', answer: 'q p s', number: 3 };
    expect(compare([old], [good, best])).toEqual({ kept: [['old', 'best']], added: ['good'], removed: [] });
    // The other way round: of two old questions, the new one keeps the more alike.
    expect(compare([good, { ...best, number: 1 }], [{ ...old, id: 'new' }])).toEqual({ kept: [['best', 'new']], added: [], removed: ['good'] });
  });

  it('lists the questions kept in the order of the new version', () => {
    const before = [{ id: 'one', title: 'a b', answer: 'p q', number: 1 }, { id: 'two', title: 'c', number: 2 }];
    expect(compare(before, [{ id: 'reworded', title: 'a b x', answer: 'p q', number: 1 }, { id: 'two', title: 'c', number: 2 }]).kept).toEqual([
      ['one', 'reworded'],
      ['two', 'two'],
    ]);
  });

  describe('in a large bank', () => {
    // Questions with no words are never alike: they only make up the count of pairs.
    const blanks = (count: number, prefix: string): Spec[] => Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}` }));
    const withAt = (specs: Spec[], at: Record<number, Spec>) => specs.map((spec, i) => at[i] ?? spec);
    // Titles 0.8 alike, answers 1, and words of their own, so that no two pairs are alike.
    const reworded = (i: number): [Spec, Spec] => [
      { id: `old-${i}`, title: `a${i} b${i} c${i} d${i} e`, answer: `p${i} q${i}` },
      { id: `new-${i}`, title: `a${i} b${i} c${i} d${i} f`, answer: `p${i} q${i}` },
    ];
    const keptIds = (before: Spec[], after: Spec[]) => compare(before, after).kept;

    it('compares every pair up to a million: a question moved from the end to the start is still found', () => {
      const [old, now] = reworded(1);
      expect(keptIds(withAt(blanks(1000, 'x'), { 999: old }), withAt(blanks(1000, 'y'), { 0: now }))).toEqual([['old-1', 'new-1']]);
    });

    it('beyond a million pairs, compares only questions at most 100 places apart', () => {
      const [old100, now100] = reworded(100);
      const [old101, now101] = reworded(101);
      const [oldFar, nowFar] = reworded(1000);
      const before = withAt(blanks(1001, 'x'), { 200: old100, 500: old101, 1000: oldFar });
      const after = withAt(blanks(1000, 'y'), { 100: now100, 399: now101, 0: nowFar });
      expect(keptIds(before, after)).toEqual([['old-100', 'new-100']]);
    });
  });
});

const q = (n: number, title: string, body = 'An answer. [[src]](https://src.example/a)') => `#### ${n}) ${title}\n${body}\n\n`;

/** The book of the banks `now`, with the banks `before` as they were at `--since HEAD`. */
function since(before: string[], now: string[]): Book {
  const book = bookOf(...now);
  book.previous = { ref: 'HEAD', banks: bookOf(...before).banks };
  return book;
}

describe('versionsOf', () => {
  it('compares each bank with its own earlier version, and takes a bank new since the ref as all added', () => {
    const answer = 'The error from wrong assumptions.';
    const book = since([q(1, 'A?'), q(1, 'What is bias?', answer)], [q(1, 'What is variance?'), q(1, 'What is the bias of a model?', answer)]);
    // bank1.md is new since HEAD.
    book.previous!.banks.shift();
    const { kept, added, removed } = versionsOf(book);
    expect(kept.map((pair) => [pair.before.id, pair.after.id])).toEqual([['what-is-bias', 'what-is-the-bias-of-a-model']]);
    expect(added.map((x) => x.id)).toEqual(['what-is-variance']);
    expect(removed).toEqual([]);
  });

  it('gathers the questions of all banks, and reads a book only once', () => {
    const book = since([q(1, 'A?') + q(2, 'Gone?'), q(1, 'B?')], [q(1, 'A?'), q(1, 'B?') + q(2, 'New?')]);
    const versions = versionsOf(book);
    expect({ kept: versions.kept.map((pair) => pair.after.id), added: versions.added.map((x) => x.id), removed: versions.removed.map((x) => x.id) }).toEqual({
      kept: ['a', 'b'],
      added: ['new'],
      removed: ['gone'],
    });
    expect(versionsOf(book)).toBe(versions);
  });

  it('holds every question as added without --since', () => {
    const book = bookOf(q(1, 'A?'));
    expect(versionsOf(book)).toEqual({ kept: [], added: book.banks[0]!.questions, removed: [] });
  });
});

describe('id-changed', () => {
  const answer = 'The error from wrong assumptions. [[src]](https://s.example)';
  const book = () => since([q(1, 'What is bias?', answer) + q(2, 'What is variance?')], [q(1, 'What is the bias of a model?', answer) + q(2, 'What is variance?')]);

  it('reports only the questions whose id changed, with the old id to keep', () => {
    expect(idChanged.check(book())).toEqual([
      expect.objectContaining({
        file: 'bank1.md',
        line: 1,
        column: 1,
        message:
          'Question 1 was reworded since HEAD: its id changes from "what-is-bias" to "what-is-the-bias-of-a-model", so learners\' Anki cards for it start again and links to #what-is-bias break.',
        hint: 'Keep the old id: add <!-- id: what-is-bias --> to the heading (mlq fix --since HEAD does it).',
      }),
    ]);
  });

  it('fixes a question by giving it back its old id', () => {
    const reworded = book();
    expect(idChanged.fix!(reworded)).toEqual([{ kind: 'id', question: reworded.banks[0]!.questions[0], id: 'what-is-bias' }]);
  });
});

describe('question-removed', () => {
  const removed = (book: Book) => questionRemoved.check(book).map(({ file, line, column, message }) => ({ file, line, column, message }));

  it('reports a removed question at the first question that followed it and is still there, wherever that one moved', () => {
    // C and D removed, F moved up: both are reported at E, not at A, B, F or G.
    const before = ['A?', 'B?', 'C?', 'D?', 'E?', 'F?', 'G?'].map((title, i) => q(i + 1, title)).join('');
    const now = [q(1, 'A?'), q(2, 'B?'), q(3, 'F?'), q(4, 'E?'), q(5, 'G?')].join('');
    expect(removed(since([before], [now]))).toEqual([
      { file: 'bank1.md', line: 10, column: 1, message: 'Question 3 "C?" (id c) was removed since HEAD.' },
      { file: 'bank1.md', line: 10, column: 1, message: 'Question 4 "D?" (id d) was removed since HEAD.' },
    ]);
  });

  it('reports a question removed from the end of its bank at the bank title, in its own bank', () => {
    const first = `# Bank one\n\n${q(1, 'A?')}${q(2, 'B?')}${q(3, 'C?')}`;
    const before = [first, `# Bank two\n\n${q(1, 'X?')}${q(2, 'Y?')}`];
    expect(removed(since(before, [first, `\n# Bank two\n\n${q(1, 'X?')}`]))).toEqual([{ file: 'bank2.md', line: 2, column: 1, message: 'Question 2 "Y?" (id y) was removed since HEAD.' }]);
  });
});

describe('renumber (the fix of the numbering rules)', () => {
  const fixes = (book: Book) => renumber(book).map((fix) => (fix.kind === 'number' ? [fix.question.title, fix.number] : fix.kind));

  it('numbers the questions 1, 2, 3, ... in reading order, changing only those off', () => {
    expect(fixes(bookOf(q(1, 'A?') + q(3, 'B?') + q(3, 'C?') + q(7, 'D?')))).toEqual([
      ['B?', 2],
      ['D?', 4],
    ]);
    expect(renumber(bookOf(q(1, 'A?') + q(2, 'B?')))).toEqual([]);
  });

  it('starts again in each section where the bank numbers per section, and in each bank', () => {
    const sections = `# T\n\n## One\n\n${q(1, 'A?')}${q(2, 'B?')}## Two\n\n${q(1, 'C?')}${q(3, 'D?')}`;
    const book = bookOf(sections, q(2, 'E?'));
    expect(book.banks[0]!.numbering).toBe('section');
    expect(renumber(book)).toEqual([
      { kind: 'number', question: book.banks[0]!.questions[3], number: 2 },
      { kind: 'number', question: book.banks[1]!.questions[0], number: 1 },
    ]);
  });
});
