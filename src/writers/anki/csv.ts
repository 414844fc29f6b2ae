// deck.csv: Anki's text import (2.1.55+), with file headers so that importing needs no settings.
import type { Config } from '../../config.js';
import type { Writer } from '../writer.js';
import type { Book } from '../../model.js';
import { toAnkiNotes, type AnkiNote } from './notes.js';

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula. In an HTML
 * field the first character becomes its character reference, which Anki renders as the character itself.
 * The other columns cannot start so: GUIDs are hex, tags are slugs, deck names are cleaned (notes.ts).
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const htmlField = (html: string) => html.replace(FORMULA_START, (char) => `&#${char.charCodeAt(0)};`);

/** Column order follows Anki's own note export: GUID, deck, the fields, then tags. */
const COLUMNS: readonly ((note: AnkiNote) => string)[] = [
  (note) => note.guid,
  (note) => note.deck,
  (note) => htmlField(note.front),
  (note) => htmlField(note.back),
  (note) => note.tags.join(' '),
];

/*
 * No `#columns:` header: with names, Anki maps fields by name, and a Basic note type whose fields are named in
 * another language would get the GUID as its front. Without names it maps the non-meta columns in order.
 */
const HEADERS = ['#separator:Comma', '#html:true', '#notetype:Basic', '#guid column:1', '#deck column:2', '#tags column:5'];

/** RFC 4180: a field holding the separator, a quote or a line break is quoted, its quotes doubled. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toAnkiCsv(book: Book, config: Config): { text: string; warnings: string[] } {
  const { notes, warnings } = toAnkiNotes(book, config);
  const rows = notes.map((note) => COLUMNS.map((column) => csvField(column(note))).join(','));
  return { text: [...HEADERS, ...rows].map((line) => `${line}\n`).join(''), warnings };
}

export const csvFormat: Writer = {
  write: async (book, { config }) => {
    const { text, warnings } = toAnkiCsv(book, config);
    return { files: [{ path: 'deck.csv', bytes: new TextEncoder().encode(text) }], warnings };
  },
};
