import { renumber } from './renumber.js';
import { inSection, numberedRuns, perBank, type Rule } from './rule.js';
import { numberLabel } from '../model.js';

export const duplicateNumber: Rule = {
  id: 'duplicate-number',
  severity: 'error',
  description: 'Two questions of a bank (or of a section, where the bank numbers per section) have the same number.',
  hint: 'Renumber the later question.',
  check: perBank((bank) =>
    numberedRuns(bank).flatMap((run) => {
      const firstLine = new Map<number, number>();
      const highest = run.reduce((max, q) => Math.max(max, q.number), 0);
      return run.flatMap((q) => {
        const seen = firstLine.get(q.number);
        if (seen === undefined) {
          firstLine.set(q.number, q.line);
          return [];
        }
        return [{ ...q, message: `Question number ${numberLabel(q)} is used twice${inSection(bank, q)} (first at line ${seen}).`, hint: `Renumber it, e.g. to ${numberLabel({ number: highest + 1, parentNumber: q.parentNumber })} if it is the last one.` }];
      });
    }),
  ),
  fix: renumber,
};
