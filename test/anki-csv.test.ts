import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { activeHtml, expectNoRepeatedLevel, hasAnswer, parseAnkiCsv, type AnkiCsv, type CsvNote } from './support/anki.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { toAnkiCsv } from '../src/writers/anki/csv.js';
import { toApkg } from '../src/writers/anki/apkg.js';
import { ROOT, SOURCE, bookOf, read } from './support/book.js';
import { mlq } from './support/cli.js';

const temp = () => mkdtempSync(path.join(tmpdir(), 'mlq-anki-csv-'));

function buildCsv(args: string[], out = temp()): { text: string; bytes: Buffer } {
  const run = mlq(['build', '--formats', 'csv', '--out', out, ...args]);
  expect(run.stderr).not.toMatch(/mlq: (?:internal error|not publishing)/);
  expect(run.code).toBe(0);
  const bytes = readFileSync(path.join(out, 'deck.csv'));
  return { text: bytes.toString('utf8'), bytes };
}

/** The question a note asks (its front holds no number): what must stay tied to a GUID. */
const questionOf = (note: CsvNote) => note.front;

describe('deck.csv of the bank in source/', () => {
  let text: string;
  let bytes: Buffer;
  let csv: AnkiCsv;
  beforeAll(() => {
    ({ text, bytes } = buildCsv([]));
    csv = parseAnkiCsv(text);
  });

  it("has the file headers that make the import need no settings, naming deck.apkg's note type, not Anki's localized Basic", () => {
    expect(csv.headers).toEqual({
      separator: 'Comma',
      html: 'true',
      notetype: 'Basic (ML Interview Questions)',
      'guid column': '1',
      'deck column': '2',
      'tags column': '6',
    });
    expect(bytes.subarray(0, 3)).not.toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text).not.toContain('\r');
  });

  it('holds 67 + 13 notes with unique GUIDs, non-empty fronts and backs, in book order, no number on the front', () => {
    expect(csv.notes).toHaveLength(80);
    // The GUIDs of the deck as published before: a re-import must update these notes, not add new ones.
    expect(csv.notes.slice(0, 3).map((n) => n.guid)).toEqual(['9ed4bee163037861', '0d9a7e8198b4e5c8', 'd6d92576d8fc24fe']);
    expect(createHash('sha256').update(csv.notes.map((n) => n.guid).join('\n')).digest('hex')).toBe('e1db4d5b59c7ea5d70ad4da7b96db5a5bd908f6debde86fd907a084dbab7ca78');
    // The number is the note type's third field, its own column.
    expect(csv.notes.map((n) => n.fields[2])).toEqual([...Array.from({ length: 67 }, (_, i) => String(i + 1)), ...Array.from({ length: 13 }, (_, i) => String(i + 1))]);
    expect(new Set(csv.notes.map((n) => n.guid)).size).toBe(80);
    for (const note of csv.notes) {
      expect(note.guid).toMatch(/^[0-9a-f]{16}$/);
      expect(note.front.trim()).not.toBe('');
      expect(note.back.trim()).not.toBe('');
    }
    expect(csv.notes[0]!.front).toBe("What's the trade-off between bias and variance?");
    expect(csv.notes[1]!.front).toBe('What is gradient descent?');
    for (const note of csv.notes) expect(note.front).not.toMatch(/^(?:<strong>)?\d+\./);
  });

  it("writes the NLP bank's math as \\( … \\), which Anki's MathJax renders, and no $…$", () => {
    const perplexity = csv.notes.find((n) => n.front.includes('What is perplexity used for?'))!;
    expect(perplexity.back).toContain('<p>Perplexity = \\(2^{H(D)}\\)</p>');
    expect(perplexity.back).toContain('\\(H(D) = - {\\sum}_{i=1}^{N} {P(w_i)\\log_2{ P(w_i) }}\\)');
    expect(text).not.toContain('$2^{H(D)}$');
    expect(text).not.toMatch(/\$[^$\s]/);
  });

  it('carries no active HTML: no script, style, handlers, javascript: URLs or images', () => {
    for (const note of csv.notes) {
      expect(activeHtml(note.front)).toEqual([]);
      expect(activeHtml(note.back)).toEqual([]);
    }
  });

  it('puts each note in the deck of its bank, with no level repeated, and tags it with its topic and source domains', () => {
    const decks = new Set(csv.notes.map((n) => n.deck));
    // The banks' titles as written, but for the counts they open with ("67 Machine Learning ..."), which go stale.
    expect(decks).toEqual(new Set(['ML Interview Questions::Machine Learning Interview Questions 2025', 'ML Interview Questions::NLP Interview Questions 2025']));
    for (const deck of decks) expectNoRepeatedLevel(deck);
    expect(csv.notes.filter((n) => n.deck.endsWith('::NLP Interview Questions 2025'))).toHaveLength(13);
    // No tag names the deck or the bank; the section is the topic.
    expect(csv.notes[0]!.tags).toEqual(['topic::questions', 'source::houseofbots.com', 'source::towardsdatascience.com']);
    expect(csv.notes.at(-1)!.tags).toEqual(['source::projectpro.io']);
    for (const note of csv.notes) {
      for (const tag of note.tags) expect(tag).toMatch(/^(?:topic|source|mlq)::[^\s"]+$/);
      expect(note.tags.filter((t) => t.startsWith('topic::')).length).toBe(note.deck.includes('NLP') ? 0 : 1);
    }
  });

  it('tags every note without an answer of its own mlq::unanswered, and no other (a CSV cannot suspend)', () => {
    const unanswered = csv.notes.filter((n) => !hasAnswer(n.back));
    // Questions 9 and 14 have no answer; 10, 11 and 20 only a link to one.
    expect(unanswered.map((n) => n.fields[2])).toEqual(['9', '10', '11', '14', '20']);
    for (const note of csv.notes) expect(note.tags.includes('mlq::unanswered'), note.front).toBe(unanswered.includes(note));
  });

  it('renders answers as HTML: paragraphs, code blocks, and sources as links', () => {
    const byNumber = (n: number) => csv.notes[n - 1]!;
    expect(byNumber(1).back).toMatch(/^<p>If our model is too simple/);
    expect(byNumber(1).back).toContain('Sources: <a href="http://houseofbots.com/');
    expect(byNumber(2).back).toContain('Source: <a href="http://houseofbots.com/');
    // Question 64's heading ends with ":": the code it announces is on the front, the rest on the back.
    expect(byNumber(64).front).toMatch(/be incorrect :<pre><code>def get_splits\(\):/);
    expect(byNumber(64).back).not.toContain('def get_splits():');
    expect(byNumber(64).back).not.toBe('');
    expect(byNumber(5).back).toMatch(/<(?:em|strong)>/);
  });

  it('says so on the back of a question without an answer, and gives the answer link where there is one', () => {
    const byNumber = (n: number) => csv.notes[n - 1]!;
    expect(byNumber(9).back).toMatch(/^<p><em>No answer yet: contributions welcome\.<\/em><\/p>/);
    expect(byNumber(14).back).toMatch(/^<p><em>No answer yet: contributions welcome\.<\/em><\/p>/);
    expect(byNumber(10).back).toContain('<p>Answer: <a href="https://www.geeksforgeeks.org/sparse-matrix-representation/">geeksforgeeks.org</a></p>');
    // The link stands in for the answer: the card does not also say there is none.
    expect(byNumber(10).back).toMatch(/^<p>Answer: /);
    expect(byNumber(10).back).not.toContain('No answer yet');
  });

  it('is byte-identical across two builds', () => {
    expect(buildCsv([]).bytes.equals(bytes)).toBe(true);
  });
});

describe('deck.csv of a hostile bank', () => {
  const hostile = [
    '# Hostile Bank',
    '',
    '## Web',
    '',
    '#### 1) <script>alert(1)</script>What is "XSS", really? [[src](javascript:alert(2))]',
    '',
    'It runs <img src=x onerror=alert(3)> script; see [x](javascript:alert(4)) and <a href="javascript:alert(5)" onclick="alert(6)">this</a>.',
    '',
    '<style>body { display: none }</style>',
    '',
    '![tracker](https://evil.example/pixel.png) <iframe src="https://evil.example/"></iframe>',
    '',
    '<picture><source srcset="https://evil.example/a.png"><img src="https://evil.example/b.png" alt="b"></picture>',
    '',
    '#### 2) A field with a comma, a "quote" and a line\u001fbreak? [[src](https://example.org/a)]',
    '',
    'Line one,',
    'line "two".',
    '',
    '```',
    '#not-a-comment, "quoted"',
    '```',
    '',
  ].join('\n');
  let csv: AnkiCsv;
  beforeAll(() => {
    const file = path.join(temp(), 'hostile.md');
    writeFileSync(file, hostile);
    // Its javascript: links are validation errors; published anyway, the deck must still be inert.
    csv = parseAnkiCsv(buildCsv(['--source', file, '--allow-errors']).text);
  });

  it('comes out inert, with the words kept', () => {
    expect(csv.notes).toHaveLength(2);
    for (const note of csv.notes) {
      expect(activeHtml(note.front)).toEqual([]);
      expect(activeHtml(note.back)).toEqual([]);
      expect(`${note.front}${note.back}`).not.toMatch(/javascript:|<script|<style|<img|\son\w+=|srcset|evil\.example\/a\.png/i);
      expect(`${note.front}${note.back}`).not.toContain('\u001f');
    }
    const [xss, quoting] = csv.notes as [CsvNote, CsvNote];
    expect(questionOf(xss)).toContain('What is "XSS", really?');
    expect(questionOf(xss)).not.toContain('alert');
    expect(xss.back).toContain('It runs');
    // Remote images are links a learner may follow, never fetched by the card.
    expect(xss.back).toContain('<a href="https://evil.example/pixel.png">tracker</a>');
    expect(xss.back).toContain('<a href="https://evil.example/b.png">b</a>');
    expect(xss.tags.some((t) => t.includes('javascript'))).toBe(false);
    expect(quoting.back).toContain('Line one,\nline "two".');
    expect(quoting.back).toContain('#not-a-comment, "quoted"');
  });
});

describe('GUIDs across an edit and a rebuild', () => {
  it('keep every old question its GUID after an answer edit, a new question 1 and a move; exactly one is new', () => {
    const dir = temp();
    const config = path.join(dir, 'mlq.yaml');
    // The first bank alone: its subdeck is the deck's own section then, as before the second bank came.
    writeFileSync(config, read(path.join(ROOT, 'source/mlq.yaml')).replace('  - NLP/README.md\n', ''));
    const bank = path.join(dir, 'README.md');
    const original = read(SOURCE);
    writeFileSync(bank, original);
    const before = parseAnkiCsv(buildCsv(['--config', config]).text).notes;

    const moved = /^#### 12\) [\s\S]*?(?=^#### 13\) )/m.exec(original)![0];
    const edited = original
      .replace('If our model is too simple and has very few parameters', 'When a model is too simple, with very few parameters,')
      .replace(moved, '')
      .replace('## Contributions', `## Computer Vision\n\n${moved}\n## Contributions`)
      .replace('## Questions\n', '## Questions\n\n#### 1) What is a learning rate? [[src](https://example.org/lr)]\n\nThe step size of gradient descent.\n');
    let next = 1;
    writeFileSync(bank, edited.replace(/^(#{3,4}) \d+\)/gm, (_, hashes: string) => `${hashes} ${next++})`));
    const after = parseAnkiCsv(buildCsv(['--config', config]).text).notes;

    expect(after).toHaveLength(68);
    const afterByGuid = new Map(after.map((n) => [n.guid, n]));
    for (const old of before) {
      const now = afterByGuid.get(old.guid);
      expect(now, questionOf(old)).toBeDefined();
      expect(questionOf(now!)).toBe(questionOf(old));
    }
    const added = after.filter((n) => !before.some((o) => o.guid === n.guid));
    expect(added.map(questionOf)).toEqual(['What is a learning rate?']);

    // A new question 1 renumbered all the others, and changed none of their fronts.
    for (const old of before) expect(afterByGuid.get(old.guid)!.front).toBe(old.front);
    const oldFirst = afterByGuid.get(before[0]!.guid)!;
    expect(oldFirst.back).toContain('When a model is too simple');
    const oldTwelve = before[11]!;
    // One bank: one deck; the move shows in the topic tag.
    expect(afterByGuid.get(oldTwelve.guid)!.deck).toBe('ML Interview Questions');
    expect(afterByGuid.get(oldTwelve.guid)!.tags[0]).toBe('topic::computer-vision');
    expect(oldTwelve.tags[0]).toBe('topic::questions');
  });
});

describe('images and links on the cards', () => {
  const bank = [
    '# Bank', // 1
    '',
    '#### 1) What does ![the icon](img/icon.png) show? [[src]](https://www.example.org/a) [[src]](mailto:a@example.org)', // 3
    '',
    'Text first.', // 5
    '',
    'A diagram:', // 7
    '![diagram](img/diagram.png)', // 8
    '',
    '[[answer]](javascript:alert(1)) [[answer]](./local.md)', // 10
    '',
    '#### 2) And in raw HTML?', // 12
    '',
    'Raw <b>HTML</b> loses the positions of the answer: <img src="img/raw.png" alt="raw">', // 14
    '',
  ].join('\n');

  it('warn once per image at its own line, in the same words from deck.csv and deck.apkg', async () => {
    const book = bookOf(bank);
    const csv = toAnkiCsv(book, DEFAULT_CONFIG);
    const apkg = await toApkg(book, DEFAULT_CONFIG);
    const says = (src: string, line: number) => `bank1.md:${line}: image "${src}" is a link on the Anki card: the deck carries no media`;
    // The one in raw HTML has no position of its own: it is named by its question's line.
    expect(csv.warnings).toEqual([says('img/icon.png', 3), says('img/diagram.png', 8), says('img/raw.png', 12)]);
    expect(apkg.warnings).toEqual(csv.warnings);
  });

  it('link the sites of web and mail sources, and leave out URLs no card may follow', () => {
    const [note] = parseAnkiCsv(toAnkiCsv(bookOf(bank), DEFAULT_CONFIG).text).notes;
    expect(note!.back).toContain('<p class="sources">Sources: <a href="https://www.example.org/a">example.org</a>, <a href="mailto:a@example.org">mailto:a@example.org</a></p>');
    expect(note!.back).not.toMatch(/javascript:|local\.md|Answer: /);
    expect(note!.tags).toContain('source::example.org');
    expect(note!.tags.filter((t) => t.startsWith('source::'))).toEqual(['source::example.org']);
  });
});

describe('decks and tags from the banks', () => {
  const probability = ['## Probability (19 questions)', '', '#### 1. What is the chance of two heads in a row?', '  - 1/4', ''].join('\n');
  const leadingCount = ['# 67 Machine Learning Interview Questions 2025', '', '## Deep Learning', '', '#### 1) What is a ReLU?', '', 'max(0, x).', '', '## Глубокое обучение', '', '#### 2) Что такое ReLU?', '', 'max(0, x).', ''].join('\n');
  const sameAsDeck = ['# Test Book', '', '#### 1) Why?', '', 'Because.', ''].join('\n');

  it('name a subdeck by its bank title as written, dropping only a count the title opens with', () => {
    const notes = parseAnkiCsv(toAnkiCsv(bookOf(probability, leadingCount), DEFAULT_CONFIG).text).notes;
    expect(notes.map((n) => n.deck)).toEqual(['Test Book::Probability (19 questions)', 'Test Book::Machine Learning Interview Questions 2025', 'Test Book::Machine Learning Interview Questions 2025']);
  });

  it('put the questions of a bank titled as the deck in the deck itself, not in a level that repeats it', () => {
    const notes = parseAnkiCsv(toAnkiCsv(bookOf(sameAsDeck, probability), DEFAULT_CONFIG).text).notes;
    expect(notes.map((n) => n.deck)).toEqual(['Test Book', 'Test Book::Probability (19 questions)']);
    for (const note of notes) expectNoRepeatedLevel(note.deck);
  });

  it('tag the topic from the section, in any script; a question outside any section has none', () => {
    const notes = parseAnkiCsv(toAnkiCsv(bookOf(leadingCount, probability), DEFAULT_CONFIG).text).notes;
    expect(notes.map((n) => n.tags.filter((t) => t.startsWith('topic::')))).toEqual([['topic::deep-learning'], ['topic::глубокое-обучение'], []]);
  });
});

describe("deck.csv's header lines in a spreadsheet", () => {
  it('stay one cell each, starting with "#", whatever the deck is named', () => {
    const config = { ...DEFAULT_CONFIG, deck: { ...DEFAULT_CONFIG.deck, name: 'a,=HYPERLINK("https://evil.example");+1\t@x' } };
    const { text } = toAnkiCsv(bookOf('# B\n\n#### 1) Why?\n\nBecause.\n'), config);
    const headers = text.split('\n').filter((line) => line.startsWith('#'));
    expect(headers).toHaveLength(6);
    for (const line of headers) expect(line.split(/[,;\t]/), line).toHaveLength(1);
    expect(parseAnkiCsv(text).headers.notetype).toBe('Basic (a =HYPERLINK( https://evil.example ) +1 @x)');
  });
});
