import { perBank, type Rule } from './rule.js';

export const titleCount: Rule = {
  id: 'title-count',
  severity: 'warning',
  description: 'The title claims a number of questions that differs from the questions found.',
  hint: 'Update the count in the title.',
  check: perBank((bank) =>
    bank.claimedCount !== null && bank.claimedCount !== bank.questions.length
      ? [
          {
            file: bank.file,
            line: bank.titleLine,
            column: 1,
            message: `The title claims ${bank.claimedCount} questions, but the bank has ${bank.questions.length}.`,
            hint: `Change ${bank.claimedCount} to ${bank.questions.length} in the title.`,
          },
        ]
      : [],
  ),
  fix: (book) =>
    book.banks.flatMap((bank) =>
      bank.claimedCount !== null && bank.claimedCount !== bank.questions.length ? [{ kind: 'count' as const, bank, count: bank.questions.length }] : [],
    ),
};
