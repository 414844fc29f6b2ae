// `mlq check --explain`: how each bank was read, and why.
import type { Book } from '../model.js';
import { LAYOUTS } from '../read/layouts/index.js';
import type { LayoutId } from '../read/layouts/layout.js';
import { plural } from '../plural.js';
import { printable } from './terminal.js';

export function explainBook(book: Pick<Book, 'banks'>): string {
  return book.banks
    .map((bank) => {
      // The model keeps a layout's id as text; the reader gave it.
      const depth = LAYOUTS[bank.layout as LayoutId].questionsAre ?? (bank.questionDepth ? `${'#'.repeat(bank.questionDepth)} headings` : 'list items');
      const head = `${bank.file}: layout ${bank.layout}, questions are ${depth}, numbering ${bank.numbering}; ${plural(bank.questions.length, 'question')} in ${plural(bank.sections.length, 'section')}, title "${bank.title}"`;
      // Each line printable on its own: a title or file name cannot break a line, or clear the screen.
      return [head, ...bank.explanation.map((line) => `  ${line}`)].map(printable).join('\n');
    })
    .join('\n')
    .concat('\n');
}
