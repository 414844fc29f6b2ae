import { type Book, numberLabel } from '../model.js';
import type { Rule } from './rule.js';
import { versionsOf } from './versions.js';

/** Questions matched with what they were at `--since REF`, whose id is not what it was. */
const renamed = (book: Book) => versionsOf(book).kept.filter(({ before, after }) => before.id !== after.id);

export const idChanged: Rule = {
  id: 'id-changed',
  severity: 'warning',
  description: 'With --since REF: a reworded question gets a new id, so its Anki cards lose their history and links to it break.',
  hint: 'Keep the old id with an <!-- id: ... --> comment in the heading (mlq fix --since REF adds it).',
  check: (book) =>
    renamed(book).map(({ before, after }) => ({
      ...after,
      message: `Question ${numberLabel(after)} was reworded since ${book.previous!.ref}: its id changes from "${before.id}" to "${after.id}", so learners' Anki cards for it start again and links to #${before.id} break.`,
      hint: `Keep the old id: add <!-- id: ${before.id} --> to the heading (mlq fix --since ${book.previous!.ref} does it).`,
    })),
  fix: (book) => renamed(book).map(({ before, after }) => ({ kind: 'id' as const, question: after, id: before.id })),
};
