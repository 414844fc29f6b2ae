import { inSection, numberedRuns, perBank, type Rule } from './rule.js';

export const numberingOrder: Rule = {
  id: 'numbering-order',
  severity: 'warning',
  description: 'A question is numbered lower than the question before it.',
  hint: 'Move the question to its place, or renumber it.',
  check: perBank((bank) =>
    numberedRuns(bank).flatMap((run) =>
      run.slice(1).flatMap((q, i) => {
        const previous = run[i]!.number;
        return q.number < previous ? [{ ...q, message: `Question ${q.number} comes after question ${previous}${inSection(bank, q)}.` }] : [];
      }),
    ),
  ),
};
