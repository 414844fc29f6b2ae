// guide.epub: checked by the reference validator (epubcheck), unzipped and read with a real HTML parser.
import { createHash } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { allQuestions, type Book, type BookMeta } from '../src/model.js';
import { parseBook } from '../src/read/parse.js';
import { load } from '../src/pipeline.js';
import { bookUuid, writeEpub } from '../src/writers/epub/index.js';
import { reproducibleZip } from '../src/writers/shared/zip.js';
import { MATH_BANK } from './support/math.js';
import { attr, elements, expectValid, squash, textOf, unpack, validatorTests, type Element, type Unpacked } from './support/epub.js';

let corpus: Book;
let corpusEpub: Uint8Array;

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH = '1700000000';
  corpus = (await load({ configFile: 'source/mlq.yaml', dated: true })).book;
  corpusEpub = (await writeEpub(corpus)).bytes;
});

const questionLabels = (book: Book) => allQuestions(book).map((q) => squash(`${q.number}. ${q.title}`));

const questionSections = (book: Unpacked) =>
  book.spine().flatMap((name) => elements(book.doc(name), 'section').filter((s) => attr(s, 'class') === 'question'));

/** A question's heading: an h3 under its section's h2, an h2 in a part without sections. */
const questionHeading = (section: Element) => elements(section).find((e) => /^h[23]$/.test(e.tagName))!;

const headingsOf = (book: Unpacked) => questionSections(book).map((s) => squash(textOf(questionHeading(s))));

function navQuestionLinks(book: Unpacked): Element[] {
  const nav = elements(book.doc('OEBPS/toc.xhtml'), 'nav').find((n) => attr(n, 'epub:type') === 'toc')!;
  return elements(nav, 'a').filter((a) => attr(a, 'href')!.includes('#q-'));
}

/** Every reference to another resource must be local; only an ordinary `<a href>` may leave the book. */
function remoteReferences(book: Unpacked): string[] {
  const found: string[] = [];
  for (const name of book.names) {
    const text = strFromU8(book.files[name]!);
    if (name.endsWith('.css')) {
      if (/url\s*\(|@import/i.test(text)) found.push(`${name}: ${text}`);
      continue;
    }
    if (!/\.(xhtml|opf|svg|xml|ncx)$/.test(name)) continue;
    for (const element of elements(book.doc(name))) {
      for (const { name: attribute, value } of element.attrs) {
        if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) continue;
        const remote = /^\s*(?:https?:)?\/\//i.test(value) || /url\s*\(/i.test(value);
        if (remote && !(element.tagName === 'a' && attribute === 'href')) found.push(`${name}: <${element.tagName} ${attribute}="${value}">`);
      }
    }
  }
  return found;
}

const META: BookMeta = {
  title: 'Hostile & <Bank> "Title" 😀',
  subtitle: 'Sub & <title>',
  authors: ['A & B <x@example.com>'],
  language: 'en',
  license: 'CC <BY> & co',
  upstream: 'https://github.com/example/hostile',
  description: '',
  subjects: ['a & b', '<script>'],
  sourceDate: '2024-02-29T12:34:56.000Z',
};

const LONG_LINE = `x = "${'a_very_long_token_'.repeat(300)}"`;

const HOSTILE = `# Q&A <Bank> & "Friends" 😀

Intro with <script>alert(1)</script> and <img src="https://tracker.example/p.gif"> and <style>body{}</style>.

## Basics & <Edge> Cases 🚀

#### 1) What is <script>alert("x")</script> & why is 1 < 3? 🚀 [[src]](https://example.com/a?x=1&y=2)

<img src=x onerror="alert(1)"> <iframe src="https://evil.example/"></iframe>
<a href="javascript:alert(1)">click</a> <span style="color:red" onclick="x()">styled</span>

![remote](https://example.com/pic.png) ![local](images/pic.png) <link rel="stylesheet" href="https://evil.example/x.css">

A [titled link](https://example.com/t "control\u0001character in a title").

See [relative](docs/other.md), [nowhere](#nowhere) and [question 2](#what-is-a-b); [bad](#%E0%A4) and <a href="#%ZZ">bad</a> escapes.

#### 2) What is a & b?

\`\`\`python
${LONG_LINE}
\`\`\`

3. starts at three
4. and goes on

| a | b | c |
|---|:-:|--:|
| 1 & 2 | <3 | 4 |

- [ ] task
- [x] done
  1. nested *emphasis* and \`code <b>\`

Control\u000Bcharacter and a footnote[^1].

[^1]: A footnote.

#### 3) An empty answer? 👀

#### 4) Duplicate ids <a id="dup">one</a> [[src]](docs/x.md)

<a id="dup">two</a> <a name="dup">three</a> <div id="dup">four</div>

<details open><summary>More</summary>Hidden <b>bold</b></details>

<p align="center" class="x">HTML 4 attributes:</p> <table border="1" cellpadding="2"><tr><td nowrap valign="top">cell</td></tr></table>
<ul compact type="square"><li type="disc">item</li></ul> <hr noshade> <ol reversed type="a" start="2"><li>b</li></ol>

## Second & last\u0001 section

#### 5) Answered only by a link [[Answer]](https://example.com/answer)
`;

const SECOND = `# Part <Two>\u0002

#### 1) No section here & there?\u0003

Plain answer with <kbd>Ctrl</kbd>+<kbd>C</kbd>.
`;

const hostileBook = () =>
  parseBook({
    meta: META,
    sources: [
      { file: 'hostile.md', text: HOSTILE },
      { file: 'second.md', text: SECOND },
    ],
  });

describe('epub: the corpus book', () => {
  it.runIf(validatorTests)('passes epubcheck with 0 errors and 0 warnings', async () => {
    await expectValid(corpusEpub, 'corpus.epub');
  }, 300_000);

  it('starts with the mimetype entry, stored', () => {
    const bytes = corpusEpub;
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(8, true)).toBe(0);
    expect(strFromU8(bytes.subarray(30, 38))).toBe('mimetype');
    expect(strFromU8(bytes.subarray(38, 58))).toBe('application/epub+zip');
  });

  it('has all 67 + 13 question titles in order in the chapters', () => {
    const headings = headingsOf(unpack(corpusEpub));
    expect(headings).toHaveLength(80);
    expect(headings).toEqual(questionLabels(corpus));
  });

  it('has every question in order in the navigation document, linked to its heading', () => {
    const book = unpack(corpusEpub);
    const links = navQuestionLinks(book);
    expect(links.map((a) => squash(textOf(a)))).toEqual(questionLabels(corpus));
    for (const link of links) {
      const [file, id] = attr(link, 'href')!.split('#') as [string, string];
      const target = elements(book.doc(`OEBPS/${file}`)).find((e) => attr(e, 'id') === id);
      expect(target && squash(textOf(questionHeading(target))), attr(link, 'href')).toBe(squash(textOf(link)));
    }
    // Parts per bank, then sections, then questions.
    const part = elements(book.doc('OEBPS/toc.xhtml'), 'li')[1]!;
    expect(squash(textOf(elements(part, 'a')[0]!))).toBe(corpus.banks[0]!.title);
    expect(squash(textOf(elements(part, 'a')[1]!))).toBe('Questions');
  });

  it("opens each bank's part with its own title and front matter", () => {
    const book = unpack(corpusEpub);
    const part = (n: number) => squash(textOf(book.doc(`OEBPS/part-${n}.xhtml`)));
    expect(part(1)).toContain(corpus.banks[0]!.title);
    expect(part(1)).toContain('Preparation Resources');
    expect(part(1)).toContain('Designing Machine Learning Systems');
    expect(part(2)).toContain('13 NLP Interview Questions 2025');
    expect(part(2)).toContain('The answers to all of these questions were generated using ChatGPT!');
    // The contents' links to the parts (the landmarks link the first part too, as where the questions start).
    const toc = elements(book.doc('OEBPS/toc.xhtml'), 'nav').find((n) => attr(n, 'epub:type') === 'toc')!;
    const nav = elements(toc, 'a').filter((a) => /^part-\d+\.xhtml$/.test(attr(a, 'href')!));
    expect(nav.map((a) => squash(textOf(a)))).toEqual(corpus.banks.map((bank) => bank.title));
  });

  it('shows the math of NLP question 8 as MathML, in a chapter the manifest declares with properties="mathml"', () => {
    const book = unpack(corpusEpub);
    const perplexity = corpus.banks[1]!.questions[7]!;
    expect(perplexity.title).toBe('What is perplexity used for?');
    const [chapter] = book.spine().filter((name) => strFromU8(book.files[name]!).includes(`id="q-${perplexity.id}"`));
    const section = elements(book.doc(chapter!), 'section').find((s) => attr(s, 'id') === `q-${perplexity.id}`)!;
    const formulas = elements(section, 'math');
    expect(formulas.length).toBe(5);
    expect(formulas.map((m) => attr(m, 'xmlns'))).toEqual(Array(5).fill('http://www.w3.org/1998/Math/MathML'));
    expect(textOf(elements(formulas[0]!, 'annotation')[0]!)).toBe('2^{H(D)}');
    const xhtml = strFromU8(book.files[chapter!]!);
    expect(xhtml).not.toContain('$2^{H(D)}$');
    expect(xhtml).not.toContain('language-math');
    // Exactly the files with MathML say so: a declaration too many is an epubcheck error too.
    const opf = book.doc('OEBPS/content.opf');
    const declared = elements(opf, 'item').filter((item) => attr(item, 'properties') === 'mathml').map((item) => `OEBPS/${attr(item, 'href')}`);
    const withMath = book.names.filter((name) => name.endsWith('.xhtml') && strFromU8(book.files[name]!).includes('<math'));
    expect(declared).toEqual([chapter]);
    expect(withMath).toEqual([chapter]);
  });

  it('keeps chapter files small and marks questions without an answer', () => {
    const book = unpack(corpusEpub);
    const chapters = book.spine().filter((name) => /part-\d+-\d+\.xhtml$/.test(name));
    expect(chapters.length).toBeGreaterThan(1);
    for (const name of chapters) expect(elements(book.doc(name), 'section').filter((s) => attr(s, 'class') === 'question').length).toBeLessThanOrEqual(20);
    const unanswered = questionSections(book)
      .filter((s) => elements(s, 'p').some((p) => attr(p, 'class') === 'no-answer'))
      .map((s) => attr(s, 'id'));
    const expected = allQuestions(corpus).filter((q) => !q.hasAnswer && q.answerLinks.length === 0);
    expect(unanswered).toEqual(expected.map((q) => `q-${q.id}`));
    expect(expected.map((q) => q.number)).toEqual(expect.arrayContaining([9, 14]));
  });

  it('references no remote resource and has no script', () => {
    const book = unpack(corpusEpub);
    expect(remoteReferences(book)).toEqual([]);
    for (const name of book.names) expect(strFromU8(book.files[name]!)).not.toMatch(/<script/i);
    // Ordinary hyperlinks do stay.
    expect(strFromU8(book.files['OEBPS/part-1-001.xhtml']!)).toContain('href="https://towardsdatascience.com/');
  });

  it('has the metadata: identifier from the config, dates from the source, cover image', () => {
    const book = unpack(corpusEpub);
    const opf = strFromU8(book.files['OEBPS/content.opf']!);
    const uuid = bookUuid(corpus.meta);
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(bookUuid({ ...corpus.meta, title: 'Another book' })).not.toBe(uuid);
    expect(opf).toContain(`<dc:identifier id="book-id">urn:uuid:${uuid}</dc:identifier>`);
    expect(opf).toContain('<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>');
    expect(opf).toContain('<dc:language>en</dc:language>');
    expect(opf).toContain('<dc:creator>Andrew Ekhalel and the MLQuestions contributors</dc:creator>');
    expect(opf).toContain('<dc:subject>Computer vision</dc:subject>');
    expect(opf).toMatch(/<dc:description>A collection of technical interview questions/);
    expect(opf).toContain('properties="cover-image"');
    expect(strFromU8(book.files['OEBPS/cover.svg']!)).toContain('Machine Learning Interview');
    const titlePage = squash(textOf(book.doc('OEBPS/title.xhtml')));
    expect(titlePage).toContain('80 questions in 2 parts');
    expect(titlePage).toContain('2023-11-14');
    expect(titlePage).toContain(corpus.meta.license);
    expect(titlePage).toContain(corpus.meta.upstream);
  });

  it('wraps long code lines in the stylesheet', () => {
    const css = strFromU8(unpack(corpusEpub).files['OEBPS/style.css']!);
    expect(css).toMatch(/pre\s*\{[^}]*white-space:\s*pre-wrap/);
  });

  it('gives the same bytes on a second build, in any time zone', async () => {
    const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      const again = (await writeEpub(corpus)).bytes;
      expect(sha(again)).toBe(sha(corpusEpub));
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    expect(sha((await writeEpub(corpus)).bytes)).toBe(sha(corpusEpub));
  });
});

describe('reproducibleZip', () => {
  /** Runs `make` with the process in another time zone (Node reads TZ again when it is assigned). */
  function inZone<T>(zone: string, make: () => T): T {
    const before = process.env.TZ;
    try {
      process.env.TZ = zone;
      return make();
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  }

  /** The DOS time and date of every central directory record and local header, decoded. */
  function entryTimes(zip: Uint8Array): string[] {
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const decode = (at: number) => {
      const time = view.getUint16(at, true);
      const date = view.getUint16(at + 2, true);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${1980 + (date >> 9)}-${pad((date >> 5) & 15)}-${pad(date & 31)}T${pad(time >> 11)}:${pad((time >> 5) & 63)}:${pad((time & 31) * 2)}`;
    };
    const times: string[] = [];
    for (let at = 0; at + 4 <= zip.length; at++) {
      const signature = view.getUint32(at, true);
      if (signature === 0x04034b50) times.push(decode(at + 10));
      if (signature === 0x02014b50) times.push(decode(at + 12));
    }
    return times;
  }

  it('stamps the same UTC time in every time zone, even one where that time falls in a daylight-saving gap', () => {
    const entries = [
      { path: 'mimetype', bytes: new TextEncoder().encode('application/epub+zip'), stored: true },
      { path: 'a/b.txt', bytes: new TextEncoder().encode('hello '.repeat(100)) },
    ];
    // 02:30 does not exist on these days in Berlin (clocks jump 02:00 -> 03:00) or in New York.
    for (const date of ['2024-03-31T02:30:00Z', '2024-03-10T02:30:00Z']) {
      const utc = inZone('UTC', () => reproducibleZip(entries, date));
      expect(entryTimes(utc)).toEqual(Array(4).fill(date.slice(0, 19)));
      for (const zone of ['Europe/Berlin', 'America/New_York', 'Pacific/Kiritimati']) {
        expect(Buffer.from(inZone(zone, () => reproducibleZip(entries, date))).equals(Buffer.from(utc))).toBe(true);
      }
      const files = unzipSync(utc);
      expect(Object.keys(files)).toEqual(['mimetype', 'a/b.txt']);
      expect(strFromU8(files['a/b.txt']!)).toBe('hello '.repeat(100));
    }
  });

  it('clamps dates zip cannot hold to its range, and counts an unreadable date as 1980', () => {
    const entries = [{ path: 'x', bytes: new Uint8Array([1]) }];
    expect(entryTimes(reproducibleZip(entries, '1970-01-01T00:00:00Z'))).toEqual(Array(2).fill('1980-01-01T00:00:00'));
    expect(entryTimes(reproducibleZip(entries, 'not a date'))).toEqual(Array(2).fill('1980-01-01T00:00:00'));
    expect(entryTimes(reproducibleZip(entries, '2200-06-01T12:00:00Z'))).toEqual(Array(2).fill('2107-12-31T23:59:58'));
  });
});

describe('epub: a hostile bank', () => {
  let bytes: Uint8Array;
  let warnings: string[];
  let book: Book;

  beforeAll(async () => {
    book = hostileBook();
    ({ bytes, warnings } = await writeEpub(book));
  });

  it.runIf(validatorTests)('passes epubcheck with 0 errors and 0 warnings', async () => {
    await expectValid(bytes, 'hostile.epub');
  }, 300_000);

  it('shows injected markup as text and runs nothing', () => {
    const epub = unpack(bytes);
    for (const name of epub.names) {
      const text = strFromU8(epub.files[name]!);
      expect(text, name).not.toMatch(/<script|<iframe|<style|\bon(?:error|click)=|javascript:/i);
    }
    expect(remoteReferences(epub)).toEqual([]);
    // Headings and nav show the sanitized title: the script is gone, `&` and `<` are text.
    const headings = headingsOf(epub);
    expect(headings).toHaveLength(6);
    expect(navQuestionLinks(epub).map((a) => squash(textOf(a)))).toEqual(headings);
    expect(headings[0]).toBe('1. What is & why is 1 < 3? 🚀');
    expect(headings[3]).toBe('4. Duplicate ids one');
    // The bank title as the model has it (the parser keeps its text, not its HTML), shown as text.
    // (less the control character XML cannot hold).
    expect(squash(textOf(epub.doc('OEBPS/toc.xhtml')))).toContain(squash(book.banks[1]!.title.replace('\u0002', '')));
    expect(strFromU8(epub.files['OEBPS/content.opf']!)).toContain('<dc:title>Hostile &amp; &lt;Bank&gt; &#34;Title&#34; 😀</dc:title>');
  });

  it("keeps an ordered list's start and a table column's alignment, in valid EPUB 3 markup", () => {
    const epub = unpack(bytes);
    const chapter = epub.doc('OEBPS/part-1-001.xhtml');
    expect(elements(chapter, 'ol').map((ol) => attr(ol, 'start'))).toContain('3');
    for (const cell of ['th', 'td']) expect(elements(chapter, cell).slice(0, 3).map((c) => attr(c, 'class'))).toEqual([undefined, 'align-center', 'align-right']);
    // Attributes GitHub's sanitizer lets through that EPUB 3 rejects (HTML 4's presentational ones), and
    // booleans, which would be written without the value XML needs, are gone.
    const body = elements(chapter, 'body')[0]!;
    const dropped = ['align', 'border', 'cellpadding', 'nowrap', 'valign', 'compact', 'noshade', 'reversed', 'open'];
    expect(elements(body).flatMap((e) => e.attrs.filter((a) => dropped.includes(a.name)).map((a) => `${e.tagName}[${a.name}]`))).toEqual([]);
    expect(elements(chapter, 'p').find((p) => textOf(p) === 'HTML 4 attributes:')!.attrs).toEqual([{ name: 'class', value: 'align-center' }]);
    expect(strFromU8(epub.files['OEBPS/style.css']!)).toMatch(/\.align-right \{ text-align: right; \}/);
    // A character XML forbids is taken out of attribute values too, not only out of text.
    expect(attr(elements(chapter, 'a').find((a) => textOf(a) === 'titled link')!, 'title')).toBe('controlcharacter in a title');
  });

  it('keeps the long code line whole, marks the empty answer, links across chapters', () => {
    const epub = unpack(bytes);
    const chapter = epub.doc('OEBPS/part-1-001.xhtml');
    expect(elements(chapter, 'pre').map(textOf).join('')).toContain(LONG_LINE);
    const empty = elements(chapter, 'section').find((s) => attr(s, 'id') === 'q-an-empty-answer')!;
    expect(squash(textOf(questionHeading(empty)))).toBe('3. An empty answer? 👀');
    expect(elements(empty, 'p').map((p) => [attr(p, 'class'), textOf(p)])).toEqual([['no-answer', 'No answer yet: contributions welcome.']]);
    const hrefs = elements(chapter, 'a').map((a) => attr(a, 'href'));
    expect(hrefs).toContain('part-1-001.xhtml#q-what-is-a-b');
    expect(hrefs).toContain('https://github.com/example/hostile/blob/HEAD/docs/other.md');
    // A source no reader can follow (here a path into the repository) is not listed.
    const duplicate = elements(chapter, 'section').find((s) => attr(s, 'id') === 'q-duplicate-ids-one')!;
    expect(elements(duplicate, 'p').filter((p) => attr(p, 'class') === 'sources')).toEqual([]);
    expect(hrefs).not.toContain('#nowhere');
    // A fragment that is not valid percent-encoding matches no question: the link is text, the build goes on.
    expect(hrefs.filter((href) => href?.includes('%'))).toEqual([]);
    expect(elements(chapter, 'li').map((li) => squash(textOf(li))).filter((text) => /^[☐☑]/.test(text))).toEqual(['☐ task', '☑ done nested emphasis and code <b>']);
    const ids = elements(chapter).map((e) => attr(e, 'id')).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
    expect(warnings).toEqual([
      'hostile.md:7: local image "x" is shown as its description in the EPUB',
      'hostile.md:7: local image "images/pic.png" is shown as its description in the EPUB',
    ]);
  });
});

describe('epub: sections of one title', () => {
  it('gives each its heading and file, two in a row too, and the intro of the second under its own heading', async () => {
    const text = '# SQL bank\n\n## SQL\n\n#### 1) What is A?\nA.\n\n## SQL\n\nThe schema: T(a).\n\n#### 2) What is B?\nB.\n';
    const epub = unpack((await writeEpub(parseBook({ meta: META, sources: [{ file: 'sql.md', text }] }))).bytes);
    const outline = (name: string) => elements(epub.doc(`OEBPS/${name}`)).filter((e) => /^h[1-6]$|^div$/.test(e.tagName)).map((e) => [e.tagName, squash(textOf(e))]);
    expect(outline('part-1-001.xhtml')).toEqual([
      ['h2', 'SQL'],
      ['h3', '1. What is A?'],
      ['div', 'A.'],
    ]);
    expect(outline('part-1-002.xhtml')).toEqual([
      ['h2', 'SQL'],
      ['div', 'The schema: T(a).'],
      ['h3', '2. What is B?'],
      ['div', 'B.'],
    ]);
  });
});

describe('epub: math in every place it can stand', () => {
  let bytes: Uint8Array;

  beforeAll(async () => {
    ({ bytes } = await writeEpub(parseBook({ meta: META, sources: [{ file: 'math.md', text: MATH_BANK }] })));
  });

  it.runIf(validatorTests)('passes epubcheck with 0 errors and 0 warnings', async () => {
    await expectValid(bytes, 'math.epub');
  }, 300_000);

  it('shows the formulas as MathML in the part page and the chapter, both declared mathml', () => {
    const epub = unpack(bytes);
    const mathIn = (name: string) => elements(epub.doc(`OEBPS/${name}`), 'math').length;
    expect(mathIn('part-1.xhtml')).toBe(1);
    // Title, answer (the broken formula is KaTeX's error text instead).
    expect(mathIn('part-1-001.xhtml')).toBe(1 + 7);
    const opf = epub.doc('OEBPS/content.opf');
    const declared = elements(opf, 'item').filter((item) => attr(item, 'properties') === 'mathml').map((item) => attr(item, 'href'));
    // The topic's intro, under its heading before its first question, its sub-head one level below the topic's.
    expect(declared).toEqual(['part-1.xhtml', 'part-1-001.xhtml', 'part-1-002.xhtml']);
    const topic = epub.doc('OEBPS/part-1-002.xhtml');
    expect(elements(topic).filter((e) => /^h[1-6]$/.test(e.tagName)).map((e) => [e.tagName, squash(textOf(e))])).toEqual([
      ['h2', 'Topic'],
      ['h3', 'Notation'],
      ['h3', '2. Why?'],
    ]);
    const intro = elements(topic, 'div').find((e) => attr(e, 'class') === 'intro')!;
    expect(elements(intro, 'annotation').map(textOf)).toEqual(['\\beta^2', '\\gamma_k']);
    const chapter = strFromU8(epub.files['OEBPS/part-1-001.xhtml']!);
    expect(chapter).not.toMatch(/language-math|href="javascript:/);
    expect(chapter).toContain('class="katex-error"');
  });
});

// Badges, sponsor blocks and linked images, as upstream carried for 17 versions, and answers in <details>.
const LINKED = `# Sponsored Questions

<p align="center"><a href="https://www.buymeacoffee.com/x"><img src="https://cdn.buymeacoffee.com/button.png" alt="Buy Me A Coffee"></a></p>

[![Buy Me A Coffee](https://img.shields.io/badge/coffee-yellow.png)](https://www.buymeacoffee.com/x) [![Stars](https://img.shields.io/github/stars/x.svg)](https://github.com/x)

## Basics

**What is a closure?**

<details><summary>Answer</summary>

A function with [its scope](https://example.com/scope). [![logo](https://example.com/l.png)](https://example.com) [![](https://example.com/e.png)](https://example.com/e)

</details>

**What is a promise?**

<details><summary>Show more</summary>

<a href="https://example.com/a"><img src="https://example.com/b.png" alt="diagram"></a> and <a href="https://b.example"><button>Go</button></a>

</details>

<p align="center"><a href="https://sponsor.example"><img src="https://sponsor.example/logo.png" width="200"></a></p>
`;

describe('epub: a bank of linked images, <details> answers and sponsor blocks', () => {
  let bytes: Uint8Array;
  let book: Book;

  beforeAll(async () => {
    book = parseBook({ meta: META, sources: [{ file: 'linked.md', text: LINKED }] });
    ({ bytes } = await writeEpub(book));
  });

  it('reads both questions, the first answer out of its <details>', () => {
    const [closure, promise] = allQuestions(book);
    expect(book.banks[0]!.layout).toBe('bold');
    expect(closure!.answerText).toMatch(/^A function with its scope/);
    expect(promise!.answerText).toMatch(/^Show more/);
  });

  it('has no link or other interactive element inside a link, in any chapter', () => {
    const epub = unpack(bytes);
    const nested = epub.names
      .filter((name) => name.endsWith('.xhtml'))
      .flatMap((name) => elements(epub.doc(name), 'a').flatMap((a) => elements(a).filter((e) => e !== a && ['a', 'button', 'details'].includes(e.tagName)).map(() => name)));
    expect(nested).toEqual([]);
    expect(epub.names.filter((name) => name.endsWith('.xhtml')).map((name) => textOf(epub.doc(name))).join('')).toContain('Buy Me A Coffee');
  });

  it.runIf(validatorTests)('passes epubcheck with 0 errors and 0 warnings', async () => {
    await expectValid(bytes, 'linked.epub');
  }, 300_000);
});
