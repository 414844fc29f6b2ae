import { renumber } from './renumber.js';
import { perBank, type Rule } from './rule.js';

export const duplicateNumber: Rule = {
  id: 'duplicate-number',
  severity: 'error',
  description: 'Two questions of a bank have the same number.',
  hint: 'Renumber the later question.',
  check: perBank((bank) => {
    const firstLine = new Map<number, number>();
    const highest = bank.questions.reduce((max, q) => Math.max(max, q.number), 0);
    return bank.questions.flatMap((q) => {
      const seen = firstLine.get(q.number);
      if (seen === undefined) {
        firstLine.set(q.number, q.line);
        return [];
      }
      return [{ ...q, message: `Question number ${q.number} is used twice (first at line ${seen}).`, hint: `Renumber it, e.g. to ${highest + 1} if it is the last one.` }];
    });
  }),
  fix: renumber,
};
