// deck.apkg: the notes of deck.csv as an Anki package, a zip holding a legacy (schema 11) collection.anki2 that
// every Anki 2.1 imports. Dates and ids come from the book's source date and from hashes, never from the clock.
import { createHash } from 'node:crypto';
import initSqlJs from 'sql.js';
import type { Config } from '../../config.js';
import type { Writer } from '../writer.js';
import type { Book } from '../../model.js';
import { reproducibleZip } from '../shared/zip.js';
import { NESTING, toAnkiNotes, type AnkiNote } from './notes.js';
import { CARD_CSS, CARD_TEMPLATE, NOTE_FIELDS } from './notetype.js';

/** Anki's field separator inside `notes.flds`. */
const FIELD_SEPARATOR = '\x1f';

const SCHEMA = `
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null,
  ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null,
  models text not null, decks text not null, dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null,
  usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null,
  flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null,
  mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null,
  ivl integer not null, factor integer not null, reps integer not null, lapses integer not null,
  left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null,
  ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null,
  type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
`;

const DEFAULT_DECK_ID = 1;
/** A card's queue: new, or suspended (a question without an answer: nothing to learn until it has one). */
const NEW_QUEUE = 0;
const SUSPENDED_QUEUE = -1;
const DECK_CONF_ID = 1;

/** Anki's checksum of a note: the first 8 hex digits of the SHA-1 of its stripped first field, as a number. */
function fieldChecksum(strippedText: string): number {
  return parseInt(createHash('sha1').update(strippedText, 'utf8').digest('hex').slice(0, 8), 16);
}

/**
 * Note type and deck ids are hashes of their names, not dates: a later build of the same deck must carry the
 * same ids, or Anki would add a second note type and refuse to update the notes (48 bits stay exact in JSON).
 * The + 2 keeps them clear of the Default deck's id, 1.
 */
function stableId(name: string): number {
  return parseInt(createHash('sha1').update(name, 'utf8').digest('hex').slice(0, 12), 16) + 2;
}

let sqlJs: ReturnType<typeof initSqlJs> | undefined;

export async function toApkg(book: Book, config: Config): Promise<{ bytes: Uint8Array; warnings: string[] }> {
  const { deckName, topDeck, noteType, description, notes, warnings } = toAnkiNotes(book, config);
  const sourceMs = Math.max(Date.parse(book.meta.sourceDate) || 0, 0);
  const seconds = Math.floor(sourceMs / 1000);
  // Notes and cards are numbered from the source date, in milliseconds, the way Anki numbers them from "now".
  const firstId = Math.max(sourceMs, 1);
  const modelId = stableId(`mlq model\n${deckName}`);
  const deckIds = new Map(deckNames(topDeck, notes).map((name) => [name, stableId(`mlq deck\n${name}`)]));

  const SQL = await (sqlJs ??= initSqlJs());
  const db = new SQL.Database();
  try {
    db.exec(SCHEMA);
    db.run('INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)', [
      seconds - (seconds % 86400),
      sourceMs,
      sourceMs,
      JSON.stringify(collectionConf(modelId)),
      JSON.stringify({ [modelId]: noteTypeOf(modelId, noteType, seconds, deckIds.get(topDeck)!) }),
      JSON.stringify(Object.fromEntries([
        // Anki expects its Default deck in every collection.
        [DEFAULT_DECK_ID, deck(DEFAULT_DECK_ID, 'Default', 0)],
        ...[...deckIds].map(([name, id]) => [id, deck(id, name, seconds, name === topDeck ? description : '')]),
      ])),
      JSON.stringify({ [DECK_CONF_ID]: DECK_CONF }),
      '{}',
    ]);
    const insertNote = db.prepare('INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)');
    const insertCard = db.prepare('INSERT INTO cards VALUES (?, ?, ?, 0, ?, -1, 0, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, ?)');
    db.run('BEGIN');
    notes.forEach((note, i) => {
      const id = firstId + i;
      const fields = [note.front, note.back, note.number].join(FIELD_SEPARATOR);
      const tags = ` ${note.tags.join(' ')} `;
      insertNote.run([id, note.guid, modelId, seconds, tags, fields, note.frontText, fieldChecksum(note.frontText), '']);
      // A new card's `due` is its place in the new-card queue: the book's order (kept when it is unsuspended).
      insertCard.run([id, id, deckIds.get(note.deck)!, seconds, note.unanswered ? SUSPENDED_QUEUE : NEW_QUEUE, i + 1, '']);
    });
    db.run('COMMIT');
    insertNote.free();
    insertCard.free();
    const bytes = reproducibleZip(
      [
        { path: 'collection.anki2', bytes: db.export() },
        // The media index: empty, since images are links on the cards.
        { path: 'media', bytes: new TextEncoder().encode('{}') },
      ],
      book.meta.sourceDate,
    );
    return { bytes, warnings };
  } finally {
    db.close();
  }
}

/** Every deck the notes use, with their parents, parents first; the top deck is always there. */
function deckNames(top: string, notes: AnkiNote[]): string[] {
  const names = new Set<string>([top]);
  for (const note of notes) {
    const parts = note.deck.split(NESTING);
    parts.forEach((_, i) => names.add(parts.slice(0, i + 1).join(NESTING)));
  }
  return [...names];
}

function collectionConf(modelId: number) {
  return {
    activeDecks: [DEFAULT_DECK_ID],
    addToCur: true,
    collapseTime: 1200,
    curDeck: DEFAULT_DECK_ID,
    curModel: String(modelId),
    dueCounts: true,
    estTimes: true,
    newBury: true,
    newSpread: 0,
    nextPos: 1,
    sortBackwards: false,
    sortType: 'noteFld',
    timeLim: 0,
  };
}

const field = (name: string, ord: number) => ({ name, ord, sticky: false, rtl: false, font: 'Arial', size: 20, media: [] });

function noteTypeOf(id: number, name: string, seconds: number, deckId: number) {
  return {
    id: String(id),
    name,
    type: 0,
    mod: seconds,
    usn: -1,
    sortf: 0,
    did: deckId,
    tmpls: [
      {
        name: CARD_TEMPLATE.name,
        ord: 0,
        qfmt: CARD_TEMPLATE.front,
        afmt: CARD_TEMPLATE.back,
        bqfmt: '',
        bafmt: '',
        did: null,
      },
    ],
    flds: NOTE_FIELDS.map(field),
    css: CARD_CSS,
    latexPre:
      '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n',
    latexPost: '\\end{document}',
    latexsvg: false,
    req: [[0, 'all', [0]]],
    tags: [],
    vers: [],
  };
}

function deck(id: number, name: string, seconds: number, desc = '') {
  return {
    id,
    name,
    mod: seconds,
    usn: -1,
    desc,
    dyn: 0,
    conf: DECK_CONF_ID,
    collapsed: false,
    browserCollapsed: false,
    extendNew: 0,
    extendRev: 0,
    newToday: [0, 0],
    revToday: [0, 0],
    lrnToday: [0, 0],
    timeToday: [0, 0],
  };
}

const DECK_CONF = {
  id: DECK_CONF_ID,
  name: 'Default',
  mod: 0,
  usn: 0,
  maxTaken: 60,
  autoplay: true,
  timer: 0,
  replayq: true,
  dyn: false,
  new: { bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20 },
  lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
  rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 },
};

export const apkgFormat: Writer = {
  write: async (book, { config }) => {
    const { bytes, warnings } = await toApkg(book, config);
    return { files: [{ path: 'deck.apkg', bytes }], warnings };
  },
};
