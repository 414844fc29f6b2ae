// The upstream list reads as it did before the reader learnt other layouts: same questions, ids and
// diagnostics. The snapshots were written from the reader of commit 9f81c0f, before any layout existed.
import { describe, expect, it } from 'vitest';
import { hastToHtml } from '../src/read/markdown.js';
import { validate } from '../src/rules/validate.js';
import { bookOf, CORPUS, read, SOURCE } from './support/book.js';

// CORPUS is a verbatim copy of ../shared/corpus/MLQuestions-README.md.
const BANKS = { source: SOURCE, corpus: CORPUS };

function reading(file: string) {
  const book = bookOf(read(file));
  const bank = book.banks[0]!;
  return {
    title: bank.title,
    titleLine: bank.titleLine,
    claimedCount: bank.claimedCount,
    sections: bank.sections.map(({ id, title, line }) => ({ id, title, line })),
    questions: bank.questions.map((q) => ({
      id: q.id,
      number: q.number,
      depth: q.depth,
      line: q.line,
      section: q.section,
      title: q.title,
      hasAnswer: q.hasAnswer,
      answerHtml: hastToHtml(q.answerTree),
      sources: q.sources.map((s) => s.url),
    })),
    diagnostics: validate(book, { 'insecure-link': 'info' }),
  };
}

describe.each(Object.entries(BANKS))('the %s bank', (name, file) => {
  it('gives the same questions, ids and diagnostics as before the layouts', async () => {
    await expect(`${JSON.stringify(reading(file), null, 1)}\n`).toMatchFileSnapshot(`fixtures/regression/${name}.json`);
  });
});
