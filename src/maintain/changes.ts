// mlq changes: the questions added, removed, reworded and with changed answers since a git ref, as
// Markdown (release notes, a pull request's job summary) or JSON (tools). Pure: from the book to text.
import { markdownText, printableJson } from '../cli/terminal.js';
import { numberLabel, type Bank, type Book, type Question } from '../model.js';
import { writeNumber } from '../read/layouts/layout.js';
import { versionsOf } from '../rules/versions.js';

export const CHANGE_FORMATS = ['markdown', 'json'] as const;
export type ChangeFormat = (typeof CHANGE_FORMATS)[number];

export interface Reworded extends ChangedQuestion {
  previousId: string;
  previousNumber: number;
  previousTitle: string;
}

export interface Changes {
  since: string;
  added: ChangedQuestion[];
  removed: ChangedQuestion[];
  reworded: Reworded[];
  answerChanged: ChangedQuestion[];
  /** Kept questions whose number changed (a renumbering: learners' Anki cards keep their progress). */
  renumbered: Renumbered[];
}

export interface Renumbered extends ChangedQuestion {
  previousNumber: number;
}

/** A question's number as its bank writes it ("6." where the bank writes "6.", "Q6:" for "Q6:"). */
export interface ChangedQuestion {
  id: string;
  number: number;
  /** The number as the bank writes it. */
  written: string;
  title: string;
  file: string;
  line: number;
}

/** The number of a question as its bank writes it; "6)" where the bank writes none. */
function writtenNumber(banks: Bank[], q: Question): string {
  const form = banks.find((bank) => bank.file === q.file)?.numberForm;
  return form ? writeNumber(form, q.number, q.parentNumber).trim() : `${numberLabel(q)})`;
}

/** The changes of a book loaded with `since` (its `previous` banks). */
export function changesOf(book: Book): Changes {
  const { kept, added, removed } = versionsOf(book);
  const entry = (q: Question, banks = book.banks): ChangedQuestion => ({ id: q.id, number: q.number, written: writtenNumber(banks, q), title: q.title, file: q.file, line: q.line });
  return {
    since: book.previous?.ref ?? '',
    added: added.map((q) => entry(q)),
    removed: removed.map((q) => entry(q, book.previous?.banks ?? [])),
    reworded: kept
      .filter(({ before, after }) => before.title !== after.title)
      .map(({ before, after }) => ({ ...entry(after), previousId: before.id, previousNumber: before.number, previousTitle: before.title })),
    answerChanged: kept.filter(({ before, after }) => before.answerText !== after.answerText).map(({ after }) => entry(after)),
    renumbered: kept.filter(({ before, after }) => before.number !== after.number).map(({ before, after }) => ({ ...entry(after), previousNumber: before.number })),
  };
}

/**
 * The changes as Markdown (release notes, a job summary): bank text escaped so that it shows as written.
 * On a terminal, where Markdown is not rendered, `text` is `printable` instead: no escapes to read past.
 */
export function changesMarkdown(changes: Changes, banks: number, text: (s: string) => string = markdownText): string {
  const where = (q: ChangedQuestion) => (banks > 1 ? ` (${text(q.file)})` : '');
  const line = (q: ChangedQuestion) => `- ${q.written} ${text(q.title)} \`${q.id}\`${where(q)}`;
  const rewordedLine = (q: Reworded) =>
    `- ${q.written} ${text(q.title)}${where(q)} (was ${q.previousNumber}: ${text(q.previousTitle)}; ` +
    (q.id === q.previousId ? `id \`${q.id}\` kept)` : `id \`${q.previousId}\` becomes \`${q.id}\`)`);
  const renumberedLine = (q: Renumbered) => `- ${q.written} ${text(q.title)}${where(q)} (was ${q.previousNumber}; id \`${q.id}\` kept)`;
  const sections: [string, string[]][] = [
    ['Added', changes.added.map(line)],
    ['Removed', changes.removed.map(line)],
    ['Reworded', changes.reworded.map(rewordedLine)],
    ['Answers changed', changes.answerChanged.map(line)],
    ['Renumbered', changes.renumbered.map(renumberedLine)],
  ];
  const counts =
    `${changes.added.length} added, ${changes.removed.length} removed, ${changes.reworded.length} reworded, ${changes.answerChanged.length} with a changed answer` +
    (changes.renumbered.length ? `, ${changes.renumbered.length} renumbered (their ids, and learners' Anki cards, are kept)` : '');
  const lines = [`## Question changes since ${text(changes.since)}`, '', `${counts}.`, ''];
  for (const [title, items] of sections) if (items.length) lines.push(`### ${title}`, '', ...items, '');
  return `${lines.join('\n')}`;
}

export function changesJson(changes: Changes): string {
  return printableJson(changes);
}
