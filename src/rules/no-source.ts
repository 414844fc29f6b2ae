import { allQuestions, numberLabel } from '../model.js';
import type { Rule } from './rule.js';

export const noSource: Rule = {
  id: 'no-source',
  severity: 'info',
  description: 'A question cites no source.',
  hint: 'Add a [[src](url)] link to the heading or a [[src]](url) link to the answer.',
  check: (book) =>
    allQuestions(book)
      .filter((q) => q.sources.length === 0)
      .map((q) => ({ ...q, message: `Question ${numberLabel(q)} cites no source.` })),
};
