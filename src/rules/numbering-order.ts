import { renumber } from './renumber.js';
import { inSection, numberedRuns, perBank, type Rule } from './rule.js';
import { numberLabel } from '../model.js';

export const numberingOrder: Rule = {
  id: 'numbering-order',
  severity: 'warning',
  description: 'A question is numbered lower than the question before it.',
  hint: 'Move the question to its place, or renumber it.',
  check: perBank((bank) =>
    numberedRuns(bank).flatMap((run) =>
      run.slice(1).flatMap((q, i) => {
        const previous = run[i]!;
        return q.number < previous.number ? [{ ...q, message: `Question ${numberLabel(q)} comes after question ${numberLabel(previous)}${inSection(bank, q)}.` }] : [];
      }),
    ),
  ),
  fix: renumber,
};
