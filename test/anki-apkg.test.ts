import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ankiChecksum, ankiStrip, expectNoRepeatedLevel, hasAnswer, parseAnkiCsv, type AnkiCsv } from './support/anki.js';
import { mlq } from './support/cli.js';
import { ROOT } from './support/book.js';
import { parseConfig } from '../src/config.js';

const temp = () => mkdtempSync(path.join(tmpdir(), 'mlq-anki-apkg-'));

function build(formats: string, env: Record<string, string> = {}): string {
  const out = temp();
  const run = mlq(['build', '--formats', formats, '--out', out], { env });
  expect(run.stderr).not.toMatch(/mlq: (?:internal error|not publishing)/);
  expect(run.code).toBe(0);
  return out;
}

const rows = (db: Database, sql: string): SqlValue[][] => db.exec(sql)[0]?.values ?? [];

describe('deck.apkg of the bank in source/', () => {
  let out: string;
  let apkg: Buffer;
  let entries: Record<string, Uint8Array>;
  let db: Database;
  let csv: AnkiCsv;

  beforeAll(async () => {
    out = build('csv,apkg');
    apkg = readFileSync(path.join(out, 'deck.apkg'));
    entries = unzipSync(apkg);
    const SQL = await initSqlJs();
    db = new SQL.Database(entries['collection.anki2']);
    csv = parseAnkiCsv(readFileSync(path.join(out, 'deck.csv'), 'utf8'));
  });
  afterAll(() => db?.close());

  it('is a zip of collection.anki2 and an empty media index', () => {
    expect(Object.keys(entries).sort()).toEqual(['collection.anki2', 'media']);
    expect(JSON.parse(new TextDecoder().decode(entries.media))).toEqual({});
  });

  it('is a sound SQLite database by the sqlite3 command too', () => {
    const file = path.join(temp(), 'collection.anki2');
    writeFileSync(file, entries['collection.anki2']!);
    const check = spawnSync('sqlite3', [file, 'PRAGMA integrity_check;'], { encoding: 'utf8' });
    expect(check.error, 'the sqlite3 command is needed (apt-get install sqlite3)').toBeUndefined();
    expect(check.stdout.trim()).toBe('ok');
  });

  it('has the legacy Anki 2.1 schema: tables, columns and indexes', () => {
    const objects = rows(db, "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name");
    expect(objects).toEqual([
      ['index', 'ix_cards_nid'],
      ['index', 'ix_cards_sched'],
      ['index', 'ix_cards_usn'],
      ['index', 'ix_notes_csum'],
      ['index', 'ix_notes_usn'],
      ['index', 'ix_revlog_cid'],
      ['index', 'ix_revlog_usn'],
      ['table', 'cards'],
      ['table', 'col'],
      ['table', 'graves'],
      ['table', 'notes'],
      ['table', 'revlog'],
    ]);
    const columns = (table: string) => rows(db, `PRAGMA table_info(${table})`).map((r) => r[1]);
    expect(columns('notes')).toEqual(['id', 'guid', 'mid', 'mod', 'usn', 'tags', 'flds', 'sfld', 'csum', 'flags', 'data']);
    expect(columns('cards')).toEqual(['id', 'nid', 'did', 'ord', 'mod', 'usn', 'type', 'queue', 'due', 'ivl', 'factor', 'reps', 'lapses', 'left', 'odue', 'odid', 'flags', 'data']);
    expect(columns('col')).toEqual(['id', 'crt', 'mod', 'scm', 'ver', 'dty', 'usn', 'ls', 'conf', 'models', 'decks', 'dconf', 'tags']);
    expect(rows(db, 'SELECT ver FROM col')).toEqual([[11]]);
  });

  it('holds 67 + 13 notes and as many cards, one per note, with the GUIDs, fields and tags of deck.csv', () => {
    expect(rows(db, 'SELECT count(*) FROM notes')).toEqual([[80]]);
    expect(rows(db, 'SELECT count(*) FROM cards')).toEqual([[80]]);
    expect(rows(db, 'SELECT count(DISTINCT nid) FROM cards JOIN notes ON notes.id = cards.nid')).toEqual([[80]]);
    // Every card is new (type 0): in the new queue (0), or suspended (-1); due is its place in the book.
    expect(rows(db, 'SELECT count(*) FROM cards WHERE ord != 0 OR type != 0 OR queue NOT IN (0, -1)')).toEqual([[0]]);
    expect(rows(db, 'SELECT due FROM cards ORDER BY id').map((r) => r[0])).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    const notes = rows(db, 'SELECT guid, flds, tags FROM notes ORDER BY id');
    expect(notes.map((n) => n[0])).toEqual(csv.notes.map((n) => n.guid));
    notes.forEach(([, flds, tags], i) => {
      const fields = String(flds).split('\x1f');
      // The number is a field of its own, not part of the front.
      expect(fields).toEqual(csv.notes[i]!.fields);
      expect(fields[2]).toBe(String(i < 67 ? i + 1 : i - 66));
      expect(String(tags)).toBe(` ${csv.notes[i]!.tags.join(' ')} `);
    });
  });

  it('has no new card without an answer: those five are suspended and tagged, every other card is new', () => {
    const cards = rows(db, 'SELECT notes.flds, notes.tags, cards.queue FROM cards JOIN notes ON notes.id = cards.nid ORDER BY cards.id');
    const suspended = cards.filter(([, , queue]) => queue === -1);
    expect(suspended.map(([flds]) => String(flds).split('\x1f')[2])).toEqual(['9', '10', '11', '14', '20']);
    for (const [flds, tags, queue] of cards) {
      const back = String(flds).split('\x1f')[1]!;
      expect(queue, back).toBe(hasAnswer(back) ? 0 : -1);
      expect(String(tags).includes(' mlq::unanswered '), back).toBe(queue === -1);
    }
  });

  it("carries the NLP bank's perplexity formula as \\( … \\) for Anki's MathJax, never as $…$", () => {
    const perplexity = rows(db, "SELECT flds FROM notes WHERE flds LIKE '%What is perplexity used for?%'").map((r) => String(r[0]));
    expect(perplexity).toHaveLength(1);
    expect(perplexity[0]).toContain('Perplexity = \\(2^{H(D)}\\)');
    expect(perplexity[0]).toContain('\\(w_i\\) = the i-th word');
    const all = rows(db, 'SELECT flds FROM notes').map((r) => String(r[0])).join('\n');
    expect(all).not.toContain('$2^{H(D)}$');
    expect(all).not.toMatch(/\$[^$\s]/);
  });

  it('stores the sort field and checksum Anki computes from the stripped front', () => {
    for (const [flds, sfld, csum] of rows(db, 'SELECT flds, sfld, csum FROM notes')) {
      const stripped = ankiStrip(String(flds).split('\x1f')[0]!);
      expect(sfld).toBe(stripped);
      expect(csum).toBe(ankiChecksum(stripped));
      expect(stripped).toMatch(/^\S/);
      expect(stripped).not.toMatch(/^\d+\. /);
    }
  });

  it('describes a note type with Front, Back and Number named as deck.csv names it, and one deck per bank under the deck name', () => {
    const [[modelsJson, decksJson, dconfJson]] = rows(db, 'SELECT models, decks, dconf FROM col') as [[string, string, string]];
    const models = Object.values(JSON.parse(modelsJson)) as { id: string; name: string; flds: { name: string }[]; tmpls: { qfmt: string; afmt: string }[]; sortf: number }[];
    expect(models).toHaveLength(1);
    const [model] = models;
    expect(model!.name).toBe(csv.headers.notetype);
    expect(model!.flds.map((f) => f.name)).toEqual(['Front', 'Back', 'Number']);
    expect(model!.tmpls[0]!.qfmt).toBe('{{Front}}');
    expect(model!.tmpls[0]!.afmt).toContain('{{Back}}');
    expect(model!.sortf).toBe(0);
    expect(rows(db, 'SELECT DISTINCT mid FROM notes')).toEqual([[Number(model!.id)]]);

    const decks = JSON.parse(decksJson) as Record<string, { id: number; name: string; conf: number; desc: string }>;
    const names = Object.fromEntries(Object.values(decks).map((d) => [d.id, d.name]));
    // The deck says what it is: title, count, source date, licence and where the list lives.
    const top = Object.values(decks).find((d) => d.name === 'ML Interview Questions')!;
    expect(top.desc).toContain('<strong>Machine Learning Interview Questions</strong>');
    for (const fact of ['80 questions in 2 parts', 'Source dated 2023-11-14', 'republished with attribution', '<a href="https://github.com/andrewekhalel/MLQuestions">', '5 questions without an answer yet: suspended, tagged mlq::unanswered.']) {
      expect(top.desc).toContain(fact);
    }
    expect(Object.values(names).sort()).toEqual([
      'Default',
      'ML Interview Questions',
      'ML Interview Questions::Machine Learning Interview Questions 2025',
      'ML Interview Questions::NLP Interview Questions 2025',
    ]);
    for (const name of Object.values(names)) expectNoRepeatedLevel(name);
    for (const [id, deck] of Object.entries(decks)) {
      expect(Number(id)).toBe(deck.id);
      expect(JSON.parse(dconfJson)[deck.conf]).toBeDefined();
    }
    const cardDecks = rows(db, 'SELECT notes.guid, cards.did FROM cards JOIN notes ON notes.id = cards.nid');
    const deckOfGuid = new Map(csv.notes.map((n) => [n.guid, n.deck]));
    for (const [guid, did] of cardDecks) expect(names[Number(did)]).toBe(deckOfGuid.get(String(guid)));
  });

  it('takes its dates from SOURCE_DATE_EPOCH, never from the clock', () => {
    const seconds = 1700000000;
    expect(rows(db, 'SELECT DISTINCT mod FROM notes')).toEqual([[seconds]]);
    expect(rows(db, 'SELECT min(id) FROM notes')).toEqual([[seconds * 1000]]);
    expect(rows(db, 'SELECT mod FROM col')).toEqual([[seconds * 1000]]);
  });

  it('is byte-identical when built again with the same SOURCE_DATE_EPOCH, in another time zone', () => {
    const again = readFileSync(path.join(build('apkg', { TZ: 'America/New_York' }), 'deck.apkg'));
    expect(again.equals(apkg)).toBe(true);
  });

  it('keeps note type, deck ids and GUIDs when the source date moves on, so a re-import updates the notes', async () => {
    const later = unzipSync(readFileSync(path.join(build('apkg', { SOURCE_DATE_EPOCH: '1800000000' }), 'deck.apkg')));
    const SQL = await initSqlJs();
    const next = new SQL.Database(later['collection.anki2']);
    try {
      expect(rows(next, 'SELECT guid, mid, mod FROM notes ORDER BY id').map((r) => [r[0], r[1]])).toEqual(rows(db, 'SELECT guid, mid FROM notes ORDER BY id'));
      expect(rows(next, 'SELECT DISTINCT mod FROM notes')).toEqual([[1800000000]]);
      expect(rows(next, 'SELECT DISTINCT did FROM cards')).toEqual(rows(db, 'SELECT DISTINCT did FROM cards'));
    } finally {
      next.close();
    }
  });
});

describe('deck.apkg and deck.csv with deck.unanswered: omit', () => {
  it('leave out the questions without an answer: no note, no card, no tag', async () => {
    const dir = temp();
    const config = path.join(dir, 'mlq.yaml');
    writeFileSync(config, readFileSync(path.join(ROOT, 'source/mlq.yaml'), 'utf8').replace('deck:\n', 'deck:\n  unanswered: omit\n'));
    writeFileSync(path.join(dir, 'README.md'), readFileSync(path.join(ROOT, 'source/README.md')));
    mkdirSync(path.join(dir, 'NLP'));
    writeFileSync(path.join(dir, 'NLP/README.md'), readFileSync(path.join(ROOT, 'source/NLP/README.md')));
    const out = temp();
    const run = mlq(['build', '--formats', 'csv,apkg', '--config', config, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const notes = parseAnkiCsv(readFileSync(path.join(out, 'deck.csv'), 'utf8')).notes;
    expect(notes).toHaveLength(75);
    for (const note of notes) {
      expect(hasAnswer(note.back), note.front).toBe(true);
      expect(note.tags).not.toContain('mlq::unanswered');
    }
    const SQL = await initSqlJs();
    const omitted = new SQL.Database(unzipSync(readFileSync(path.join(out, 'deck.apkg')))['collection.anki2']);
    try {
      expect(rows(omitted, 'SELECT count(*), min(queue), max(queue) FROM cards')).toEqual([[75, 0, 0]]);
      expect(rows(omitted, 'SELECT guid FROM notes ORDER BY id').map((r) => r[0])).toEqual(notes.map((n) => n.guid));
      expect(String(rows(omitted, 'SELECT decks FROM col')[0]![0])).toContain('5 questions without an answer yet: left out.');
    } finally {
      omitted.close();
    }
  });

  it('is refused with a clear error when the setting is neither suspend nor omit', () => {
    expect(parseConfig('deck:\n  unanswered: Omit\n', 'mlq.yaml').deck.unanswered).toBe('omit');
    expect(parseConfig('deck:\n  name: X\n', 'mlq.yaml').deck.unanswered).toBe('suspend');
    expect(() => parseConfig('deck:\n  name: X\n  unanswered: hide\n', 'mlq.yaml')).toThrow('mlq.yaml:3: deck.unanswered: expected one of suspend, omit');
  });
});
