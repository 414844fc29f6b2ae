import { shorten, type Rule } from './rule.js';
import { versionsOf } from './versions.js';
import { numberLabel } from '../model.js';

export const questionRemoved: Rule = {
  id: 'question-removed',
  severity: 'info',
  description: 'With --since REF: a question of REF is no longer in the bank (learners keep its Anki cards).',
  hint: 'If it was moved to another bank or reworded beyond recognition, give it its old id with <!-- id: ... -->.',
  check: (book) => {
    const { kept, removed } = versionsOf(book);
    const now = new Map(kept.map(({ before, after }) => [before, after]));
    return removed.map((q) => {
      // Reported where it stood: at the first question that followed it and is still there, else the title.
      const old = book.previous!.banks.find((b) => b.file === q.file)!.questions;
      const next = old.slice(old.indexOf(q) + 1).find((b) => now.has(b));
      const bank = book.banks.find((b) => b.file === q.file)!;
      const place = next ? now.get(next)! : { file: bank.file, line: bank.titleLine, column: 1 };
      return { ...place, message: `Question ${numberLabel(q)} "${shorten(q.title)}" (id ${q.id}) was removed since ${book.previous!.ref}.` };
    });
  },
};
