// From the book to Anki notes: the one step the CSV and the .apkg share, so both carry the same cards.
import { createHash } from 'node:crypto';
import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import type { Config } from '../../config.js';
import { slugify } from '../../read/ids.js';
import { hastToHtml } from '../../read/markdown.js';
import type { Bank, Book, Link, Question } from '../../model.js';
import { el, joined, textContent, type Child } from '../shared/hast.js';
import { domainOf, followable, needsNoAnswerNote, siteOf } from '../shared/links.js';
import { withMath } from '../shared/math.js';
import { WORDS, linksLabel, titleFacts } from '../shared/words.js';

export interface AnkiNote {
  /** Derived from the deck and the question's stable id only: it survives renumbering, edits and moves. */
  guid: string;
  /** Full deck name, e.g. "ML Interview Questions::Questions". */
  deck: string;
  /** HTML fields of the Basic note type. The number is a field of its own (in the .apkg): on the front,
   * inserting one question would change every later front, and with it Anki's duplicate check. */
  front: string;
  back: string;
  number: number;
  /** The front as Anki strips it for its sort field and checksum. */
  frontText: string;
  tags: string[];
}

export interface AnkiNotes {
  deckName: string;
  /** The deck's description, as HTML: title, count, source date, licence and link. */
  description: string;
  notes: AnkiNote[];
  warnings: string[];
}

/** Anki nests decks and tags at "::". */
export const NESTING = '::';
/** Control characters out of every field: 0x1f separates fields inside Anki's database. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function deckNameOf(book: Book, config: Config): string {
  return config.deck.name.trim() || book.meta.title.trim() || 'Interview Questions';
}

export function toAnkiNotes(book: Book, config: Config): AnkiNotes {
  const deckName = deckNameOf(book, config);
  const namespace = guidNamespace(deckName);
  const warnings: string[] = [];
  const notes = book.banks.flatMap((bank) =>
    bank.questions.map((q): AnkiNote => {
      const title = tidyInline(clone(ankiMath(q.titleTree)).children as ElementContent[]);
      const answer = q.hasAnswer ? (clone(ankiMath(q.answerTree)).children as ElementContent[]) : [];
      const shown = leadOf(q, answer);
      const front = cardTree([...title, ...shown]);
      const back = cardTree(backChildren(q, shown.length > 0 ? answer.slice(answer.indexOf(shown[0]!) + 1) : answer));
      // The same words from deck.csv and deck.apkg, so that a build reports each image once.
      for (const { src, line } of [...front.images, ...back.images]) {
        warnings.push(`${q.file}:${line ?? q.line}: image "${src}" is a link on the Anki card: the deck carries no media`);
      }
      return {
        guid: guidOf(namespace, q.id),
        deck: deckPath(deckName, book.banks.length > 1 ? bankLabel(bank) : null, q.section),
        front: fieldHtml(front.tree),
        back: fieldHtml(back.tree),
        number: q.number,
        frontText: textOf(front.tree),
        tags: tagsOf(book, bank, q),
      };
    }),
  );
  return { deckName, description: descriptionOf(book), notes, warnings };
}

/** The deck's description: the title page's facts, each on its line, the upstream list a link. */
function descriptionOf(book: Book): string {
  const lines = [el('strong', {}, [book.meta.title]), ...titleFacts(book).map((fact) => el('span', {}, [fact.text, fact.link ? el('a', { href: fact.link }, [fact.link]) : null]))];
  return fieldHtml({ type: 'root', children: joined<ElementContent>(lines, el('br', {})) });
}

/**
 * What of the answer the front shows: a title that ends with ":" announces what follows ("why would the
 * following splitting mechanism be incorrect:"), so a code block that opens the answer goes to the front.
 */
function leadOf(q: Question, answer: ElementContent[]): ElementContent[] {
  if (!/:\s*$/.test(q.title)) return [];
  const first = answer.find((node) => node.type !== 'text' || node.value.trim() !== '');
  return first?.type === 'element' && first.tagName === 'pre' ? [first] : [];
}

/** GUIDs are scoped by the deck's name: renaming it starts a new deck. */
const guidNamespace = (deckName: string): string => slugify(deckName) || 'deck';

/** The GUID of a question's note in deck.csv and deck.apkg (questions.json names it too). */
export const noteGuid = (book: Book, config: Config, questionId: string): string => guidOf(guidNamespace(deckNameOf(book, config)), questionId);

/** 64 bits of a hash, in hex: an Anki GUID only has to be a unique string, and hex never starts a CSV comment. */
function guidOf(namespace: string, questionId: string): string {
  return createHash('sha256').update(`mlq\n${namespace}\n${questionId}`).digest('hex').slice(0, 16);
}

function backChildren(q: Question, answer: ElementContent[]): ElementContent[] {
  const note = needsNoAnswerNote(q) ? [el('p', {}, [el('em', {}, [WORDS.noAnswer])])] : [];
  return [...answer, ...note, ...linkParagraph('answer', q.answerLinks), ...linkParagraph('source', q.sources)];
}

/** Math as Anki's own MathJax reads it: `\\( … \\)` inline, `\\[ … \\]` displayed (in a block of its own). */
function ankiMath(tree: Root): Root {
  return withMath(tree, ({ tex, display }) => [display ? el('div', {}, [`\\[${tex}\\]`]) : { type: 'text', value: `\\(${tex}\\)` }]);
}

/** "Sources: a.com, b.org" with each site a link; only followable URLs, so no `javascript:` URL reaches a card. */
function linkParagraph(kind: 'answer' | 'source', links: Link[]): Element[] {
  const anchors = followable(links).map(({ link, href }): Child => el('a', { href }, [domainOf(link.url)]));
  return anchors.length > 0 ? [el('p', {}, [linksLabel(kind, anchors.length), ...joined(anchors, ', ')])] : [];
}

interface CardImage {
  src: string;
  /** The image's own line in the bank, where the model kept it (raw HTML loses positions). */
  line: number | null;
}

/**
 * The model's trees are sanitized already (no `<picture>` or `<source>`, remote images turned into links); on a
 * card, local images become links too: Anki would look for them in its media folder, which the deck leaves empty.
 */
function cardTree(children: ElementContent[]): { tree: Root; images: CardImage[] } {
  const tree: Root = { type: 'root', children };
  const images: CardImage[] = [];
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'img' || !parent || index === undefined) return;
    const src = String(node.properties.src ?? '');
    const label = String(node.properties.alt ?? '') || src || 'image';
    parent.children[index] = el('a', { href: src }, [label]);
    images.push({ src, line: node.position?.start.line ?? null });
    return SKIP;
  });
  return { tree, images };
}

/** A title is one line: runs of white space become one space, and none trails. */
function tidyInline(children: ElementContent[]): ElementContent[] {
  const texts: { value: string }[] = [];
  visit({ type: 'root', children } as Root, 'text', (node) => {
    const collapsed = node.value.replace(/\s+/g, ' ');
    node.value = texts[texts.length - 1]?.value.endsWith(' ') ? collapsed.trimStart() : collapsed;
    if (node.value) texts.push(node);
  });
  const last = texts[texts.length - 1];
  if (last) last.value = last.value.trimEnd();
  return children;
}

function fieldHtml(tree: Root): string {
  return hastToHtml(tree).replace(CONTROL, '');
}

/** What Anki keeps of a field once it strips the tags and decodes the entities. */
function textOf(tree: Root): string {
  return textContent(tree).replace(CONTROL, '');
}

/** Every control character (C0, DEL, C1) of a deck name, line breaks and tabs included. */
const DECK_CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;
/** What a spreadsheet would read as a formula at the start of a cell (deck.csv is opened in spreadsheets). */
const FORMULA_START = /^[=+\-@]+/;

function deckPath(deckName: string, bank: string | null, section: string | null): string {
  const part = (name: string) => name.replace(DECK_CONTROL, ' ').split(NESTING).join(':').replace(/\s+/g, ' ').trim();
  const parts = [deckName, ...[bank, section].filter((p): p is string => !!p?.trim())].map(part);
  return [parts[0]!.replace(FORMULA_START, '').trim() || 'Interview Questions', ...parts.slice(1)].join(NESTING);
}

/** The bank's title without its counts and years ("67 ... Questions 2025"), which change as the list grows. */
function bankLabel(bank: Bank): string {
  const label = bank.title.replace(/\b\d+\b/g, ' ').replace(/\s+/g, ' ').trim();
  return label || bank.file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
}

/**
 * Tags per bank and section, and the sites of the sources. A book of one bank has no bank tag: that bank is
 * the deck, and a tag that repeats the deck's name sorts nothing.
 */
function tagsOf(book: Book, bank: Bank, q: Question): string[] {
  const bankTag = book.banks.length > 1 ? slugify(bankLabel(bank)) || 'bank' : null;
  const sectionTag = q.section ? slugify(q.section) : '';
  const domains = new Set(q.sources.flatMap((s) => {
    const site = siteOf(s.url);
    return site ? [`source${NESTING}${site}`] : [];
  }));
  const own = bankTag ? [bankTag, ...(sectionTag ? [`${bankTag}${NESTING}${sectionTag}`] : [])] : sectionTag ? [sectionTag] : [];
  return [...own, ...[...domains].sort()];
}

const clone = <T>(value: T): T => structuredClone(value);
