import type { Bank } from '../model.js';
import { perBank, type Rule } from './rule.js';

/** The depth most questions use is the bank's style; a tie goes to the first question's depth. */
function depthCounts(bank: Bank): { counts: Map<number, number>; usual: number } {
  const counts = new Map<number, number>();
  for (const q of bank.questions) counts.set(q.depth, (counts.get(q.depth) ?? 0) + 1);
  const usual = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best), [0, 0])[0];
  return { counts, usual };
}

export const mixedHeadingDepth: Rule = {
  id: 'mixed-heading-depth',
  severity: 'warning',
  description: 'Question headings of a bank are written at different depths (### and ####).',
  hint: 'Write every question heading at the same depth.',
  check: perBank((bank) => {
    const { counts, usual } = depthCounts(bank);
    if (counts.size < 2) return [];
    const marks = '#'.repeat(usual);
    return bank.questions
      .filter((q) => q.depth !== usual)
      .map((q) => ({
        ...q,
        message: `Question ${q.number} is a depth-${q.depth} heading; ${counts.get(usual)} of ${bank.questions.length} questions are depth ${usual} (${marks}).`,
        hint: `Write it as "${marks} ${q.number}) ...".`,
      }));
  }),
  fix: (book) =>
    book.banks.flatMap((bank) => {
      const { usual } = depthCounts(bank);
      return bank.questions.filter((q) => q.depth !== usual).map((question) => ({ kind: 'depth' as const, question, depth: usual }));
    }),
};
