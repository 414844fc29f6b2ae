// From the book to Anki notes: the one step the CSV and the .apkg share, so both carry the same cards.
import { createHash } from 'node:crypto';
import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import type { Config } from '../../config.js';
import { normalizeTitle, slugify } from '../../read/ids.js';
import { hastToHtml } from '../../read/markdown.js';
import { allQuestions, numberLabel, titleWithoutLeadingCount, type Bank, type Book, type Link, type Question } from '../../model.js';
import { el, joined, textContent, type Child } from '../shared/hast.js';
import { domainOf, followable, needsNoAnswerNote, siteOf } from '../shared/links.js';
import { mathOf, withMath } from '../shared/math.js';
import { unsafeTexCommand } from '../shared/unsafe-tex.js';
import { WORDS, linksLabel, plural, titleFacts } from '../shared/words.js';
import { SOURCES_CLASS, noteTypeName } from './notetype.js';

export interface AnkiNote {
  /** Derived from the deck and the question's stable id only: it survives renumbering, edits and moves. */
  guid: string;
  /** Full deck name: the deck, and with several banks the bank's subdeck ("ML Interview Questions::NLP Interview Questions"). */
  deck: string;
  /** HTML fields of the deck's note type (notetype.ts). The number is a field of its own (in the .apkg): on the front,
   * inserting one question would change every later front, and with it Anki's duplicate check. */
  front: string;
  back: string;
  /** The question's number as the bank shows it ("12", "1.2.3"). */
  number: string;
  /** The front as Anki strips it for its sort field and checksum. */
  frontText: string;
  tags: string[];
  /** No answer of its own (none, or only a link): a card nobody can learn from, suspended until answered. */
  unanswered: boolean;
}

export interface AnkiNotes {
  /** The deck's name as configured: the scope of the GUIDs and of the note type's id. */
  deckName: string;
  /** The top deck as Anki shows it (no control characters, no nesting). */
  topDeck: string;
  /** The name of the deck's own note type (notetype.ts), which deck.csv names. */
  noteType: string;
  /** The deck's description, as HTML: title, count, source date, licence and link. */
  description: string;
  notes: AnkiNote[];
  warnings: string[];
}

/** Anki nests decks and tags at "::". */
export const NESTING = '::';
/** The tag of a question without an answer of its own: Anki's browser finds them with `tag:mlq::unanswered`. */
export const UNANSWERED_TAG = `mlq${NESTING}unanswered`;
/** Control characters out of every field: 0x1f separates fields inside Anki's database. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function deckNameOf(book: Book, config: Config): string {
  return config.deck.name.trim() || book.meta.title.trim() || 'Interview Questions';
}

export function toAnkiNotes(book: Book, config: Config): AnkiNotes {
  const deckName = deckNameOf(book, config);
  const namespace = guidNamespace(deckName);
  const topDeck = deckPath(deckName, null);
  const warnings: string[] = [];
  const kept = (q: Question) => q.hasAnswer || config.deck.unanswered !== 'omit';
  const notes = book.banks.flatMap((bank) =>
    bank.questions.filter(kept).map((q): AnkiNote => {
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
        deck: deckPath(deckName, book.banks.length > 1 ? bankLabel(bank) : null),
        front: fieldHtml(front.tree),
        back: fieldHtml(back.tree),
        number: numberLabel(q),
        frontText: textOf(front.tree),
        tags: tagsOf(q),
        unanswered: !q.hasAnswer,
      };
    }),
  );
  return { deckName, topDeck, noteType: noteTypeName(topDeck), description: descriptionOf(book, config), notes, warnings };
}

/** The deck's description: the title page's facts, each on its line, the upstream list a link; what became of the unanswered. */
function descriptionOf(book: Book, config: Config): string {
  const unanswered = allQuestions(book).filter((q) => !q.hasAnswer).length;
  const lines = [
    el('strong', {}, [book.meta.title]),
    ...titleFacts(book).map((fact) => el('span', {}, [fact.text, fact.link ? el('a', { href: fact.link }, [fact.link]) : null])),
    unanswered > 0 ? el('span', {}, [unansweredFact(unanswered, config.deck.unanswered)]) : null,
  ].filter((line): line is Element => line !== null);
  return fieldHtml({ type: 'root', children: joined<ElementContent>(lines, el('br', {})) });
}

function unansweredFact(count: number, setting: Config['deck']['unanswered']): string {
  const questions = `${plural(count, 'question')} without an answer yet`;
  return setting === 'omit' ? `${questions}: left out.` : `${questions}: suspended, tagged ${UNANSWERED_TAG}.`;
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

/**
 * Math as Anki's own MathJax reads it: `\\( … \\)` inline, `\\[ … \\]` displayed (in a block of its own). A
 * formula with a command that would be a link or style on the card (unsafe-tex.ts) is written as its TeX, as text.
 */
function ankiMath(tree: Root): Root {
  return withMath(textOnCard(tree), ({ tex, display }) =>
    unsafeTexCommand(tex) ? cardText(display ? `$$${tex}$$` : `$${tex}$`) : [display ? el('div', {}, [`\\[${tex}\\]`]) : { type: 'text', value: `\\(${tex}\\)` }],
  );
}

/**
 * Anki's MathJax reads `\\(`, `\\)`, `\\[`, `\\]` and `$$` anywhere in a card's text as math; in a bank's text
 * (outside its formulas) they are text. An empty element between their two characters keeps them text:
 * MathJax looks for delimiters within one run of text, which any element but `<br>` and `<wbr>` ends.
 */
function textOnCard<T extends Root | Element>(tree: T): T {
  const copy = (node: ElementContent): ElementContent[] =>
    node.type === 'text' ? cardText(node.value) : node.type === 'element' && !mathOf(node) ? [{ ...node, children: node.children.flatMap(copy) }] : [node];
  return { ...tree, children: (tree.children as ElementContent[]).flatMap(copy) };
}

const cardText = (value: string): ElementContent[] =>
  joined<ElementContent>(value.split(/(?<=\\)(?=[()[\]])|(?<=\$)(?=\$)/).map((text) => ({ type: 'text', value: text })), el('span', {}, []));

/** "Sources: a.com, b.org" with each site a link; only followable URLs, so no `javascript:` URL reaches a card. */
function linkParagraph(kind: 'answer' | 'source', links: Link[]): Element[] {
  const anchors = followable(links).map(({ link, href }): Child => el('a', { href }, [domainOf(link.url)]));
  // Sources are smaller on the card (notetype.ts); an answer link stands in for the answer and keeps its size.
  const className = kind === 'source' ? [SOURCES_CLASS] : undefined;
  return anchors.length > 0 ? [el('p', { className }, [linksLabel(kind, anchors.length), ...joined(anchors, ', ')])] : [];
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
/**
 * What a deck name may not hold: control characters, and the angle brackets of markup (a deck name is plain
 * text, but deck.csv is read as HTML by people and tools: no tag, and so no link, may come from a title).
 */
const DECK_CONTROL = /[\u0000-\u001f\u007f-\u009f<>]+/g;
/** What a spreadsheet would read as a formula at the start of a cell (deck.csv is opened in spreadsheets). */
const FORMULA_START = /^[=+\-@]+/;

/**
 * The deck, and with several banks one subdeck per bank named by its title as written ("Probability (19
 * questions)"). Sections are topic tags, not subdecks: a level per section repeated the bank's words
 * ("Machine Learning Interview Questions::Questions"). A bank titled as the deck is the deck itself.
 */
function deckPath(deckName: string, bank: string | null): string {
  const part = (name: string) => name.replace(DECK_CONTROL, ' ').split(NESTING).join(':').replace(/\s+/g, ' ').trim();
  const top = part(deckName).replace(FORMULA_START, '').trim() || 'Interview Questions';
  const sub = bank === null ? '' : part(bank);
  return sub && normalizeTitle(sub) !== normalizeTitle(top) ? `${top}${NESTING}${sub}` : top;
}

/** The bank's title as written but for a count it opens with (which would rename the deck as the list grows), or its file's name. */
function bankLabel(bank: Bank): string {
  return titleWithoutLeadingCount(bank).trim() || bank.file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
}

/**
 * A word of a tag: letters and digits of any script, lower case, other runs as one "-" (Anki splits tags at
 * spaces and nests them at "::").
 */
function tagWord(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/['’`]/g, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
}

/**
 * The question's topic (its section), whether it can be learned, and the sites of its sources. No tag names
 * the deck or the bank: the deck tree says those already.
 */
function tagsOf(q: Question): string[] {
  const topic = q.section === null ? '' : tagWord(q.section);
  const domains = new Set(q.sources.flatMap((s) => {
    const site = siteOf(s.url);
    return site ? [`source${NESTING}${site}`] : [];
  }));
  return [...(topic ? [`topic${NESTING}${topic}`] : []), ...(q.hasAnswer ? [] : [UNANSWERED_TAG]), ...[...domains].sort()];
}

const clone = <T>(value: T): T => structuredClone(value);
