// The words every output uses, in one table, so that the PDF, the e-book and the deck cannot drift apart.
import { allQuestions, type Book } from '../../model.js';
import { linkTarget } from './links.js';
import { plural } from '../../plural.js';

export const WORDS = {
  contents: 'Contents',
  titlePage: 'Title page',
  cover: 'Cover',
  landmarks: 'Landmarks',
  /** Where the reading starts, in an e-book's landmarks. */
  start: 'Start of the questions',
  /** Shown where a question has no answer and no link to one. */
  noAnswer: 'No answer yet: contributions welcome.',
  upstream: 'Upstream list: ',
} as const;

export { plural };

/** "Answer:", "Answers:", "Source:", "Sources:": the label before a question's links of that kind. */
export const linksLabel = (kind: 'answer' | 'source', count: number) => `${kind === 'answer' ? 'Answer' : 'Source'}${count === 1 ? '' : 's'}: `;

/** "67 questions", "120 questions in 2 parts". */
export function questionCount(book: Book): string {
  const parts = book.banks.length;
  return `${plural(allQuestions(book).length, 'question')}${parts > 1 ? ` in ${parts} parts` : ''}`;
}

export interface TitleFact {
  text: string;
  /** A URL printed after the text, as a link. */
  link?: string;
  /** Fine print: the licence and the upstream list. */
  small?: boolean;
}

/** The facts a title page (and a deck's description) gives after the title, in order. */
export function titleFacts(book: Book): TitleFact[] {
  const { meta } = book;
  const date = meta.sourceDate.slice(0, 10);
  return [
    ...(meta.authors.length > 0 ? [{ text: meta.authors.join(', ') }] : []),
    { text: questionCount(book) },
    ...(date ? [{ text: `Source dated ${date}` }] : []),
    ...(meta.license ? [{ text: meta.license, small: true }] : []),
    // Through the link filter like every URL: a config is untrusted too.
    ...(linkTarget(meta.upstream) ? [{ text: WORDS.upstream, link: linkTarget(meta.upstream)!, small: true }] : []),
  ];
}
