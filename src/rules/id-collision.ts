import { normalizeTitle } from '../read/ids.js';
import { allQuestions, numberLabel } from '../model.js';
import type { Rule } from './rule.js';

export const idCollision: Rule = {
  id: 'id-collision',
  severity: 'warning',
  description: 'Two different questions get the same id; the later one gets a numbered suffix.',
  hint: 'Give one of them its own id with <!-- id: some-name --> after the heading.',
  check: (book) => {
    const titlesById = new Map<string, Set<string>>();
    return allQuestions(book).flatMap((q) => {
      const titles = titlesById.get(q.baseId) ?? new Set<string>();
      titlesById.set(q.baseId, titles);
      const title = normalizeTitle(q.title);
      // The same question asked twice is duplicate-question's finding, not a second one here.
      const repeated = titles.has(title);
      titles.add(title);
      return q.id !== q.baseId && !repeated ? [{ ...q, message: `Question ${numberLabel(q)}: the id "${q.baseId}" is already taken; it gets "${q.id}".` }] : [];
    });
  },
};
