// deck.csv: Anki's text import (2.1.55+), with file headers so that importing needs no settings.
import type { Config } from '../../config.js';
import type { Writer } from '../writer.js';
import type { Book } from '../../model.js';
import { toAnkiNotes, type AnkiNote } from './notes.js';

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula. In an HTML
 * field the first character becomes its character reference, which Anki renders as the character itself.
 * The other columns cannot start so: GUIDs are hex, numbers digits and dots, tags words, deck names are cleaned (notes.ts).
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const htmlField = (html: string) => html.replace(FORMULA_START, (char) => `&#${char.charCodeAt(0)};`);

/** Column order follows Anki's own note export: GUID, deck, the note type's fields (notetype.ts), then tags. */
const COLUMNS: readonly ((note: AnkiNote) => string)[] = [
  (note) => note.guid,
  (note) => note.deck,
  (note) => htmlField(note.front),
  (note) => htmlField(note.back),
  (note) => note.number,
  (note) => note.tags.join(' '),
];

/*
 * Anki's text import (rslib/src/import_export/text/csv/metadata.rs, parse_meta_value) looks the `#notetype:`
 * value up by name or id (notetype_by_name_or_id). Anki's own "Basic" is named in the user's language, so
 * the file names the deck's note type, which deck.apkg brings; where it is missing, Anki falls back to the
 * note type it would add with (maybe_set_notetype_and_deck) and its first fields get Front and Back. No
 * `#columns:` header: with names Anki maps fields by name; without, the non-meta columns in order
 * (map_field_columns_by_index), which fits a note type in any language. A CSV cannot suspend a card: Anki
 * reads no card state from a text file (ForeignNote has no queue), so unanswered notes carry the tag only.
 */
const headersOf = (noteType: string) => ['#separator:Comma', '#html:true', `#notetype:${noteType}`, '#guid column:1', '#deck column:2', '#tags column:6'];

/** RFC 4180: a field holding the separator, a quote or a line break is quoted, its quotes doubled. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toAnkiCsv(book: Book, config: Config): { text: string; warnings: string[] } {
  const { noteType, notes, warnings } = toAnkiNotes(book, config);
  const rows = notes.map((note) => COLUMNS.map((column) => csvField(column(note))).join(','));
  return { text: [...headersOf(noteType), ...rows].map((line) => `${line}\n`).join(''), warnings };
}

export const csvFormat: Writer = {
  write: async (book, { config }) => {
    const { text, warnings } = toAnkiCsv(book, config);
    return { files: [{ path: 'deck.csv', bytes: new TextEncoder().encode(text) }], warnings };
  },
};
