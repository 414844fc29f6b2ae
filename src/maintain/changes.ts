// mlq changes: the questions added, removed, reworded and with changed answers since a git ref, as
// Markdown (release notes, a pull request's job summary) or JSON (tools). Pure: from the book to text.
import { markdownText, printableJson } from '../cli/terminal.js';
import type { Book, Question } from '../model.js';
import { versionsOf } from '../rules/versions.js';

export const CHANGE_FORMATS = ['markdown', 'json'] as const;
export type ChangeFormat = (typeof CHANGE_FORMATS)[number];

export interface ChangedQuestion {
  id: string;
  number: number;
  title: string;
  file: string;
  line: number;
}

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
}

const entry = ({ id, number, title, file, line }: Question): ChangedQuestion => ({ id, number, title, file, line });

/** The changes of a book loaded with `since` (its `previous` banks). */
export function changesOf(book: Book): Changes {
  const { kept, added, removed } = versionsOf(book);
  return {
    since: book.previous?.ref ?? '',
    added: added.map(entry),
    removed: removed.map(entry),
    reworded: kept
      .filter(({ before, after }) => before.title !== after.title)
      .map(({ before, after }) => ({ ...entry(after), previousId: before.id, previousNumber: before.number, previousTitle: before.title })),
    answerChanged: kept.filter(({ before, after }) => before.answerText !== after.answerText).map(({ after }) => entry(after)),
  };
}

export function changesMarkdown(changes: Changes, banks: number): string {
  const where = (q: ChangedQuestion) => (banks > 1 ? ` (${markdownText(q.file)})` : '');
  const line = (q: ChangedQuestion) => `- ${q.number}) ${markdownText(q.title)} \`${q.id}\`${where(q)}`;
  const rewordedLine = (q: Reworded) =>
    `- ${q.number}) ${markdownText(q.title)}${where(q)} (was ${q.previousNumber}) ${markdownText(q.previousTitle)}; ` +
    (q.id === q.previousId ? `id \`${q.id}\` kept)` : `id \`${q.previousId}\` becomes \`${q.id}\`)`);
  const sections: [string, string[]][] = [
    ['Added', changes.added.map(line)],
    ['Removed', changes.removed.map(line)],
    ['Reworded', changes.reworded.map(rewordedLine)],
    ['Answers changed', changes.answerChanged.map(line)],
  ];
  const counts = `${changes.added.length} added, ${changes.removed.length} removed, ${changes.reworded.length} reworded, ${changes.answerChanged.length} with a changed answer`;
  const lines = [`## Question changes since ${markdownText(changes.since)}`, '', `${counts}.`, ''];
  for (const [title, items] of sections) if (items.length) lines.push(`### ${title}`, '', ...items, '');
  return `${lines.join('\n')}`;
}

export function changesJson(changes: Changes): string {
  return printableJson(changes);
}
