// Reading the Anki outputs the way Anki does: CSV file headers, HTML as a browser parses it, stripped sort fields.
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { raw } from 'hast-util-raw';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { expect } from 'vitest';

export interface CsvNote {
  guid: string;
  deck: string;
  front: string;
  back: string;
  /** Every field column, in order (Front, Back, Number). */
  fields: string[];
  tags: string[];
}

export interface AnkiCsv {
  headers: Record<string, string>;
  notes: CsvNote[];
}

const SEPARATORS: Record<string, string> = { comma: ',', semicolon: ';', tab: '\t', space: ' ', pipe: '|', colon: ':' };

/**
 * Honours the `#key:value` lines at the top (Anki 2.1.55+): the separator, the guid/deck/tags columns; the other
 * columns are the note's fields in order, Front, Back, Number.
 */
export function parseAnkiCsv(text: string): AnkiCsv {
  const lines = text.split('\n');
  const headers: Record<string, string> = {};
  let bodyStart = 0;
  for (const line of lines) {
    if (!line.startsWith('#')) break;
    const colon = line.indexOf(':');
    headers[line.slice(1, colon).trim().toLowerCase()] = line.slice(colon + 1);
    bodyStart += line.length + 1;
  }
  const separator = SEPARATORS[headers.separator!.toLowerCase()] ?? headers.separator!;
  const records: string[][] = parse(text.slice(bodyStart), { delimiter: separator, relax_column_count: false });
  const column = (key: string) => Number(headers[`${key} column`]) - 1;
  const meta = new Set([column('guid'), column('deck'), column('tags')]);
  const notes = records.map((record) => {
    const fields = record.filter((_, i) => !meta.has(i));
    return {
      guid: record[column('guid')]!,
      deck: record[column('deck')]!,
      front: fields[0]!,
      back: fields[1]!,
      fields,
      tags: record[column('tags')]!.split(/\s+/).filter(Boolean),
    };
  });
  return { headers, notes };
}

/**
 * Whether a card's back teaches anything: what is left once the sources, an "Answer: <link>" paragraph and the
 * "No answer yet" note are taken away, read as a browser would.
 */
export function hasAnswer(back: string): boolean {
  const tree = parseHtml(back);
  const own = tree.children.filter((node) => {
    if (node.type !== 'element') return true;
    const text = textOf(node);
    return !((node.properties.className as string[] | undefined)?.includes('sources') || /^Answers?: /.test(text) || /^No answer yet/.test(text));
  });
  return own.some((node) => textOf(node).trim() !== '');
}

function textOf(node: Root['children'][number]): string {
  const parts: string[] = [];
  visit(node, 'text', (text) => {
    parts.push(text.value);
  });
  return parts.join('');
}

/** A deck path names no level twice (case, spacing and punctuation aside), nor an empty one. */
export function expectNoRepeatedLevel(deck: string): void {
  const levels = deck.split('::').map((level) => level.toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim());
  expect(levels.every(Boolean), deck).toBe(true);
  expect(new Set(levels).size, deck).toBe(levels.length);
}

/** A field's HTML as a browser would build it (parse5, through hast-util-raw). */
export function parseHtml(html: string): Root {
  return raw({ type: 'root', children: [{ type: 'raw', value: html }] } as Root) as Root;
}

const ACTIVE = new Set(['script', 'style', 'img', 'iframe', 'object', 'embed', 'picture', 'source', 'link', 'meta', 'base', 'form', 'svg', 'math', 'video', 'audio']);
const URL_PROPERTIES = ['href', 'src', 'srcSet', 'action', 'formAction', 'cite', 'longDesc', 'poster', 'data'];

/** What in a card's HTML could run or fetch something; empty for an inert field. */
export function activeHtml(html: string): string[] {
  const found: string[] = [];
  visit(parseHtml(html), 'element', (node: Element) => {
    if (ACTIVE.has(node.tagName)) found.push(`<${node.tagName}>`);
    for (const [key, value] of Object.entries(node.properties)) {
      if (/^on/i.test(key)) found.push(`${node.tagName}[${key}]`);
      if (URL_PROPERTIES.includes(key) && /^\s*(?:javascript|vbscript|data):/i.test(String(value))) found.push(`${node.tagName}[${key}=${String(value)}]`);
    }
  });
  return found;
}

/** Anki's `strip_html_preserving_media_filenames` for a field without media: tags out, entities decoded. */
export function ankiStrip(html: string): string {
  const withoutTags = html
    .replace(/<!--.*?-->/gs, '')
    .replace(/<style.*?>.*?<\/style>/gis, '')
    .replace(/<script.*?>.*?<\/script>/gis, '')
    .replace(/<.*?>/gs, '');
  const parts: string[] = [];
  visit(parseHtml(withoutTags.replace(/&nbsp;/g, ' ')), 'text', (node) => {
    parts.push(node.value);
  });
  return parts.join('');
}

/** Anki's note checksum, computed apart from the writer. */
export function ankiChecksum(strippedFirstField: string): number {
  return Number.parseInt(createHash('sha1').update(strippedFirstField).digest('hex').slice(0, 8), 16);
}
