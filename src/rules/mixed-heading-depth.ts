import { type Bank, numberLabel, type Question } from '../model.js';
import { perBank, type Rule } from './rule.js';

/**
 * The depth most questions of a form use is its style (a file may write a list, then headings: each form
 * has its own); a tie goes to the first question's depth.
 */
function depthCounts(bank: Bank): { counts: Map<number, number>; usual: number; questions: Question[] }[] {
  const starts = [1, ...(bank.forms ?? []).map((f) => f.line), Infinity];
  return starts.slice(1).map((end, i) => {
    const questions = bank.questions.filter((q) => q.line >= starts[i]! && q.line < end);
    const counts = new Map<number, number>();
    for (const q of questions) counts.set(q.depth, (counts.get(q.depth) ?? 0) + 1);
    const usual = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best), [0, 0])[0];
    return { counts, usual, questions };
  });
}

export const mixedHeadingDepth: Rule = {
  id: 'mixed-heading-depth',
  severity: 'warning',
  description: 'Question headings of a bank are written at different depths (### and ####).',
  hint: 'Write every question heading at the same depth.',
  check: perBank((bank) =>
    depthCounts(bank).flatMap(({ counts, usual, questions }) => {
      const marks = '#'.repeat(usual);
      return questions
        .filter((q) => q.depth !== usual)
        .map((q) => ({
          ...q,
          message: `Question ${numberLabel(q)} is a depth-${q.depth} heading; ${counts.get(usual)} of ${questions.length} questions are depth ${usual} (${marks}).`,
          hint: `Write it as "${marks} ${q.number}) ...".`,
        }));
    }),
  ),
  fix: (book) =>
    book.banks.flatMap((bank) =>
      depthCounts(bank).flatMap(({ usual, questions }) => questions.filter((q) => q.depth !== usual).map((question) => ({ kind: 'depth' as const, question, depth: usual }))),
    ),
};
