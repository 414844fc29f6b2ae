// `mlq check --explain`: how each bank was read, and why.
import type { Book } from '../model.js';
import { plural } from './report.js';

export function explainBook(book: Pick<Book, 'banks'>): string {
  return book.banks
    .map((bank) => {
      const depth = bank.layout === 'bold' ? 'bold paragraphs' : bank.questionDepth ? `${'#'.repeat(bank.questionDepth)} headings` : 'list items';
      const head = `${bank.file}: layout ${bank.layout}, questions are ${depth}, numbering ${bank.numbering}; ${plural(bank.questions.length, 'question')} in ${plural(bank.sections.length, 'section')}, title "${bank.title}"`;
      return [head, ...bank.explanation.map((line) => `  ${line}`)].join('\n');
    })
    .join('\n')
    .concat('\n');
}
