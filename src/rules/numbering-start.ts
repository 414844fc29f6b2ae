import { renumber } from './renumber.js';
import { perBank, type Rule } from './rule.js';

export const numberingStart: Rule = {
  id: 'numbering-start',
  severity: 'warning',
  description: 'The first question of a bank is not numbered 1.',
  hint: 'Number the first question 1.',
  check: perBank((bank) => {
    const first = bank.questions[0];
    return first && first.number !== 1 ? [{ ...first, message: `The first question is numbered ${first.number}, not 1.` }] : [];
  }),
  fix: renumber,
};
