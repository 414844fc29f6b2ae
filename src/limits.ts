// The resource limits: what one contribution can make mlq spend. One table, documented in README.md
// ("Security"); each refusal is a diagnostic or a one-line error at the line that crosses it. Not `as const`:
// Stryker mutates nothing under a type assertion, and each value, unit and doc is held by a test.
export interface Limit {
  value: number;
  /** What is counted, as a refusal names it ("3001 table cells"). */
  unit: string;
  /** Of what, and why, as the README's table says it. */
  doc: string;
}

export const LIMITS = {
  bankBytes: { value: 64 * 1024 * 1024, unit: 'bytes', doc: 'per bank (100x the corpus is about 4 MB)' },
  configBytes: { value: 1024 * 1024, unit: 'bytes', doc: 'of mlq.yaml' },
  patternWork: { value: 100_000_000, unit: 'RE2 instructions x characters', doc: 'the instructions of a list of patterns of mlq.yaml (links.skip, site.sponsored) times the characters of the distinct URLs or hosts it is matched against' },
  cacheBytes: { value: 64 * 1024 * 1024, unit: 'bytes', doc: 'of the link cache file' },
  imageBytes: { value: 16 * 1024 * 1024, unit: 'bytes', doc: 'per embedded image file' },
  imagePixels: { value: 25_000_000, unit: 'pixels', doc: 'per embedded image (width x height read from its PNG or JPEG header)' },
  imagePixelsTotal: { value: 100_000_000, unit: 'pixels', doc: 'of all distinct images of a book' },
  lineChars: { value: 1_000_000, unit: 'characters', doc: 'per line of a bank' },
  nesting: { value: 100, unit: 'levels', doc: 'of nested quotes and lists' },
  elementNesting: { value: 256, unit: 'levels', doc: 'of nested elements in a title, an answer, a bank\'s front matter or a topic\'s intro (HTML tags, emphasis, quotes and lists together), which the writers walk recursively' },
  wordChars: { value: 64, unit: 'characters', doc: 'of an unbroken word (or code) in the PDF between two places where a line may break (64 fit any line)' },
  markupChars: { value: 50_000, unit: 'characters', doc: 'that are pipes, square brackets or less-than signs outside code, from one heading at the margin to the next (in the whole bank when it has link definitions), which the parser takes at once: each can open a table cell, a link or a tag, and costs it kilobytes of memory (the real lists have up to 5,382)' },
  answerChars: { value: 1_000_000, unit: 'characters', doc: 'from one heading to the next (an answer is parsed in one piece)' },
  // Counted on the parsed tree (src/read/tally.ts); an answer is the text from one question to the next.
  questionsPerBank: { value: 25_000, unit: 'questions', doc: 'per bank (the corpus repeated 100 times has 6,700)' },
  questionsPerBook: { value: 50_000, unit: 'questions', doc: 'per book' },
  cellsPerAnswer: { value: 20_000, unit: 'table cells', doc: 'per answer, tables in quotes and lists included (the real lists have up to 958)' },
  cellsPerBank: { value: 50_000, unit: 'table cells', doc: 'per bank (the real lists have up to 1,110)' },
  cellsPerBook: { value: 100_000, unit: 'table cells', doc: 'per book' },
  linksPerAnswer: { value: 5_000, unit: 'links', doc: 'per answer: Markdown, reference, bare and HTML links (the real lists have up to 488)' },
  linksPerBank: { value: 20_000, unit: 'links', doc: 'per bank (the corpus repeated 100 times has 9,200)' },
  linksPerBook: { value: 40_000, unit: 'links', doc: 'per book' },
  imagesPerAnswer: { value: 200, unit: 'image references', doc: 'per answer, Markdown and HTML (the real lists have up to 4)' },
  imagesPerBank: { value: 2_000, unit: 'image references', doc: 'per bank (the real lists have up to 14)' },
  imagesPerBook: { value: 4_000, unit: 'image references', doc: 'per book' },
  formulasPerAnswer: { value: 100, unit: 'formulas', doc: 'per answer (the real lists have up to 5)' },
  formulasPerBank: { value: 1_000, unit: 'formulas', doc: 'per bank (the real lists have up to 10; MathJax draws about 100 a second for the PDF)' },
  formulasPerBook: { value: 2_000, unit: 'formulas', doc: 'per book' },
  texPerFormula: { value: 1_000, unit: 'characters of TeX', doc: 'per formula (the real lists have up to 77; MathJax takes time that grows with it)' },
  texPerAnswer: { value: 5_000, unit: 'characters of TeX', doc: 'per answer' },
  texPerBank: { value: 25_000, unit: 'characters of TeX', doc: 'per bank (the real lists have up to 251)' },
  texPerBook: { value: 50_000, unit: 'characters of TeX', doc: 'per book (MathJax draws about 2,000 a second for the PDF)' },
  emphasisRun: { value: 2_000, unit: 'emphasis marks', doc: '(* or _) in one paragraph (matching them takes quadratic time)' },
} satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;
export const limit = (name: LimitName): number => LIMITS[name].value;
