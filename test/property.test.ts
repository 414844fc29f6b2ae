// Whatever Markdown a contributor writes, the parser and the rules return a model and diagnostics.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validate } from '../src/validate.js';
import { bookOf } from './support/book.js';

// Fragments biased toward what trips a question parser: headings, numbers, brackets, links, HTML, code.
const fragment = fc.oneof(
  fc.constantFrom('# ', '## ', '### ', '#### ', '##### ', '\n', '\n\n', '1) ', '12. ', '66) ', '[', ']', '(', ')', '[[src]](', '[[Answer]](', 'https://x.example/', 'http://y.example', '<!-- id: a -->', '<script>', '</script>', '<img src=x onerror=alert(1)>', '```', '`', '*', '**', '- ', '| a | b |\n|---|---|\n', '> ', '&amp;', '\u0000', '\uFFFD', 'λ', '😀', '\t', '\\'),
  fc.string({ maxLength: 12 }),
);
const markdown = fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join(''));

describe('parser and rules on arbitrary Markdown', () => {
  it('never throw, and return a well-formed model with diagnostics', () => {
    fc.assert(
      fc.property(markdown, (text) => {
        const book = bookOf(text);
        const diagnostics = validate(book);
        const questions = book.banks[0]!.questions;
        expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
        for (const q of questions) {
          expect(q.line).toBeGreaterThanOrEqual(1);
          expect(q.answerHtml).not.toMatch(/<script|onerror=|javascript:/i);
        }
        for (const d of diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 400, seed: 20261126 },
    );
  });
});
