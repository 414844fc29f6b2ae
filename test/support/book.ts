// Test helpers: a Book from Markdown text, and the repository's own files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Book, BookMeta } from '../../src/model.js';
import { parseBook } from '../../src/read/parse.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The verbatim upstream README (with its defects), kept as a fixture so the tests need nothing outside the repo.
export const CORPUS = path.join(ROOT, 'test/fixtures/upstream-README.md');
export const SOURCE = path.join(ROOT, 'source/README.md');

export const META: BookMeta = {
  title: 'Test Book',
  subtitle: '',
  authors: ['Tester'],
  language: 'en',
  license: 'MIT',
  upstream: 'https://example.org/upstream',
  description: 'A test book.',
  subjects: ['Testing'],
  sourceDate: '2024-01-02T03:04:05.000Z',
};

export function bookOf(...texts: string[]): Book {
  return parseBook({ meta: META, sources: texts.map((text, i) => ({ file: `bank${i + 1}.md`, text })) });
}

export function read(file: string): string {
  return readFileSync(file, 'utf8');
}
