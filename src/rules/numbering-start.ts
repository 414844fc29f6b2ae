import { renumber } from './renumber.js';
import { inSection, numberedRuns, perBank, type Rule } from './rule.js';
import { numberLabel } from '../model.js';

export const numberingStart: Rule = {
  id: 'numbering-start',
  severity: 'warning',
  description: 'The first question of a bank (or of a section, where the bank numbers per section) is not numbered 1.',
  hint: 'Number the first question 1.',
  check: perBank((bank) =>
    numberedRuns(bank).flatMap(([first]) =>
      first && first.number !== 1 ? [{ ...first, message: `The first question${inSection(bank, first)} is numbered ${numberLabel(first)}, not 1.` }] : [],
    ),
  ),
  fix: renumber,
};
