// The fix the numbering rules share: every question numbered in reading order, 1, 2, 3, ..., per bank, or
// per topic section where the bank numbers its questions again from 1 in each section.
import type { Bank, Book, Question } from '../model.js';
import type { Fix } from './rule.js';

/** The runs of questions numbered together: the whole bank, or each section where most sections start at 1. */
export function numberingGroups(bank: Bank): Question[][] {
  const sections: Question[][] = [];
  for (const q of bank.questions) {
    const last = sections.at(-1);
    if (last && last[0]!.section === q.section) last.push(q);
    else sections.push([q]);
  }
  const restarting = sections.filter((group) => group[0]!.section !== null && group[0]!.number === 1).length;
  return sections.length > 1 && restarting > sections.length / 2 ? sections : [bank.questions];
}

export function renumber(book: Book): Fix[] {
  return book.banks.flatMap((bank) =>
    numberingGroups(bank).flatMap((group) =>
      group.flatMap((question, i): Fix[] => (question.number === i + 1 ? [] : [{ kind: 'number', question, number: i + 1 }])),
    ),
  );
}
