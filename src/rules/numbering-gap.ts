import { renumber } from './renumber.js';
import { inSection, numberedRuns, perBank, type Rule } from './rule.js';
import { numberLabel } from '../model.js';

export const numberingGap: Rule = {
  id: 'numbering-gap',
  severity: 'warning',
  description: 'Question numbers skip one or more numbers.',
  hint: 'Renumber the questions so that they follow on without gaps.',
  check: perBank((bank) =>
    numberedRuns(bank).flatMap((run) =>
      run.slice(1).flatMap((q, i) => {
        const previous = run[i]!;
        return q.number > previous.number + 1 ? [{ ...q, message: `Numbering skips from ${numberLabel(previous)} to ${numberLabel(q)}${inSection(bank, q)}.` }] : [];
      }),
    ),
  ),
  fix: renumber,
};
