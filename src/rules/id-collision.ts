import { allQuestions } from '../model.js';
import type { Rule } from './rule.js';

export const idCollision: Rule = {
  id: 'id-collision',
  severity: 'warning',
  description: 'Two questions get the same id; the later one gets a numbered suffix.',
  hint: 'Give one of them its own id with <!-- id: some-name --> after the heading.',
  check: (book) =>
    allQuestions(book)
      .filter((q) => q.id !== q.baseId)
      .map((q) => ({ ...q, message: `Question ${q.number}: the id "${q.baseId}" is already taken; it gets "${q.id}".` })),
};
